using System.Globalization;

namespace ZorgfraudeSignalen.Core.Model;

/// <summary>A labelled numeric data set: rows of features and a label per row (true = anomaly).</summary>
public sealed record LabelledData(string Name, IReadOnlyList<double[]> Rows, IReadOnlyList<bool> Labels)
{
    public int Dimension => Rows.Count == 0 ? 0 : Rows[0].Length;
}

/// <summary>ROC-AUC of the ensemble on one split, and of each part alone (<see cref="DetectorPart"/> order) for comparison.</summary>
public sealed record SeedResult(int Seed, double RocAuc, int Rank, IReadOnlyList<double> Parts);

/// <summary>The detector on one labelled data set under the protocol: every split seed and their mean.</summary>
public sealed record EvaluationResult(string Dataset, int Rows, int Dimension, int Anomalies, IReadOnlyList<SeedResult> Seeds)
{
    public double MeanRocAuc => Seeds.Average(s => s.RocAuc);
    public double MeanPart(DetectorPart part) => Seeds.Average(s => s.Parts[(int)part]);
}

/// <summary>
/// The ADBench protocol for an unsupervised detector: a stratified 70/30 split, fit without labels on the 70 %
/// (which still holds anomalies), ROC-AUC on the 30 %, the mean over three seeds. Comparable with the figures
/// ADBench publishes, though the split itself is ours (not scikit-learn's shuffle). What the shipped <c>detect</c> verb
/// needs and no more: studies of the detector's design live in the benchmarks project.
/// </summary>
public static class DetectorEvaluation
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

    public static EvaluationResult Evaluate(LabelledData data, DetectorOptions options, IReadOnlyList<int>? seeds = null)
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
        return new EvaluationResult(data.Name, data.Rows.Count, data.Dimension, data.Labels.Count(l => l), results);
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
