using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ZorgfraudeSignalen.Core.Model;

/// <summary>
/// The PCA part of the anomaly model: ML.NET's RandomizedPca trained without labels on robust-scaled rows, with the
/// rank chosen from the data (<see cref="ChooseRank"/>). ML.NET scores a row by its rank-k reconstruction error
/// only and gives no per-feature contributions for this trainer, so the fitted model's own parameters (mean and
/// eigenvectors, read back from ML.NET) are used to score and explain: see <see cref="FittedPca.Score"/> and
/// <see cref="FittedPca.Contributions"/>.
/// </summary>
public static class PcaAnomalyDetector
{
    /// <summary>
    /// The share of the robust-scaled variance the kept components must explain. Every direction that carries
    /// variance is kept; only the near-degenerate rest (under 1 %, e.g. features that are almost always 0 or
    /// exact linear combinations of others) is pooled into one isotropic residual, so that rounding noise in those
    /// directions cannot blow up the distance. One rule for every data set; docs/detectie.md says why.
    /// </summary>
    public const double DefaultVarianceShare = 0.99;

    /// <summary>The smallest k whose components explain at least <paramref name="share"/> of the total variance (1 ≤ k ≤ d − 1).</summary>
    public static int ChooseRank(IReadOnlyList<double> eigenvalues, double totalVariance, double share)
    {
        var cumulative = 0.0;
        var dimension = eigenvalues.Count;
        for (var k = 0; k < eigenvalues.Count; k++)
        {
            cumulative += eigenvalues[k];
            if (cumulative >= share * totalVariance) return Math.Clamp(k + 1, 1, Math.Max(1, dimension));
        }
        return Math.Max(1, dimension);
    }

    public static FittedPca Fit(IReadOnlyList<double[]> rows, DetectorOptions options)
    {
        if (rows.Count < 2) throw new ArgumentException("The anomaly model needs at least two rows.", nameof(rows));
        var dimension = rows[0].Length;
        if (dimension < 2) throw new ArgumentException("The anomaly model needs at least two features.", nameof(rows));
        var scaler = RobustScaler.Fit(rows, dimension, options.Clip);
        var scaled = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++) scaled[i] = scaler.Transform(rows[i]);

        // ML.NET fits all d − 1 components (the last direction is the residual by construction); the rank is then
        // chosen from the variances of the training rows along them, and the first k are kept.
        var fittedRank = Math.Min(dimension - 1, rows.Count - 1);
        var (mean, mlComponents) = FitMlNet(scaled, dimension, fittedRank, options);
        var components = Orthonormalise(mlComponents);
        var variances = components.Select(c => ProjectionVariance(scaled, mean, c)).ToArray();
        var order = Enumerable.Range(0, components.Length).OrderByDescending(c => variances[c]).ThenBy(c => c).ToArray();
        var totalVariance = 0.0;
        for (var j = 0; j < dimension; j++)
        {
            var sum = 0.0;
            foreach (var x in scaled) sum += (x[j] - mean[j]) * (x[j] - mean[j]);
            totalVariance += sum / Math.Max(1, scaled.Length - 1);
        }
        var rank = options.Rank is { } fixedRank
            ? Math.Clamp(fixedRank, 1, components.Length)
            : Math.Min(ChooseRank(order.Select(c => variances[c]).ToArray(), totalVariance, options.VarianceShare), components.Length);
        var kept = order.Take(rank).Select(c => components[c]).ToArray();
        var explained = order.Take(rank).Sum(c => variances[c]) / Math.Max(totalVariance, 1e-12);
        return new FittedPca(scaler, mean, kept, scaled, Math.Min(1, explained));
    }

    private static (double[] Mean, double[][] Components) FitMlNet(double[][] scaled, int dimension, int rank, DetectorOptions options)
    {
        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = ml.Data.LoadFromEnumerable(scaled.Select(r => new FeatureRow { Features = Array.ConvertAll(r, v => (float)v) }), schema);
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options
        {
            FeatureColumnName = nameof(FeatureRow.Features),
            Rank = rank,
            Oversampling = options.Oversampling,
            EnsureZeroMean = true,
            Seed = options.Seed,
        });
        var model = trainer.Fit(data).Model;

        VBuffer<float> meanBuffer = default;
        model.GetMean(ref meanBuffer);
        var mean = new double[dimension];
        foreach (var (index, value) in meanBuffer.Items()) mean[index] = value;
        VBuffer<float>[] vectors = [];
        model.GetEigenVectors(ref vectors, out var fittedRank);
        var components = new double[fittedRank][];
        for (var c = 0; c < fittedRank; c++)
        {
            components[c] = new double[dimension];
            foreach (var (index, value) in vectors[c].Items()) components[c][index] = value;
        }
        return (mean, components);
    }

    /// <summary>
    /// Gram-Schmidt over ML.NET's eigenvectors in the order it gives them. Its randomized SVD works in single
    /// precision, and the vectors of the smallest directions can come back far from unit length (norm 900 on
    /// shuttle) or not orthogonal, which would let one of them claim more variance than the data have. A vector
    /// with nothing left after removing the earlier ones is dropped.
    /// </summary>
    private static double[][] Orthonormalise(double[][] vectors)
    {
        var result = new List<double[]>(vectors.Length);
        foreach (var vector in vectors)
        {
            var v = (double[])vector.Clone();
            foreach (var u in result)
            {
                var dot = 0.0;
                for (var j = 0; j < v.Length; j++) dot += v[j] * u[j];
                for (var j = 0; j < v.Length; j++) v[j] -= dot * u[j];
            }
            var norm = Math.Sqrt(v.Sum(x => x * x));
            if (!(norm > 1e-6)) continue;
            for (var j = 0; j < v.Length; j++) v[j] /= norm;
            result.Add(v);
        }
        return result.ToArray();
    }

    private static double ProjectionVariance(double[][] scaled, double[] mean, double[] component)
    {
        var sum = 0.0;
        foreach (var x in scaled)
        {
            var p = 0.0;
            for (var j = 0; j < x.Length; j++) p += component[j] * (x[j] - mean[j]);
            sum += p * p;
        }
        return sum / Math.Max(1, scaled.Length - 1);
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}

/// <summary>A fitted PCA part: the scaler, ML.NET's mean and the kept eigenvectors, and the variances measured on the training rows.</summary>
public sealed class FittedPca
{
    private readonly double[] _mean;
    private readonly double[][] _components;
    private readonly double[] _componentVariances;
    private readonly double _residualVariance;

    internal FittedPca(RobustScaler scaler, double[] mean, double[][] components, double[][] scaledTrainingRows, double explainedVariance)
    {
        Scaler = scaler;
        _mean = mean;
        _components = components;
        ExplainedVariance = explainedVariance;
        var d = mean.Length;
        _componentVariances = new double[components.Length];
        var residualSum = 0.0;
        var p = new double[components.Length];
        var r = new double[d];
        foreach (var x in scaledTrainingRows)
        {
            Decompose(x, p, r);
            for (var c = 0; c < p.Length; c++) _componentVariances[c] += p[c] * p[c];
            foreach (var v in r) residualSum += v * v;
        }
        var n = Math.Max(1, scaledTrainingRows.Length - 1);
        for (var c = 0; c < p.Length; c++) _componentVariances[c] = Math.Max(_componentVariances[c] / n, 1e-9);
        _residualVariance = Math.Max(residualSum / n / Math.Max(1, d - components.Length), 1e-9);
    }

    public RobustScaler Scaler { get; }
    public IReadOnlyList<double> Mean => _mean;
    public IReadOnlyList<double[]> Components => _components;
    public IReadOnlyList<double> ComponentVariances => _componentVariances;
    public double ResidualVariance => _residualVariance;
    public int Rank => _components.Length;

    /// <summary>Share of the robust-scaled training variance explained by the kept components.</summary>
    public double ExplainedVariance { get; }

    /// <summary>Projections on the components and the residual of the centred, scaled row.</summary>
    private void Decompose(double[] scaled, double[] projections, double[] residual)
    {
        for (var j = 0; j < scaled.Length; j++) residual[j] = scaled[j] - _mean[j];
        for (var c = 0; c < _components.Length; c++)
        {
            var component = _components[c];
            var projection = 0.0;
            for (var j = 0; j < residual.Length; j++) projection += component[j] * (scaled[j] - _mean[j]);
            projections[c] = projection;
            for (var j = 0; j < residual.Length; j++) residual[j] -= projection * component[j];
        }
    }

    /// <summary>
    /// The anomaly score, higher is more unusual: the distance of the row under probabilistic PCA, i.e. the
    /// Mahalanobis distance within the k principal components (projection² / variance) plus the reconstruction
    /// error divided by the residual variance per discarded dimension. The reconstruction error alone misses rows
    /// that are extreme along a main direction; the first part catches them.
    /// </summary>
    public double Score(double[] row)
    {
        var sum = 0.0;
        foreach (var c in Contributions(row)) sum += c;
        return sum;
    }

    /// <summary>
    /// Additive per-feature parts of <see cref="Score"/>: for feature j, its centred value times its weight in the
    /// whitened projection, plus its squared reconstruction residual over the residual variance. They sum to the
    /// score exactly; a part can be slightly negative when a feature pulls the row back towards the usual.
    /// </summary>
    public double[] Contributions(double[] row)
    {
        var x = Scaler.Transform(row);
        var d = x.Length;
        var p = new double[_components.Length];
        var r = new double[d];
        Decompose(x, p, r);
        var result = new double[d];
        for (var j = 0; j < d; j++)
        {
            var centred = x[j] - _mean[j];
            var t2 = 0.0;
            for (var c = 0; c < p.Length; c++) t2 += _components[c][j] * p[c] / _componentVariances[c];
            result[j] = centred * t2 + r[j] * r[j] / _residualVariance;
        }
        return result;
    }
}
