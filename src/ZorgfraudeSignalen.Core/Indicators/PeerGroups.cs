namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// Peer groups: providers are compared with providers of the same kind — leveringsvorm × productcategorie × soort
/// (<see cref="ProviderFacts.PeerGroep"/>). A group too small to say what is usual is widened step by step:
/// leveringsvorm × soort, then leveringsvorm, then every provider of the run.
/// </summary>
public static class PeerGroups
{
    public const string Alle = "alle";

    private static readonly Func<ProviderFacts, string>[] Levels =
    [
        f => f.PeerGroep,
        f => $"{f.Leveringsvorm}/{f.Soort}",
        f => f.Leveringsvorm,
        _ => Alle,
    ];

    /// <summary>
    /// The group each provider is compared in: the narrowest level whose group has at least <paramref name="minimum"/>
    /// of the <paramref name="included"/> providers; null for a provider not included, or when even the whole run is
    /// smaller. The group's members are all included providers with the same key at that level.
    /// </summary>
    public static string?[] Resolve(IReadOnlyList<ProviderFacts> facts, IReadOnlyList<bool> included, int minimum)
    {
        var keys = Levels.Select(level => facts.Select(level).ToArray()).ToArray();
        var sizes = keys.Select(level => level.Where((_, i) => included[i]).CountBy(k => k, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)).ToArray();
        var result = new string?[facts.Count];
        for (var i = 0; i < facts.Count; i++)
        {
            if (!included[i]) continue;
            for (var level = 0; level < Levels.Length && result[i] is null; level++)
                if (sizes[level][keys[level][i]] >= minimum) result[i] = keys[level][i];
        }
        return result;
    }

    /// <summary>The members of each resolved group: every included provider whose key at the group's level equals it.</summary>
    public static Dictionary<string, List<int>> Members(IReadOnlyList<ProviderFacts> facts, IReadOnlyList<bool> included, IEnumerable<string?> groups)
    {
        var wanted = groups.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        // Keys of different levels never coincide (they differ in their number of parts), so one pass per level
        // finds every group's members, also those resolved to a narrower group of their own.
        foreach (var level in Levels)
            for (var i = 0; i < facts.Count; i++)
            {
                if (!included[i]) continue;
                var key = level(facts[i]);
                if (!wanted.Contains(key)) continue;
                if (!result.TryGetValue(key, out var members)) result[key] = members = [];
                members.Add(i);
            }
        return result;
    }

    /// <summary>
    /// The median and robust spread of values: 1.4826 × the median absolute deviation (the standard deviation for
    /// normal data), or where more than half the values are equal, 1.2533 × the mean absolute deviation from the
    /// median (the modified z-score's rule for that case); 0 when all are equal.
    /// </summary>
    public static (double Median, double Spread) Spread(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (0, 0);
        var sorted = values.Order().ToArray();
        var median = Model.RobustScaler.Quantile(sorted, 0.5);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var mad = Model.RobustScaler.Quantile(deviations, 0.5);
        return (median, mad > 0 ? 1.4826 * mad : 1.2533 * deviations.Average());
    }

    /// <summary>
    /// A provider's spread for a share counted over <paramref name="count"/> clients or months: the spread between
    /// providers plus the share's own binomial variance at the group's mean share (the funnel plot of provider
    /// profiling, with over-dispersion). A share over few is a noisy estimate: 5 clients of 6 are weaker evidence than
    /// 500 of 600. Used for the indicators' limits and for the model's peer z alike.
    /// </summary>
    public static double ShareSpread(double spread, double meanShare, int count) =>
        Math.Sqrt(spread * spread + meanShare * (1 - meanShare) / Math.Max(1, count));
}
