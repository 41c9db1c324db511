using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>
/// Builds the <see cref="AssessmentMemory"/> from what the runs published and what the reviewers decided. Pure, so
/// that the store, a test and the benchmark all give the same memory for the same facts.
/// </summary>
public static class MemoryBuilder
{
    /// <summary>The statuses that end a review and are remembered: a confirmed case stays remembered as it moves on to the notice and the decision.</summary>
    public static readonly IReadOnlySet<string> Remembered = new HashSet<string>(LabelRules.CaseStatuses.Append(ReviewStatus.GeenAanwijzing).Append(ReviewStatus.BuitenBeschouwing), StringComparer.Ordinal);

    /// <summary>
    /// The propensity of a signal: the chance it was on the list by its route (1 by the rules; for the sample its own
    /// chance of being drawn, or, where a publication does not hold it, the sample's size over its pool) times the
    /// chance that a signal on the list by that route was assessed in that run.
    /// </summary>
    public static double Propensity(Publication run, PublishedProvider provider, int assessedByRoute)
    {
        var sampled = provider.Route == Route.Steekproef;
        var listed = sampled ? run.Steekproef : run.Gemarkeerd;
        if (listed == 0) return 1;
        var onList = sampled ? provider.Kans ?? (double)run.Steekproef / Math.Max(run.Steekproef, run.Steekproef + run.Ongemarkeerd) : 1.0;
        var assessed = Math.Clamp((double)assessedByRoute / listed, 0, 1);
        return onList * assessed;
    }

    /// <param name="assessments">Per run id, its assessments (as the assessments table holds them).</param>
    public static AssessmentMemory Build(IEnumerable<Publication> publications, IReadOnlyDictionary<string, IReadOnlyList<Beoordeling>> assessments)
    {
        var result = new List<PastAssessment>();
        foreach (var run in publications.OrderBy(p => p.RunId, StringComparer.Ordinal))
        {
            if (!assessments.TryGetValue(run.RunId, out var ofRun)) continue;
            var published = run.Aanbieders.ToDictionary(a => a.AanbiederId, StringComparer.Ordinal);
            var assessed = ofRun.Where(b => b.Stappen.Count > 0 && published.ContainsKey(b.AanbiederId)).ToList();
            var perRoute = assessed.GroupBy(b => published[b.AanbiederId].Route).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var b in assessed.OrderBy(b => b.AanbiederId, StringComparer.Ordinal))
            {
                if (!Remembered.Contains(b.Status)) continue;
                var provider = published[b.AanbiederId];
                var last = b.Stappen[^1];
                var reviewers = b.Stappen.Select(s => s.DoorId).Distinct(StringComparer.Ordinal).ToList();
                result.Add(new PastAssessment(b.AanbiederId, run.RunId, b.Status, reviewers, Confirmed(b), DateOnly.FromDateTime(last.Op.UtcDateTime),
                    provider.Route, Math.Round(Propensity(run, provider, perRoute.GetValueOrDefault(provider.Route)), 6),
                    run.KenmerkNamen, provider.Kenmerken, provider.Indicatoren, provider.NatuurlijkPersoon, Decision(b)));
            }
        }
        return new AssessmentMemory(result);
    }

    /// <summary>
    /// A case (nader_onderzoek and the statuses after it) reached by a confirmation from someone other than the person
    /// who proposed it.
    /// </summary>
    public static bool Confirmed(Beoordeling b)
    {
        if (!LabelRules.CaseStatuses.Contains(b.Status)) return false;
        var at = -1;
        for (var i = b.Stappen.Count - 1; i >= 1 && at < 0; i--)
            if (b.Stappen[i].Naar == ReviewStatus.NaderOnderzoek && b.Stappen[i].Van == ReviewStatus.NaderOnderzoekVoorgesteld) at = i;
        if (at < 0) return false;
        var proposal = b.Stappen.Take(at).LastOrDefault(s => s.Naar == ReviewStatus.NaderOnderzoekVoorgesteld);
        return proposal is not null && proposal.DoorId != b.Stappen[at].DoorId;
    }

    /// <summary>The closing decision of a closed case; null while it runs.</summary>
    public static string? Decision(Beoordeling b) =>
        b.Status == ReviewStatus.Afgesloten ? b.Stappen.LastOrDefault(s => s.Besluit is not null)?.Besluit : null;
}
