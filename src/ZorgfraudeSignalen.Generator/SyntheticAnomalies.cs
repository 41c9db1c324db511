using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.Generator;

/// <summary>ADBench's four kinds of synthetic anomaly (Han et al. 2022, section 4.3).</summary>
public enum AnomalyKind
{
    /// <summary>Uniform over 1.1 × the range of the normal rows: far from everything.</summary>
    Global,

    /// <summary>From the normal mixture with its covariances scaled by 5: just outside the usual spread.</summary>
    Local,

    /// <summary>Every feature from another normal row: usual values, unusual combination.</summary>
    Dependency,

    /// <summary>A tight group (covariance × 0.2) five standard deviations away from one mixture component.</summary>
    Clustered,
}

/// <summary>
/// Random worlds to check the detector on data it was not built on: normal rows from a mixture of one to three
/// correlated Gaussians (a factor model, so that features co-vary as real ones do) in 6, 10, 20 or 30 dimensions, 5 %
/// anomalies of one <see cref="AnomalyKind"/>, and about a third of the features made skewed by exp(x / sd), as
/// counts and amounts are. ADBench fits its mixture to real data sets; here every world's parameters are drawn from
/// the seed, so no world is chosen by hand.
/// </summary>
public static class SyntheticAnomalies
{
    public static LabelledData World(AnomalyKind kind, int seed, int rows = 2000, double anomalyShare = 0.05)
    {
        var random = new Random(seed);
        int[] dimensions = [6, 10, 20, 30];
        var d = dimensions[random.Next(dimensions.Length)];
        var k = 1 + random.Next(3);
        var factors = Math.Max(1, d / 3);
        var components = Enumerable.Range(0, k).Select(_ => new Component(
            Enumerable.Range(0, d).Select(_ => 3 * Gaussian(random)).ToArray(),
            Enumerable.Range(0, d).Select(_ => Enumerable.Range(0, factors).Select(_ => Gaussian(random)).ToArray()).ToArray(),
            Enumerable.Range(0, d).Select(_ => Math.Sqrt(0.1 + 0.9 * random.NextDouble())).ToArray())).ToArray();
        var weights = Enumerable.Range(0, k).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        var total = weights.Sum();
        for (var c = 0; c < k; c++) weights[c] /= total;
        Component Pick()
        {
            var u = random.NextDouble();
            for (var c = 0; c < k - 1; c++)
                if ((u -= weights[c]) < 0) return components[c];
            return components[k - 1];
        }

        var anomalies = (int)Math.Round(rows * anomalyShare);
        var normals = rows - anomalies;
        var data = new List<double[]>(rows);
        for (var i = 0; i < normals; i++) data.Add(Pick().Sample(random, 1, null));
        switch (kind)
        {
            case AnomalyKind.Global:
                var lo = Enumerable.Range(0, d).Select(j => data.Min(r => r[j])).ToArray();
                var hi = Enumerable.Range(0, d).Select(j => data.Max(r => r[j])).ToArray();
                for (var i = 0; i < anomalies; i++)
                    data.Add(Enumerable.Range(0, d).Select(j => (lo[j] + hi[j]) / 2 + 1.1 * (hi[j] - lo[j]) / 2 * (2 * random.NextDouble() - 1)).ToArray());
                break;
            case AnomalyKind.Local:
                for (var i = 0; i < anomalies; i++) data.Add(Pick().Sample(random, Math.Sqrt(5), null));
                break;
            case AnomalyKind.Dependency:
                for (var i = 0; i < anomalies; i++)
                    data.Add(Enumerable.Range(0, d).Select(j => Pick().Sample(random, 1, null)[j]).ToArray());
                break;
            case AnomalyKind.Clustered:
                var source = Pick();
                var centre = source.Mean.Select((m, j) => m + 5 * source.StandardDeviation(j) * (random.Next(2) == 0 ? -1 : 1)).ToArray();
                for (var i = 0; i < anomalies; i++) data.Add(source.Sample(random, Math.Sqrt(0.2), centre));
                break;
        }
        for (var j = 0; j < d; j++)
        {
            if (random.NextDouble() >= 0.3) continue;
            var mean = data.Average(r => r[j]);
            var sd = Math.Sqrt(data.Sum(r => (r[j] - mean) * (r[j] - mean)) / data.Count);
            foreach (var r in data) r[j] = Math.Exp(r[j] / sd);
        }
        var labels = Enumerable.Range(0, rows).Select(i => i >= normals).ToArray();
        return new LabelledData($"synthetisch-{kind.ToString().ToLowerInvariant()}-{seed}", data, labels);
    }

    private sealed record Component(double[] Mean, double[][] Loadings, double[] NoiseSd)
    {
        /// <summary>mean + spread × (W z + noise), with z and the noise standard normal.</summary>
        public double[] Sample(Random random, double spread, double[]? centre)
        {
            var z = Loadings[0].Select(_ => Gaussian(random)).ToArray();
            var row = new double[Mean.Length];
            for (var j = 0; j < row.Length; j++)
            {
                var v = NoiseSd[j] * Gaussian(random);
                for (var f = 0; f < z.Length; f++) v += Loadings[j][f] * z[f];
                row[j] = (centre ?? Mean)[j] + spread * v;
            }
            return row;
        }

        public double StandardDeviation(int j) => Math.Sqrt(Loadings[j].Sum(w => w * w) + NoiseSd[j] * NoiseSd[j]);
    }

    /// <summary>A standard normal draw (Box-Muller), from the seeded generator only.</summary>
    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
