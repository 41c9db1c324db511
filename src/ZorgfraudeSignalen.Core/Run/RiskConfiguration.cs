using System.Text.Json;
using System.Text.Json.Nodes;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// Everything besides the snapshots that decides a risk run's output. Same inputs and same configuration give a
/// byte-identical risk list; the model-run record stores this configuration whole. The run id is not part of it: it
/// belongs to the run (<see cref="RiskRunRequest"/>, <see cref="RiskResult"/>, <see cref="ModelRunRecord"/>).
/// </summary>
public sealed record RiskConfiguration
{
    /// <summary>Reference date; null = the latest periode_eind in the declarations (or <see cref="Rundatum"/> without any).</summary>
    public DateOnly? Peildatum { get; init; }

    /// <summary>The date the run was triggered; only used as the peildatum when there are no declarations.</summary>
    public DateOnly Rundatum { get; init; }

    public int Seed { get; init; } = 20250101;

    /// <summary>Principal components kept by the anomaly model's PCA part; null = chosen from the data (<see cref="PcaAnomalyDetector.ChooseRank"/>).</summary>
    public int? Rank { get; init; }

    public IndicatorThresholds Drempels { get; init; } = new();

    /// <summary>Signals with at least this risicoscore are published for review (te_beoordelen).</summary>
    public double PublicatieDrempel { get; init; } = 40;

    /// <summary>
    /// The first this many places of the list show every kind of published signal (<see cref="RiskList.ReviewOrder"/>):
    /// 0 keeps the list in score order. A record made before this setting existed replays with 0.
    /// </summary>
    public int Beoordelingsvenster { get; init; } = 50;

    /// <summary>
    /// The anomaly model's weight in the risicoscore (docs/indicatoren.md): its surprise counts for this share, so at most
    /// half of what a pattern as rare as <see cref="RisicoscoreHalverwegeKans"/> adds.
    /// </summary>
    public double GewichtAnomalie { get; init; } = 0.5;

    /// <summary>Evidence as surprising as an event of this chance scores 50; the model's surprise is capped at it.</summary>
    public double RisicoscoreHalverwegeKans { get; init; } = 0.01;

    /// <summary>Fewer scored providers than this and the anomaly model is not fitted (its scores would mean nothing).</summary>
    public int MinimumAanbiedersVoorModel { get; init; } = 10;

    /// <summary>Learning from reviewers' assessments (docs/leren.md).</summary>
    public Learning.LearningSettings Leren { get; init; } = new();

    /// <summary>
    /// The JSON that a run's hashes cover: the configuration with <paramref name="runId"/> as its first property. The
    /// run id was once the configuration's first property, so this is the same text as then, and the hashes in earlier
    /// records and audit entries still match.
    /// </summary>
    public string HashedJson(string runId) => HashedJson(JsonSerializer.SerializeToNode(this, ModelRunRecord.Json)!.AsObject(), runId);

    /// <summary>
    /// The same JSON made from a configuration as a model-run record stores it. An auditor's check hashes what was
    /// stored, not what today's code would write back: a setting added since would otherwise make an untouched record
    /// look changed.
    /// </summary>
    public static string HashedJson(JsonObject configuration, string runId)
    {
        var hashed = new JsonObject { ["runId"] = runId };
        foreach (var (name, value) in configuration)
            hashed[name] = value?.DeepClone();
        return hashed.ToJsonString(ModelRunRecord.Json);
    }
}
