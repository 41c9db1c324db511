using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// Everything besides the snapshots that decides a risk run's output. Same inputs and same configuration give a
/// byte-identical risk list; the model-run record stores this configuration whole.
/// </summary>
public sealed record RiskConfiguration
{
    /// <summary>The run id written into every row of the risk list.</summary>
    public required string RunId { get; init; }

    /// <summary>Reference date; null = the latest periode_eind in the declarations (or <see cref="Rundatum"/> without any).</summary>
    public DateOnly? Peildatum { get; init; }

    /// <summary>The date the run was triggered; only used as the peildatum when there are no declarations.</summary>
    public DateOnly Rundatum { get; init; }

    public int Seed { get; init; } = 20250101;

    /// <summary>Principal components kept by the anomaly model; null = <see cref="PcaAnomalyDetector.DefaultRank"/>.</summary>
    public int? Rank { get; init; }

    public IndicatorThresholds Drempels { get; init; } = new();

    /// <summary>Signals with at least this risicoscore are published for review (te_beoordelen).</summary>
    public double PublicatieDrempel { get; init; } = 40;

    /// <summary>Weights of the combined risicoscore: indicators and anomaly score (docs/indicatoren.md).</summary>
    public double GewichtIndicatoren { get; init; } = 0.7;
    public double GewichtAnomalie { get; init; } = 0.3;

    /// <summary>Fewer scored providers than this and the anomaly model is not fitted (its scores would mean nothing).</summary>
    public int MinimumAanbiedersVoorModel { get; init; } = 10;

    /// <summary>Learning from reviewers' assessments (docs/leren.md).</summary>
    public Learning.LearningSettings Leren { get; init; } = new();
}
