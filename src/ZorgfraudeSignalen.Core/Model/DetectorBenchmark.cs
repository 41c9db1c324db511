using System.Globalization;

namespace ZorgfraudeSignalen.Core.Model;

/// <summary>A labelled numeric data set: rows of features and a label per row (true = anomaly).</summary>
public sealed record LabelledData(string Name, IReadOnlyList<double[]> Rows, IReadOnlyList<bool> Labels)
{
    public int Dimension => Rows.Count == 0 ? 0 : Rows[0].Length;
}

/// <summary>ROC-AUC of the ensemble on one split, and of each part alone (<see cref="DetectorPart"/> order) for comparison.</summary>
public sealed record SeedResult(int Seed, double RocAuc, int Rank, IReadOnlyList<double> Parts);

public sealed record BenchmarkResult(string Dataset, int Rows, int Dimension, int Anomalies, IReadOnlyList<SeedResult> Seeds)
{
    public double MeanRocAuc => Seeds.Average(s => s.RocAuc);
    public double MeanPart(DetectorPart part) => Seeds.Average(s => s.Parts[(int)part]);
}

/// <summary>
/// The ADBench protocol for an unsupervised detector: a stratified 70/30 split, fit without labels on the 70 %
/// (which still holds anomalies), ROC-AUC on the 30 %, the mean over three seeds. Comparable with the figures
/// ADBench publishes, though the split itself is ours (not scikit-learn's shuffle).
/// </summary>
public static class DetectorBenchmark
{
    public static readonly int[] DefaultSeeds = [0, 1, 2];

    /// <summary>Reads a CSV with header <c>f0..fn,label</c> (comma or semicolon); label 1 = anomaly.</summary>
    public static LabelledData ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty.");
        var separator = header.Contains(';') ? ';' : ',';
        var names = header.Split(separator).Select(n => n.Trim().ToLowerInvariant()).ToArray();
        var labelIndex = Array.IndexOf(names, "label");
        if (labelIndex < 0) throw new InvalidDataException($"{path}: no 'label' column in the header.");
        var featureIndexes = Enumerable.Range(0, names.Length).Where(i => i != labelIndex).ToArray();
        foreach (var i in featureIndexes)
            if (!names[i].StartsWith('f')) throw new InvalidDataException($"{path}: column '{names[i]}' is neither f0..fn nor label.");
        var rows = new List<double[]>();
        var labels = new List<bool>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(separator);
            if (cells.Length != names.Length) throw new InvalidDataException($"{path}, line {lineNumber}: {cells.Length} cells, expected {names.Length}.");
            var row = new double[featureIndexes.Length];
            for (var k = 0; k < featureIndexes.Length; k++)
                if (!double.TryParse(cells[featureIndexes[k]], NumberStyles.Float, CultureInfo.InvariantCulture, out row[k]) || !double.IsFinite(row[k]))
                    throw new InvalidDataException($"{path}, line {lineNumber}, column {names[featureIndexes[k]]}: '{cells[featureIndexes[k]]}' is not a number.");
            if (!double.TryParse(cells[labelIndex], NumberStyles.Float, CultureInfo.InvariantCulture, out var label) || (label != 0 && label != 1))
                throw new InvalidDataException($"{path}, line {lineNumber}: label '{cells[labelIndex]}' is not 0 or 1.");
            rows.Add(row);
            labels.Add(label == 1);
        }
        return new LabelledData(Path.GetFileNameWithoutExtension(path), rows, labels);
    }

    public static BenchmarkResult Evaluate(LabelledData data, DetectorOptions options, IReadOnlyList<int>? seeds = null)
    {
        seeds ??= DefaultSeeds;
        var results = new List<SeedResult>();
        foreach (var seed in seeds)
        {
            var (train, test) = StratifiedSplit(data.Labels, 0.3, seed);
            var fitted = AnomalyDetector.Fit(train.Select(i => data.Rows[i]).ToArray(), options with { Seed = options.Seed + seed });
            var labels = test.Select(i => data.Labels[i]).ToArray();
            var scores = test.Select(i => fitted.Score(data.Rows[i])).ToArray();
            var partScores = test.Select(i => fitted.PartScores(data.Rows[i])).ToArray();
            var parts = Enum.GetValues<DetectorPart>().Select(p => RocAuc(partScores.Select(s => s[(int)p]).ToArray(), labels)).ToArray();
            results.Add(new SeedResult(seed, RocAuc(scores, labels), fitted.Rank, parts));
        }
        return new BenchmarkResult(data.Name, data.Rows.Count, data.Dimension, data.Labels.Count(l => l), results);
    }

    /// <summary>
    /// The ways of combining the three parts that were weighed against the chosen one (docs/detectie.md), each applied
    /// to the same fitted parts on one split: z is a part's robust-standardised log-score (<see cref="Standardiser"/>),
    /// r its rank-normalised score, −ln of its tail share among the training rows' scores of that part.
    /// </summary>
    public static readonly IReadOnlyList<string> Combinations =
    [
        "softplus(max z)", "max(0, max z)", "max r", "max(ln 2, max r)", "som z+", "ln(1 + som e^z)", "gemiddelde z", "gemiddelde r",
    ];

    /// <summary>ROC-AUC of every rule in <see cref="Combinations"/> on one stratified split; the first is the detector's own score.</summary>
    public static double[] CompareCombinations(LabelledData data, DetectorOptions options, int seed)
    {
        var (train, test) = StratifiedSplit(data.Labels, 0.3, seed);
        var fitted = AnomalyDetector.Fit(train.Select(i => data.Rows[i]).ToArray(), options with { Seed = options.Seed + seed });
        var parts = Enum.GetValues<DetectorPart>().Length;
        var trainScores = new double[parts][];
        for (var p = 0; p < parts; p++) trainScores[p] = new double[train.Length];
        for (var i = 0; i < train.Length; i++)
        {
            var raw = fitted.PartScores(data.Rows[train[i]]);
            for (var p = 0; p < parts; p++) trainScores[p][i] = raw[p];
        }
        foreach (var column in trainScores) Array.Sort(column);
        var labels = test.Select(i => data.Labels[i]).ToArray();
        var scores = Combinations.Select(_ => new double[test.Length]).ToArray();
        for (var t = 0; t < test.Length; t++)
        {
            var row = data.Rows[test[t]];
            var raw = fitted.PartScores(row);
            var z = new double[parts];
            var r = new double[parts];
            for (var p = 0; p < parts; p++)
            {
                z[p] = fitted.Standardisers[p].Apply(raw[p]);
                var below = Array.FindIndex(trainScores[p], v => v >= raw[p]);
                var atLeast = below < 0 ? 0 : trainScores[p].Length - below;
                r[p] = -Math.Log((atLeast + 1.0) / (trainScores[p].Length + 1.0));
            }
            double[] values =
            [
                fitted.Score(row), Math.Max(0, z.Max()), r.Max(), Math.Max(Math.Log(2), r.Max()), z.Sum(v => Math.Max(0, v)),
                Math.Log(1 + z.Sum(Math.Exp)), z.Average(), r.Average(),
            ];
            for (var c = 0; c < values.Length; c++) scores[c][t] = values[c];
        }
        return scores.Select(s => RocAuc(s, labels)).ToArray();
    }

    /// <summary>
    /// How much the model's seed moves the ranking: all rows fitted and scored twice, with the model seed and the next
    /// one. Per score (the forest alone, the ensemble): the share of the top 5 % that stays in the top 5 %, and, for
    /// the forest, the mean shift of a row's place in percentiles.
    /// </summary>
    public static (double ForestTopKept, double EnsembleTopKept, double ForestShift) SeedStability(LabelledData data, DetectorOptions options)
    {
        var a = AnomalyDetector.Fit(data.Rows, options);
        var b = AnomalyDetector.Fit(data.Rows, options with { Seed = options.Seed + 1 });
        double[] Forest(FittedDetector f) => data.Rows.Select(r => f.PartScores(r)[(int)DetectorPart.IsolationForest]).ToArray();
        var (forestKept, forestShift) = Compare(Forest(a), Forest(b));
        var (ensembleKept, _) = Compare(data.Rows.Select(a.Score).ToArray(), data.Rows.Select(b.Score).ToArray());
        return (forestKept, ensembleKept, forestShift);

        static (double TopKept, double Shift) Compare(double[] x, double[] y)
        {
            var n = x.Length;
            var top = Math.Max(1, n / 20);
            var rx = Places(x);
            var ry = Places(y);
            var kept = Enumerable.Range(0, n).Count(i => rx[i] < top && ry[i] < top);
            return ((double)kept / top, Enumerable.Range(0, n).Average(i => Math.Abs(rx[i] - ry[i])) / n * 100);
        }

        static int[] Places(double[] scores)
        {
            var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
            var place = new int[scores.Length];
            for (var k = 0; k < order.Length; k++) place[order[k]] = k;
            return place;
        }
    }

    /// <summary>Shuffles each class with the seed and puts the first <paramref name="testShare"/> of each in the test set.</summary>
    public static (int[] Train, int[] Test) StratifiedSplit(IReadOnlyList<bool> labels, double testShare, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var cls in new[] { false, true })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * testShare, MidpointRounding.AwayFromZero);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }
        train.Sort();
        test.Sort();
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>ROC-AUC as the Mann-Whitney statistic with ties counted half: the chance that a random anomaly scores above a random normal row.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]]) end++;
            var averageRank = (k + end) / 2.0 + 1;
            for (var m = k; m <= end; m++)
                if (labels[order[m]]) { positiveRankSum += averageRank; positives++; }
            k = end + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
