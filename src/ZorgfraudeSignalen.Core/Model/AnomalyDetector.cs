namespace ZorgfraudeSignalen.Core.Model;

/// <param name="Rank">Principal components kept; null chooses the rank from the data (<see cref="PcaAnomalyDetector.ChooseRank"/>).</param>
/// <param name="Seed">Seed of ML.NET's randomized SVD and of the isolation forest; fixed so that a run can be replayed bit for bit.</param>
/// <param name="Clip">Robust-scaled values are clipped to ±Clip before the PCA and the isolation forest see them.</param>
/// <param name="VarianceShare">Share of the robust-scaled variance the kept principal components explain.</param>
public sealed record DetectorOptions(
    int? Rank = null,
    int Seed = 20250101,
    double Clip = 20,
    int Oversampling = 20,
    double VarianceShare = PcaAnomalyDetector.DefaultVarianceShare,
    int Trees = IsolationForest.DefaultTrees,
    int SampleSize = IsolationForest.DefaultSampleSize);

/// <summary>The three parts of the anomaly model, each good at another kind of anomaly.</summary>
public enum DetectorPart
{
    /// <summary>ML.NET RandomizedPca: rows that break the usual co-variation of features (dependency anomalies).</summary>
    Pca,

    /// <summary>ECOD: rows far out in the tail of single features (global anomalies).</summary>
    Ecod,

    /// <summary>Isolation forest: rows in sparse regions that random splits separate quickly (local and clustered anomalies).</summary>
    IsolationForest,
}

/// <summary>
/// The anomaly model: an ensemble of ML.NET RandomizedPca (rank chosen from the data), ECOD and an isolation forest,
/// all fitted without labels on the same rows. Each part's raw score is put on a common scale measured on the
/// training rows (<see cref="FittedDetector.Standardised"/>) and the row's score is the largest of the three: a row
/// that one part finds very unusual is not averaged away by two parts that do not look in its direction.
/// </summary>
public static class AnomalyDetector
{
    public const string Description = "Microsoft.ML RandomizedPca + ECOD + isolation forest (softplus of the maximum of robust-standardised log-scores)";

    public static FittedDetector Fit(IReadOnlyList<double[]> rows, DetectorOptions options)
    {
        var pca = PcaAnomalyDetector.Fit(rows, options);
        var scaled = rows.Select(pca.Scaler.Transform).ToArray();
        var forest = IsolationForest.Fit(scaled, options.Seed, options.Trees, options.SampleSize);
        var ecod = EcodDetector.Fit(rows);
        var standardisers = new Standardiser[3];
        standardisers[(int)DetectorPart.Pca] = Standardiser.Fit(rows.Select(pca.Score));
        standardisers[(int)DetectorPart.Ecod] = Standardiser.Fit(rows.Select(ecod.Score));
        standardisers[(int)DetectorPart.IsolationForest] = Standardiser.Fit(scaled.Select(forest.Score));
        return new FittedDetector(pca, ecod, forest, standardisers);
    }
}

/// <summary>
/// Puts a part's raw scores on a common scale: z = (log(1 + s − min) − median) / IQR over the training rows. The log
/// makes a multiplicative spread (distances, sums of −log p, 2^−depth) additive, the median and IQR make the unit
/// "one interquartile range of this part's usual scores" without letting the anomalies set it.
/// </summary>
public sealed record Standardiser(double Minimum, double Median, double Scale)
{
    public static Standardiser Fit(IEnumerable<double> trainingScores)
    {
        var raw = trainingScores.ToArray();
        var minimum = raw.Min();
        var logs = raw.Select(s => Math.Log(1 + (s - minimum))).Order().ToArray();
        var median = RobustScaler.Quantile(logs, 0.5);
        var scale = RobustScaler.Quantile(logs, 0.75) - RobustScaler.Quantile(logs, 0.25);
        if (!(scale > 1e-12)) scale = logs.Average(v => Math.Abs(v - median));
        if (!(scale > 1e-12)) scale = 1;
        return new Standardiser(minimum, median, scale);
    }

    public double Apply(double score) => (Math.Log(1 + Math.Max(0, score - Minimum)) - Median) / Scale;
}

/// <summary>A fitted ensemble. Scores and contributions are pure functions of the row and the fitted parameters.</summary>
public sealed class FittedDetector
{
    private readonly Standardiser[] _standardisers;

    internal FittedDetector(FittedPca pca, EcodDetector ecod, IsolationForest forest, Standardiser[] standardisers)
    {
        Pca = pca;
        Ecod = ecod;
        Forest = forest;
        _standardisers = standardisers;
    }

    public FittedPca Pca { get; }
    public EcodDetector Ecod { get; }
    public IsolationForest Forest { get; }
    public IReadOnlyList<Standardiser> Standardisers => _standardisers;

    /// <summary>The robust scaler (medians and scales per feature) shared by the PCA and the isolation forest.</summary>
    public RobustScaler Scaler => Pca.Scaler;

    /// <summary>Principal components kept by the PCA part (chosen from the data unless fixed in the options).</summary>
    public int Rank => Pca.Rank;

    public double ResidualVariance => Pca.ResidualVariance;

    /// <summary>Raw score of each part, in <see cref="DetectorPart"/> order.</summary>
    public double[] PartScores(double[] row) =>
        [Pca.Score(row), Ecod.Score(row), Forest.Score(Scaler.Transform(row))];

    /// <summary>Each part's score on the common scale: interquartile ranges above that part's usual (median) log-score.</summary>
    public double[] Standardised(double[] row)
    {
        var raw = PartScores(row);
        for (var p = 0; p < raw.Length; p++) raw[p] = _standardisers[p].Apply(raw[p]);
        return raw;
    }

    /// <summary>
    /// The anomaly score, higher is more unusual: the largest standardised part score through softplus (always
    /// above 0; below ln 2 when no part finds the row more unusual than its median training row).
    /// </summary>
    public double Score(double[] row) => Combine(Standardised(row));

    /// <summary>
    /// Additive per-feature parts of <see cref="Score"/>, all ≥ 0 and summing to it. The score is shared among the
    /// parts in proportion to their positive standardised scores (a part that finds the row ordinary explains
    /// nothing; a row that no part finds unusual is shared alike), and each part's share among the features in proportion to that part's own positive per-feature
    /// contributions: the PCA's exact decomposition, ECOD's per-feature tail surprise, the forest's isolation per
    /// feature.
    /// </summary>
    public double[] Contributions(double[] row)
    {
        var d = row.Length;
        var result = new double[d];
        // One pass of each part gives both its score and its feature parts (each part's score is the sum of its
        // parts, or the forest's own path lengths), bit for bit the scores that Score sees.
        var (forestScore, forestParts) = Forest.ScoreAndContributions(Scaler.Transform(row));
        var perPart = new[] { Pca.Contributions(row), Ecod.Contributions(row), forestParts };
        double[] z = [Sum(perPart[(int)DetectorPart.Pca]), Sum(perPart[(int)DetectorPart.Ecod]), forestScore];
        for (var p = 0; p < z.Length; p++) z[p] = _standardisers[p].Apply(z[p]);
        var score = Combine(z);
        // The parts that find the row unusual share the score by their z; when none does, all share it alike.
        var anyPositive = z.Any(v => v > 0);
        var weights = z.Select(v => anyPositive ? Math.Max(0, v) : 1).ToArray();
        var weightSum = weights.Sum();
        var assigned = 0.0;
        for (var p = 0; p < perPart.Length; p++)
        {
            if (weights[p] <= 0) continue;
            var positive = perPart[p].Sum(v => Math.Max(0, v));
            if (positive <= 0) continue;
            var share = score * weights[p] / weightSum;
            for (var j = 0; j < d; j++) result[j] += share * Math.Max(0, perPart[p][j]) / positive;
            assigned += share;
        }
        // A part with a positive score but no positive feature part leaves its share unassigned; spread it evenly so the parts still sum to the score.
        if (assigned < score)
            for (var j = 0; j < d; j++) result[j] += (score - assigned) / d;
        return result;
    }

    /// <summary>
    /// softplus(max z) = ln(1 + e^max z): the order of the largest z everywhere, so that rows which no part finds
    /// unusual keep their order instead of tying at 0, never below 0, and within 0.05 of max z from z = 3 on.
    /// </summary>
    private static double Combine(double[] z)
    {
        var max = z.Max();
        // ln(1 + e^x) = x + ln(1 + e^−x) for x > 0, which cannot overflow.
        return max > 0 ? max + Math.Log(1 + Math.Exp(-max)) : Math.Log(1 + Math.Exp(max));
    }

    /// <summary>Summed in the order <see cref="FittedPca.Score"/> and <see cref="EcodDetector.Score"/> sum, so that the result is bit for bit theirs.</summary>
    private static double Sum(double[] parts)
    {
        var sum = 0.0;
        foreach (var c in parts) sum += c;
        return sum;
    }
}
