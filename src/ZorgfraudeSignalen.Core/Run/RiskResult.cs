using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>The outcome of a risk run: every scored provider ranked, the details of the published ones, and model statistics for the run record.</summary>
public sealed record RiskResult(
    string RunId,
    DateOnly Peildatum,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<SignalDetail> Details,
    ModelSummary Model,
    IReadOnlyList<FeatureStatistic> Features,
    ScoreDistribution Distribution,
    Buildings.BuildingAnalysisResult Gebouwen,
    Learning.LearningOutcome? Leren = null)
{
    public IEnumerable<Signal> Published => Signals.Where(s => s.Status == ReviewStatus.TeBeoordelen);
}

/// <param name="Gefit">False when too few providers were scored to fit the model.</param>
public sealed record ModelSummary(bool Gefit, string Trainer, int Rank, int Seed, int Kenmerken, int Aanbieders, double ResidueleVariantie)
{
    /// <summary>How often each indicator applied and fired, per peer group, with the group's limit and weight.</summary>
    public IReadOnlyList<Indicators.IndicatorPrevalence> Indicatoren { get; init; } = [];
    /// <summary>What this run could not see as well as it should, in plain Dutch (e.g. no BAG extract).</summary>
    public IReadOnlyList<string> Beperkingen { get; init; } = [];
}

/// <summary>A feature's robust statistics over the run's providers (the scaler's median and scale).</summary>
public sealed record FeatureStatistic(string Kenmerk, double Mediaan, double Schaal, double Minimum, double Maximum);

/// <summary>How the risicoscores spread: counts per band of 10 points (0-10, ..., 90-100) and some quantiles.</summary>
public sealed record ScoreDistribution(IReadOnlyList<int> PerTien, double Mediaan, double P90, double P99, int Gepubliceerd, int Gescoord);
