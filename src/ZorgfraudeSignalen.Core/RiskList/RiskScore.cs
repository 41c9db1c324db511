namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// The combined risicoscore, 0..100, built from surprise (−ln of a chance), so that evidence adds up and a rare
/// pattern outweighs any number of common habits:
/// <list type="bullet">
/// <item><c>S = Σ gewicht</c> over the indicators that fired, each −ln of how often it fires among the provider's peers
/// (<see cref="Indicators.IndicatorEvaluation"/>);</item>
/// <item>plus the anomaly model's part, <c>wA × min(−ln q, −ln p½)</c>, with q the provider's rank in the model's scores
/// as a share of the run (the most unusual of 1,000 providers has q = 0,001): the model orders and lifts, but with
/// wA = ½ it adds at most half of what a pattern as rare as p½ adds, so it never publishes a provider on its own;</item>
/// <item><c>risicoscore = 100 × S / (S + −ln p½)</c>: evidence as surprising as a chance of p½ (1 in 100) scores 50.</item>
/// </list>
/// </summary>
public static class RiskScore
{
    public static double Combine(double indicatorSurprise, double anomalyTail, double anomalyWeight, double halfwayChance)
    {
        var reference = -Math.Log(halfwayChance);
        var anomaly = anomalyTail is > 0 and <= 1 ? Math.Min(-Math.Log(anomalyTail), reference) : 0;
        var surprise = indicatorSurprise + anomalyWeight * anomaly;
        return Math.Round(100 * surprise / (surprise + reference), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Each provider's place in the model's scores as an empirical tail share of the run, q = (providers scoring at least
    /// as high) / n — the most unusual of n has 1/n; tied providers share the larger share, so a model that separates
    /// nobody adds nothing — and the anomaliescore shown in the list, 1 − (q·n − 1) / (n − 1): 1 for the most unusual
    /// provider, 0 for the least.
    /// </summary>
    public static (double[] Tail, double[] Score) Ranks(IReadOnlyList<double> raw)
    {
        var n = raw.Count;
        var tail = new double[n];
        var score = new double[n];
        if (n == 0) return (tail, score);
        var order = Enumerable.Range(0, n).OrderByDescending(i => raw[i]).ThenBy(i => i).ToArray();
        for (var r = 0; r < n;)
        {
            var end = r;
            while (end + 1 < n && raw[order[end + 1]] == raw[order[r]]) end++;
            var atLeast = end + 1;
            for (var x = r; x <= end; x++)
            {
                tail[order[x]] = (double)atLeast / n;
                score[order[x]] = n == 1 ? 0 : Math.Round(1 - (double)(atLeast - 1) / (n - 1), 6, MidpointRounding.AwayFromZero);
            }
            r = end + 1;
        }
        return (tail, score);
    }
}
