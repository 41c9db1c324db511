using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>The learned part for one provider: the probability that a reviewer would confirm a signal, and each feature's share in it.</summary>
/// <param name="Bijdragen">Per feature (in the run's feature order) its contribution to the model's raw score: positive pushes towards a confirmed signal.</param>
public sealed record LearnedScore(double Kans, double[] Bijdragen);

/// <summary>
/// The supervised model: ML.NET's FastTree (gradient-boosted trees) trained on the labels, each weighed by its
/// inverse propensity, with Platt calibration to a probability. With few labels it is cautious: small trees (leaves
/// of at least √n labels) and the probability shrunk towards the labels' weighted base rate as an m-estimate, so
/// that a first model on a few dozen labels cannot call honest look-alikes near-certain fraud. One thread and a fixed seed, so that a replay
/// trains the same trees. Per-feature explanations come from ML.NET's feature contributions of tree ensembles
/// (each split's change of the score along the provider's path, summed per feature).
/// </summary>
public sealed class SupervisedModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _scorer;
    private readonly int _dimension;
    private readonly double _baseRate;
    private readonly double _trust;

    /// <summary>SHA-256 over the saved model's contents (the trees and the calibrator), named in the model-run record.</summary>
    public string Sha256 { get; }

    public const string Trainer = "Microsoft.ML FastTree (binair, Platt-gekalibreerd, gekrompen naar de basisratio bij weinig labels)";

    /// <summary>The labels' weighted share of positives, towards which the probability is shrunk.</summary>
    public double Basisratio => _baseRate;

    /// <summary>n / (n + m): the share of the model's own probability in the one it gives (1: no shrinkage).</summary>
    public double Vertrouwen => _trust;

    private SupervisedModel(MLContext ml, ITransformer scorer, int dimension, string sha256, double baseRate, double trust)
    {
        _ml = ml;
        _scorer = scorer;
        _dimension = dimension;
        Sha256 = sha256;
        _baseRate = baseRate;
        _trust = trust;
    }

    public static SupervisedModel Train(IReadOnlyList<Label> labels, int dimension, int seed, LearningSettings settings)
    {
        if (labels.Count(l => l.Positief) == 0 || labels.Count(l => !l.Positief) == 0)
            throw new ArgumentException("The supervised model needs positive and negative labels.", nameof(labels));
        var ml = new MLContext(seed);
        var n = labels.Count;
        var scarcer = Math.Min(labels.Count(l => l.Positief), labels.Count(l => !l.Positief));
        // Small data, small trees: leaves of at least √n labels, and no more leaves than the scarcer class can fill.
        var perLeaf = settings.KleineBomen ? Math.Max(5, (int)Math.Ceiling(Math.Sqrt(n))) : Math.Max(2, Math.Min(10, n / 20));
        var leaves = settings.KleineBomen ? Math.Clamp(scarcer / perLeaf, 2, Math.Max(2, settings.Bladeren)) : settings.Bladeren;
        var m = settings.Krimp ?? Math.Min(settings.MinimumPositief, settings.MinimumNegatief);
        var trust = m <= 0 ? 1.0 : (double)scarcer / (scarcer + m);
        var weight = labels.Sum(l => l.Gewicht);
        var baseRate = weight > 0 ? labels.Where(l => l.Positief).Sum(l => l.Gewicht) / weight : (double)labels.Count(l => l.Positief) / n;
        var data = ml.Data.LoadFromEnumerable(labels.Select(l => new Row { Label = l.Positief, Weight = (float)l.Gewicht, Features = ToFloat(l.Kenmerken) }), Schema(dimension));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfTrees = settings.Bomen,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = perLeaf,
            LearningRate = 0.1,
            NumberOfThreads = 1,
            Seed = seed,
            FeatureFraction = 1,
        });
        var model = trainer.Fit(data);
        var contributions = ml.Transforms.CalculateFeatureContribution(model, numberOfPositiveContributions: dimension, numberOfNegativeContributions: dimension, normalize: false);
        var scorer = model.Append(contributions.Fit(model.Transform(data)));

        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);
        return new SupervisedModel(ml, scorer, dimension, ContentHash(saved.ToArray()), baseRate, trust);
    }

    public IReadOnlyList<LearnedScore> Score(IReadOnlyList<double[]> vectors)
    {
        var data = _ml.Data.LoadFromEnumerable(vectors.Select(v => new Row { Features = ToFloat(v) }), Schema(_dimension));
        return _ml.Data.CreateEnumerable<Scored>(_scorer.Transform(data), reuseRowObject: false)
            .Select(s => new LearnedScore(Math.Round(_trust * s.Probability + (1 - _trust) * _baseRate, 6), s.FeatureContributions.Select(c => Math.Round((double)c, 6)).ToArray()))
            .ToList();
    }

    /// <summary>The hash of the saved model's entries (name and bytes, in name order): the archive's own timestamps do not count.</summary>
    private static string ContentHash(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(entry.FullName + "\n"));
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            hash.AppendData(copy.ToArray());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static float[] ToFloat(double[] v) => Array.ConvertAll(v, x => (float)x);

    private static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    private sealed class Row
    {
        public bool Label { get; set; }
        public float Weight { get; set; } = 1;
        public float[] Features { get; set; } = [];
    }

    private sealed class Scored
    {
        public float Probability { get; set; }
        public float[] FeatureContributions { get; set; } = [];
    }
}
