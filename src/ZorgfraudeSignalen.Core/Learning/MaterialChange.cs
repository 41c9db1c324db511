namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>
/// Whether a provider's facts changed materially since an assessment: an indicator fired that had not, or a
/// feature moved by at least <see cref="LearningSettings.MaterieleWijziging"/> interquartile ranges (of the current
/// run). The changes are named, for the explanation.
/// </summary>
public static class MaterialChange
{
    public static IReadOnlyList<string> Changes(PastAssessment then, LearningCandidate now, IReadOnlyList<string> featureNames, double[] scales,
        LearningSettings settings, Func<string, double, string> format)
    {
        var changes = new List<string>();
        foreach (var code in now.Indicatoren.Except(then.Indicatoren, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            changes.Add($"indicator {code} is nu afgegaan");
        var before = then.KenmerkNamen.Select((n, j) => (n, j)).ToDictionary(x => x.n, x => then.Kenmerken[x.j], StringComparer.Ordinal);
        for (var j = 0; j < featureNames.Count; j++)
        {
            if (!before.TryGetValue(featureNames[j], out var old)) continue;
            var moved = Math.Abs(now.Kenmerken[j] - old);
            if (moved > 0 && moved >= settings.MaterieleWijziging * scales[j])
                changes.Add($"{featureNames[j]} van {format(featureNames[j], old)} naar {format(featureNames[j], now.Kenmerken[j])}");
        }
        return changes;
    }

    /// <summary>Per feature the interquartile range over the run's providers; where that is 0, the largest absolute value (at least a tiny step).</summary>
    public static double[] Scales(IReadOnlyList<LearningCandidate> providers, int dimension)
    {
        var scales = new double[dimension];
        for (var j = 0; j < dimension; j++)
        {
            var values = providers.Select(p => p.Kenmerken[j]).Order().ToArray();
            var iqr = values.Length == 0 ? 0 : Quantile(values, 0.75) - Quantile(values, 0.25);
            scales[j] = iqr > 1e-9 ? iqr : Math.Max(1e-6, values.Length == 0 ? 0 : values.Max(Math.Abs));
        }
        return scales;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
