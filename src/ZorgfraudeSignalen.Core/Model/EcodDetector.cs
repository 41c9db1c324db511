namespace ZorgfraudeSignalen.Core.Model;

/// <summary>
/// ECOD (Li et al., "ECOD: Unsupervised Outlier Detection Using Empirical Cumulative Distribution Functions",
/// TKDE 2022), as in PyOD: per feature, how far out in its tail a value lies, measured as −log of the empirical
/// tail probability on the training rows; the tail that counts follows the sign of the feature's skewness. No
/// parameter, and every part of the score belongs to one feature, so the explanation is the score itself.
/// </summary>
public sealed class EcodDetector
{
    private readonly double[][] _sortedColumns;
    private readonly int[] _skewSign;

    private EcodDetector(double[][] sortedColumns, int[] skewSign)
    {
        _sortedColumns = sortedColumns;
        _skewSign = skewSign;
    }

    /// <summary>Fits on the raw values: ECOD only uses ranks, so scaling would change nothing and clipping would only add ties.</summary>
    public static EcodDetector Fit(IReadOnlyList<double[]> rows)
    {
        if (rows.Count < 2) throw new ArgumentException("ECOD needs at least two rows.", nameof(rows));
        var d = rows[0].Length;
        var sorted = new double[d][];
        var skew = new int[d];
        for (var j = 0; j < d; j++)
        {
            var column = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++) column[i] = rows[i][j];
            skew[j] = Math.Sign(Skewness(column));
            Array.Sort(column);
            sorted[j] = column;
        }
        return new EcodDetector(sorted, skew);
    }

    /// <summary>The sample skewness g1 (as scipy.stats.skew): third central moment over the second to the power 1.5.</summary>
    public static double Skewness(double[] values)
    {
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        double m2 = 0, m3 = 0;
        foreach (var v in values)
        {
            var c = v - mean;
            m2 += c * c;
            m3 += c * c * c;
        }
        m2 /= values.Length;
        m3 /= values.Length;
        return m2 <= 1e-300 ? 0 : m3 / Math.Pow(m2, 1.5);
    }

    public double Score(double[] row)
    {
        var sum = 0.0;
        foreach (var c in Contributions(row)) sum += c;
        return sum;
    }

    /// <summary>
    /// Per feature, PyOD's outlier part: max(tail of the skew side, mean of both tails), with the left tail
    /// −log((#training ≤ x + 1)/(n + 1)) and the right tail −log((#training ≥ x + 1)/(n + 1)). The +1 keeps a value
    /// beyond every training value finite; for a symmetric feature (skewness 0) both tails count. All parts ≥ 0.
    /// </summary>
    public double[] Contributions(double[] row)
    {
        var result = new double[row.Length];
        for (var j = 0; j < row.Length; j++)
        {
            var column = _sortedColumns[j];
            var n = column.Length;
            var atMost = UpperBound(column, row[j]);
            var atLeast = n - LowerBound(column, row[j]);
            var left = -Math.Log((atMost + 1.0) / (n + 1.0));
            var right = -Math.Log((atLeast + 1.0) / (n + 1.0));
            var skewSide = _skewSign[j] switch { < 0 => left, > 0 => right, _ => left + right };
            result[j] = Math.Max(skewSide, (left + right) / 2);
        }
        return result;
    }

    /// <summary>Number of elements ≤ value.</summary>
    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Number of elements &lt; value.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
