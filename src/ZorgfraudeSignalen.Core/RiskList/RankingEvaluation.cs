namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>The ground truth about one provider, as a generator knows it.</summary>
/// <param name="Patronen">The planted patterns (codes), empty for an ordinary provider.</param>
public sealed record TruthRow(string AanbiederId, bool Fraude, bool LookAlike, IReadOnlyList<string> Patronen);

/// <param name="AveragePrecision">Average precision of the whole ranking against the fraud labels.</param>
/// <param name="PrecisionTop20">Share of fraud among the first 20.</param>
/// <param name="LookAlikesTop20">Benign look-alikes (and no fraud pattern) among the first 20.</param>
/// <param name="FraudInTop50">Fraud providers among the first 50, of <see cref="Fraud"/>.</param>
/// <param name="PatternsMissingFromTop50">Planted pattern kinds with no provider among the first 50.</param>
/// <param name="FraudOutsideTop50">Fraud providers ranked below 50, with their rank.</param>
public sealed record RankingQuality(
    int Providers,
    int Fraud,
    double AveragePrecision,
    double PrecisionTop20,
    int LookAlikesTop20,
    int FraudInTop50,
    IReadOnlyList<string> PatternsMissingFromTop50,
    IReadOnlyList<(string AanbiederId, int Rang, string Patronen)> FraudOutsideTop50);

/// <summary>How good a ranking is against a ground truth (docs/detectie.md reports these per seed).</summary>
public static class RankingEvaluation
{
    public static RankingQuality Evaluate(IReadOnlyList<string> rankedIds, IReadOnlyList<TruthRow> truth)
    {
        var byId = truth.ToDictionary(t => t.AanbiederId, StringComparer.Ordinal);
        var labels = rankedIds.Select(id => byId.TryGetValue(id, out var t) && t.Fraude).ToList();
        var fraud = truth.Count(t => t.Fraude);
        double hits = 0, sum = 0;
        for (var i = 0; i < labels.Count; i++)
            if (labels[i]) { hits++; sum += hits / (i + 1); }
        var top20 = rankedIds.Take(20).ToList();
        var top50 = rankedIds.Take(50).ToHashSet(StringComparer.Ordinal);
        var patterns = truth.Where(t => t.Fraude).SelectMany(t => t.Patronen).Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = patterns.Where(p => !truth.Any(t => t.Fraude && t.Patronen.Contains(p) && top50.Contains(t.AanbiederId))).ToList();
        var rank = rankedIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i + 1, StringComparer.Ordinal);
        var outside = truth.Where(t => t.Fraude && !top50.Contains(t.AanbiederId))
            .Select(t => (t.AanbiederId, rank.GetValueOrDefault(t.AanbiederId, int.MaxValue), string.Join('|', t.Patronen)))
            .OrderBy(x => x.Item2).ToList();
        return new RankingQuality(
            truth.Count, fraud,
            fraud == 0 ? 0 : sum / fraud,
            top20.Count == 0 ? 0 : (double)top20.Count(id => byId.TryGetValue(id, out var t) && t.Fraude) / top20.Count,
            top20.Count(id => byId.TryGetValue(id, out var t) && t.LookAlike && !t.Fraude),
            truth.Count(t => t.Fraude && top50.Contains(t.AanbiederId)),
            missing,
            outside);
    }
}
