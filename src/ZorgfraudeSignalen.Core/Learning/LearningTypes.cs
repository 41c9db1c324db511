using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>
/// One scored provider as the learning step sees it: whatever features the run computed, by position in
/// <see cref="LearningInput.KenmerkNamen"/>, the base risicoscore and the indicators that fired. Nothing here is
/// tied to a particular feature set, so the indicators and features can change without touching the learning.
/// </summary>
/// <param name="NatuurlijkPersoon">The provider is a person (engaged by budget holders as such), not an organisation.</param>
public sealed record LearningCandidate(string AanbiederId, double Basisscore, double[] Kenmerken, IReadOnlyList<string> Indicatoren, bool NatuurlijkPersoon);

/// <param name="Omschrijving">A feature's description in plain Dutch, by its name (for explanations).</param>
/// <param name="Waarde">A feature's value as a reader expects it, by its name and value.</param>
public sealed record LearningInput(
    string RunId,
    DateOnly Rundatum,
    int Seed,
    double PublicatieDrempel,
    IReadOnlyList<string> KenmerkNamen,
    IReadOnlyList<LearningCandidate> Aanbieders,
    Func<string, string>? Omschrijving = null,
    Func<string, double, string>? Waarde = null);

public static class Route
{
    /// <summary>On the list because its risicoscore reached the publication threshold.</summary>
    public const string Regels = "regels";
    /// <summary>On the list through the random exploration sample.</summary>
    public const string Steekproef = "steekproef";
}

/// <summary>
/// What a run put on the list and by which route, with the features each published provider had: what later runs
/// learn from once the signals are assessed, and the counts that give a label its propensity.
/// Stored as <c>runs/{runId}/leren/publicatie.json</c>.
/// </summary>
/// <param name="Gemarkeerd">Providers on the list by their score.</param>
/// <param name="Ongemarkeerd">Providers below the threshold (and not held back), the pool the sample was drawn from.</param>
/// <param name="Steekproef">Providers drawn from that pool.</param>
public sealed record Publication(
    string RunId,
    DateOnly Rundatum,
    IReadOnlyList<string> KenmerkNamen,
    int Gemarkeerd,
    int Ongemarkeerd,
    int Steekproef,
    IReadOnlyList<PublishedProvider> Aanbieders)
{
    public static Publication Empty(string runId, DateOnly rundatum) => new(runId, rundatum, [], 0, 0, 0, []);
}

/// <param name="Kans">For the sample route: the provider's chance of being drawn (<see cref="ExplorationSample.Chances"/>); null by the rules.</param>
public sealed record PublishedProvider(string AanbiederId, string Route, double[] Kenmerken, IReadOnlyList<string> Indicatoren, bool NatuurlijkPersoon,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Kans = null);

/// <summary>
/// An assessed signal as the learning remembers it: the outcome, who decided and when, and the features the signal
/// had when it was published. No rationale (the portal shows that from the assessments themselves).
/// </summary>
/// <param name="Status">The signal's review status: <c>geen_aanwijzing</c>, <c>buiten_beschouwing</c>, and a confirmed case in any of its
/// statuses (<c>nader_onderzoek</c>, <c>kennisgeving_verstuurd</c>, <c>zienswijze_ontvangen</c>, <c>afgesloten</c>) are remembered.</param>
/// <param name="Beoordelaars">The distinct persons who took a step, in order.</param>
/// <param name="Bevestigd">For nader_onderzoek: confirmed by a second reviewer other than the one who proposed it.</param>
/// <param name="Propensiteit">The chance this signal was put in front of a reviewer: P(on the list by its route) × P(assessed | on the list by that route) in its run.</param>
/// <param name="Besluit">For a closed case: the closing decision (<c>geen_maatregel</c> or <c>maatregel</c>); null otherwise.</param>
public sealed record PastAssessment(
    string AanbiederId,
    string RunId,
    string Status,
    IReadOnlyList<string> Beoordelaars,
    bool Bevestigd,
    DateOnly Datum,
    string Route,
    double Propensiteit,
    IReadOnlyList<string> KenmerkNamen,
    double[] Kenmerken,
    IReadOnlyList<string> Indicatoren,
    bool NatuurlijkPersoon,
    string? Besluit = null);

/// <summary>
/// Every remembered assessment, the input a run reads besides its snapshots and configuration. Recorded with the run
/// (<c>runs/{runId}/leren/geheugen.json</c>, its hash in the model-run record) so that a replay uses exactly these.
/// </summary>
public sealed record AssessmentMemory(IReadOnlyList<PastAssessment> Beoordelingen)
{
    public static readonly AssessmentMemory Empty = new([]);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AssessmentMemory FromJson(string json) => JsonSerializer.Deserialize<AssessmentMemory>(json, Json) ?? Empty;
}
