namespace ZorgfraudeSignalen.Core.Model;

/// <summary>
/// Robust scaling per feature: subtract the median and divide by the interquartile range, so that the anomalies
/// the model must find do not set the scale themselves (as they would with mean and standard deviation).
/// A feature with IQR 0 (most providers share one value) falls back to the mean absolute deviation from the median,
/// then to 1, so that a rare non-zero value still counts instead of dividing by zero.
/// </summary>
public sealed class RobustScaler
{
    public IReadOnlyList<double> Medians { get; }
    public IReadOnlyList<double> Scales { get; }

    /// <summary>Scaled values are clipped to ±<see cref="Clip"/>: one extreme value may mark a row, not tilt the whole fit.</summary>
    public double Clip { get; }

    private RobustScaler(double[] medians, double[] scales, double clip)
    {
        Medians = medians;
        Scales = scales;
        Clip = clip;
    }

    public static RobustScaler Fit(IReadOnlyList<double[]> rows, int dimension, double clip)
    {
        var medians = new double[dimension];
        var scales = new double[dimension];
        var column = new double[rows.Count];
        for (var j = 0; j < dimension; j++)
        {
            for (var i = 0; i < rows.Count; i++) column[i] = rows[i][j];
            Array.Sort(column);
            var median = Quantile(column, 0.5);
            var iqr = Quantile(column, 0.75) - Quantile(column, 0.25);
            var scale = iqr;
            if (!(scale > 1e-12))
            {
                var mad = 0.0;
                foreach (var v in column) mad += Math.Abs(v - median);
                scale = rows.Count == 0 ? 0 : mad / rows.Count;
            }
            if (!(scale > 1e-12)) scale = 1;
            medians[j] = median;
            scales[j] = scale;
        }
        return new RobustScaler(medians, scales, clip);
    }

    public double[] Transform(double[] row)
    {
        var scaled = new double[row.Length];
        for (var j = 0; j < row.Length; j++)
            scaled[j] = Math.Clamp((row[j] - Medians[j]) / Scales[j], -Clip, Clip);
        return scaled;
    }

    /// <summary>Linear interpolation between order statistics (the usual 'type 7' quantile) of a sorted array.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
