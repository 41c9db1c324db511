using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ZorgfraudeSignalen.Core.Model;

/// <param name="Rank">Number of principal components kept; null chooses it from the dimension (see <see cref="PcaAnomalyDetector.ChooseRank"/>).</param>
/// <param name="Seed">Seed of ML.NET's randomized SVD; fixed so that a run can be replayed bit for bit.</param>
/// <param name="Clip">Robust-scaled values are clipped to ±Clip before fitting and scoring.</param>
public sealed record DetectorOptions(int? Rank = null, int Seed = 20250101, double Clip = 20, int Oversampling = 20);

/// <summary>
/// The anomaly model: robust scaling, then ML.NET's RandomizedPca trained without labels. ML.NET scores a row by its
/// rank-k reconstruction error only and gives no per-feature contributions for this trainer, so the fitted model's
/// own parameters (mean and eigenvectors, read back from ML.NET) are used to score and explain: see
/// <see cref="FittedDetector.Score"/> and <see cref="FittedDetector.Contributions"/>.
/// </summary>
public static class PcaAnomalyDetector
{
    /// <summary>
    /// Two principal components (fewer when there are only two features): the main co-variation is modelled,
    /// everything else counts as residual. Larger ranks let the components absorb the anomalies themselves; the
    /// rank scan on the ODDS benchmark is in docs/detectie.md. One rule for every data set, not tuned per set.
    /// </summary>
    public const int DefaultRank = 2;

    public static int ChooseRank(int dimension) => Math.Clamp(DefaultRank, 1, dimension - 1);

    public static FittedDetector Fit(IReadOnlyList<double[]> rows, DetectorOptions options)
    {
        if (rows.Count < 2) throw new ArgumentException("The anomaly model needs at least two rows.", nameof(rows));
        var dimension = rows[0].Length;
        if (dimension < 2) throw new ArgumentException("The anomaly model needs at least two features.", nameof(rows));
        var scaler = RobustScaler.Fit(rows, dimension, options.Clip);
        var scaled = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++) scaled[i] = scaler.Transform(rows[i]);

        var rank = Math.Min(options.Rank ?? ChooseRank(dimension), dimension - 1);
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
        return new FittedDetector(scaler, mean, components, scaled);
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}

/// <summary>A fitted model: the scaler, ML.NET's mean and eigenvectors, and the variances measured on the training rows.</summary>
public sealed class FittedDetector
{
    private readonly double[] _mean;
    private readonly double[][] _components;
    private readonly double[] _componentVariances;
    private readonly double _residualVariance;

    internal FittedDetector(RobustScaler scaler, double[] mean, double[][] components, double[][] scaledTrainingRows)
    {
        Scaler = scaler;
        _mean = mean;
        _components = components;
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

    /// <summary>Per feature, the scaled value minus its reconstruction from the principal components.</summary>
    public double[] Residuals(double[] row)
    {
        var p = new double[_components.Length];
        var r = new double[row.Length];
        Decompose(Scaler.Transform(row), p, r);
        return r;
    }

    /// <summary>
    /// The anomaly score, higher is more unusual: the distance of the row under probabilistic PCA, i.e. the
    /// Mahalanobis distance within the k principal components (projection² / variance) plus the reconstruction
    /// error divided by the residual variance per discarded dimension. The reconstruction error alone misses rows
    /// that are extreme along a main direction (on thyroid it scores below chance); the first part catches them.
    /// </summary>
    public double Score(double[] row)
    {
        var contributions = Contributions(row);
        var sum = 0.0;
        foreach (var c in contributions) sum += c;
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
