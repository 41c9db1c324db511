using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>How good one ranking is against the generator's ground truth.</summary>
/// <param name="AveragePrecision">Average precision of the ranking against the fraud labels (fraud never ranked counts as missed).</param>
/// <param name="PrecisionAt20">Share of fraud among the first 20.</param>
/// <param name="RocAuc">Chance that a fraud provider ranks above an honest one (providers not ranked tie at the bottom).</param>
/// <param name="LookAlikesTop20">Benign look-alikes without any fraud pattern among the first 20.</param>
/// <param name="Top50">Per planted scheme: how many providers carry it, and how many of them are among the first 50.</param>
public sealed record RankingMetrics(
    int Providers,
    int Fraud,
    double AveragePrecision,
    double PrecisionAt20,
    double RocAuc,
    int LookAlikesTop20,
    IReadOnlyDictionary<Patroon, (int Planted, int InTop50)> Top50)
{
    /// <summary>The planted schemes, by the names the issue tracker and docs/detectie.md use.</summary>
    public static readonly IReadOnlyList<(Patroon Scheme, string Name)> Schemes =
    [
        (Patroon.Woonzorg, "woonzorg"),
        (Patroon.MaximumDeclareren, "max_billing"),
        (Patroon.PgbTarief, "tarief"),
        (Patroon.Netwerk, "netwerk"),
        (Patroon.BuitenToewijzing, "spook"),
        (Patroon.IdentiekeBedragen, "identiek"),
        (Patroon.SnelleGroei, "groei"),
        (Patroon.VeelBudgethouders, "veel_bh"),
    ];

    /// <summary>Recall of a scheme in the first 50; NaN when the world did not plant it.</summary>
    public double RecallTop50(Patroon scheme) =>
        Top50.TryGetValue(scheme, out var r) && r.Planted > 0 ? (double)r.InTop50 / r.Planted : double.NaN;

    public static RankingMetrics Measure(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, Patroon> truth)
    {
        bool IsFraud(string id) => truth.TryGetValue(id, out var p) && Patronen.IsFraude(p);
        var fraud = truth.Count(t => Patronen.IsFraude(t.Value));

        double hits = 0, precisionSum = 0;
        for (var i = 0; i < ranked.Count; i++)
            if (IsFraud(ranked[i])) precisionSum += ++hits / (i + 1);

        var top20 = ranked.Take(20).ToList();
        var lookAlikes = top20.Count(id => truth.TryGetValue(id, out var p) && !Patronen.IsFraude(p) && (p & Patronen.LookAlike) != 0);
        var top50 = ranked.Take(50).ToHashSet(StringComparer.Ordinal);
        var perScheme = Schemes.ToDictionary(s => s.Scheme, s =>
        {
            var planted = truth.Where(t => t.Value.HasFlag(s.Scheme)).Select(t => t.Key).ToList();
            return (planted.Count, planted.Count(top50.Contains));
        });
        return new RankingMetrics(truth.Count, fraud,
            fraud == 0 ? 0 : precisionSum / fraud,
            top20.Count == 0 ? 0 : (double)top20.Count(IsFraud) / top20.Count,
            ComputeRocAuc(ranked, truth),
            lookAlikes,
            perScheme);
    }

    /// <summary>Mann–Whitney ROC-AUC from ranks: position in the ranking, every provider not ranked tied below the last.</summary>
    private static double ComputeRocAuc(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, Patroon> truth)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ranked.Count; i++) position.TryAdd(ranked[i], i);
        // Higher is riskier: the first ranked gets the highest score.
        var scored = truth.Select(t => (Score: position.TryGetValue(t.Key, out var p) ? ranked.Count - p : 0, Fraud: Patronen.IsFraude(t.Value)))
            .OrderBy(x => x.Score).ToList();
        long positives = scored.Count(x => x.Fraud), negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (var i = 0; i < scored.Count;)
        {
            var j = i;
            while (j < scored.Count && scored[j].Score == scored[i].Score) j++;
            var averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j share their mean
            for (var k = i; k < j; k++) if (scored[k].Fraud) rankSum += averageRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
