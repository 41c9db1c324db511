using System.Text.Json;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>One training example: a provider's outcome, with the features its signal had and its weight.</summary>
public sealed record Label(string AanbiederId, string RunId, bool Positief, DateOnly Datum, string Route, double Propensiteit, double Gewicht, double[] Kenmerken);

/// <summary>The labels a run trains on, with what was left out and why; <see cref="Sha256"/> names them in the model-run record.</summary>
public sealed record LabelSet(
    IReadOnlyList<Label> Labels,
    int Positief,
    int Negatief,
    DateOnly? Van,
    DateOnly? Tot,
    IReadOnlyDictionary<string, int> Uitgesloten,
    string Sha256);

/// <summary>
/// The label rules, written down (docs/leren.md):
/// <list type="bullet">
/// <item>nader_onderzoek confirmed by a second, different reviewer = positive, also once the case has moved on
/// (notice sent, response received, closed with a measure); geen_aanwijzing = negative;</item>
/// <item>buiten_beschouwing is not a label, and neither is an escalation that was not confirmed, nor a case closed
/// with geen_maatregel after the provider's response (the response may have explained the facts: no confirmation,
/// but no geen_aanwijzing either);</item>
/// <item>a label older than <see cref="LearningSettings.LabelGeldigheidDagen"/> on the run date has expired;</item>
/// <item>labels about natural persons are left out when <see cref="LearningSettings.NatuurlijkePersonenUitsluiten"/>;</item>
/// <item>a label whose features are not the run's feature set (the features changed since) cannot be used;</item>
/// <item>of several labels about one provider only the latest counts.</item>
/// </list>
/// Every label is weighed by the inverse of its propensity (clipped at <see cref="LearningSettings.MinimumPropensiteit"/>),
/// the weights scaled to average 1, so that the few sampled providers stand for the many unflagged ones.
/// </summary>
public static class LabelRules
{
    public const string Verlopen = "verlopen";
    public const string NatuurlijkPersoon = "natuurlijk_persoon";
    public const string AndereKenmerken = "andere_kenmerken";
    public const string GeenLabel = "geen_label";
    public const string Ouder = "ouder_label_zelfde_aanbieder";

    /// <summary>The statuses of a confirmed case: from the confirmation to the closing decision.</summary>
    public static readonly IReadOnlySet<string> CaseStatuses = new HashSet<string>(StringComparer.Ordinal)
        { ReviewStatus.NaderOnderzoek, ReviewStatus.KennisgevingVerstuurd, ReviewStatus.ZienswijzeOntvangen, ReviewStatus.Afgesloten };

    /// <summary>The statuses of a confirmed case that still runs: the provider is not published anew meanwhile.</summary>
    public static readonly IReadOnlySet<string> OpenCaseStatuses = new HashSet<string>(StringComparer.Ordinal)
        { ReviewStatus.NaderOnderzoek, ReviewStatus.KennisgevingVerstuurd, ReviewStatus.ZienswijzeOntvangen };

    /// <summary>Whether an assessment is a label, and which: true = positive, false = negative, null = no label.</summary>
    public static bool? Outcome(PastAssessment a) => Outcome(a.Status, a.Bevestigd && a.Beoordelaars.Count >= 2, a.Besluit);

    /// <summary>The same rule on a signal's review state (for the portal's "what the system learns").</summary>
    public static bool? Outcome(Review.Beoordeling b) => Outcome(b.Status, MemoryBuilder.Confirmed(b), MemoryBuilder.Decision(b));

    /// <param name="confirmed">The escalation was confirmed by a second reviewer other than the one who proposed it.</param>
    /// <param name="besluit">The closing decision of a closed case.</param>
    public static bool? Outcome(string status, bool confirmed, string? besluit) => status switch
    {
        ReviewStatus.GeenAanwijzing => false,
        ReviewStatus.Afgesloten when confirmed && besluit == Review.Besluit.GeenMaatregel => null,
        _ when CaseStatuses.Contains(status) && confirmed => true,
        _ => null,
    };

    public static LabelSet Build(AssessmentMemory memory, IReadOnlyList<string> featureNames, DateOnly rundatum, LearningSettings settings)
    {
        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Exclude(string reason) => excluded[reason] = excluded.GetValueOrDefault(reason) + 1;

        var candidates = new List<(PastAssessment A, bool Positive)>();
        foreach (var a in memory.Beoordelingen)
        {
            if (Outcome(a) is not { } positive) { Exclude(GeenLabel); continue; }
            if (a.Datum.AddDays(settings.LabelGeldigheidDagen) < rundatum) { Exclude(Verlopen); continue; }
            if (settings.NatuurlijkePersonenUitsluiten && a.NatuurlijkPersoon) { Exclude(NatuurlijkPersoon); continue; }
            if (!a.KenmerkNamen.SequenceEqual(featureNames, StringComparer.Ordinal) || a.Kenmerken.Length != featureNames.Count) { Exclude(AndereKenmerken); continue; }
            candidates.Add((a, positive));
        }
        var latest = new List<(PastAssessment A, bool Positive)>();
        foreach (var group in candidates.GroupBy(c => c.A.AanbiederId, StringComparer.Ordinal))
        {
            var ordered = group.OrderByDescending(c => c.A.Datum).ThenByDescending(c => c.A.RunId, StringComparer.Ordinal).ToList();
            latest.Add(ordered[0]);
            for (var i = 1; i < ordered.Count; i++) Exclude(Ouder);
        }
        latest.Sort((x, y) => string.CompareOrdinal(x.A.AanbiederId, y.A.AanbiederId));

        var raw = latest.Select(c => settings.Wegen ? 1 / Math.Max(settings.MinimumPropensiteit, c.A.Propensiteit) : 1.0).ToArray();
        var mean = raw.Length == 0 ? 1 : raw.Average();
        var labels = latest.Select((c, i) => new Label(c.A.AanbiederId, c.A.RunId, c.Positive, c.A.Datum, c.A.Route, c.A.Propensiteit,
            Math.Round(raw[i] / mean, 6), c.A.Kenmerken)).ToList();

        var hash = ContentHash.Sha256(JsonSerializer.Serialize(labels, AssessmentMemory.Json));
        return new LabelSet(labels, labels.Count(l => l.Positief), labels.Count(l => !l.Positief),
            labels.Count == 0 ? null : labels.Min(l => l.Datum), labels.Count == 0 ? null : labels.Max(l => l.Datum), excluded, hash);
    }
}
