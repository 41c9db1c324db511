using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.Core.Tests.Model;

/// <summary>The detector under ADBench's protocol must come within 3 points of ADBench's published PCA figure.</summary>
public class DetectorOnOddsTests
{
    public static TheoryData<string> Datasets => new() { "2_annthyroid", "6_cardio", "23_mammography", "32_shuttle", "38_thyroid" };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Roc_auc_is_within_three_points_of_the_published_pca_figure(string name)
    {
        var data = DetectorBenchmark.ReadCsv(TestData.Path($"odds/{name}.csv"));
        var result = DetectorBenchmark.Evaluate(data, new DetectorOptions());
        var published = AdBenchPublished.For(name)!;
        Assert.Equal(3, result.Seeds.Count);
        Assert.True(result.MeanRocAuc * 100 >= published.Pca - 3,
            $"{name}: ROC-AUC {result.MeanRocAuc * 100:F2}, published PCA {published.Pca}");
    }
}

public class DetectorTests
{
    private static List<double[]> Cloud(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        for (var i = 0; i < n; i++)
        {
            var a = random.NextDouble();
            var b = random.NextDouble();
            rows.Add([a, 2 * a + 0.05 * random.NextDouble(), b, b + a, 0.1 * random.NextDouble()]);
        }
        return rows;
    }

    [Fact]
    public void Contributions_sum_to_the_score_and_name_the_feature_that_breaks_the_pattern()
    {
        var rows = Cloud(400, 1);
        var odd = new double[] { 0.5, -2.0, 0.5, 1.0, 0.05 }; // feature 1 should be about 2 × feature 0
        rows.Add(odd);
        var fitted = PcaAnomalyDetector.Fit(rows, new DetectorOptions());
        var parts = fitted.Contributions(odd);
        Assert.Equal(fitted.Score(odd), parts.Sum(), 6);
        var top = Array.IndexOf(parts, parts.Max());
        Assert.True(top is 0 or 1, $"expected feature 0 or 1 to explain the anomaly, got {top}: {string.Join(" ", parts.Select(p => p.ToString("F2")))}");
        Assert.True(fitted.Score(odd) > rows.Take(400).Max(fitted.Score), $"odd {fitted.Score(odd):F2}, max normal {rows.Take(400).Max(fitted.Score):F2}, parts {string.Join(" ", parts.Select(p => p.ToString("F2")))}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_scores()
    {
        var rows = Cloud(300, 2);
        var a = PcaAnomalyDetector.Fit(rows, new DetectorOptions(Seed: 5));
        var b = PcaAnomalyDetector.Fit(rows, new DetectorOptions(Seed: 5));
        Assert.Equal(rows.Select(a.Score), rows.Select(b.Score));
    }

    [Fact]
    public void Roc_auc_counts_ties_half()
    {
        Assert.Equal(1.0, DetectorBenchmark.RocAuc([0.1, 0.2, 0.9], [false, false, true]));
        Assert.Equal(0.5, DetectorBenchmark.RocAuc([0.5, 0.5], [false, true]));
        Assert.Equal(0.875, DetectorBenchmark.RocAuc([0.1, 0.5, 0.5, 0.9], [false, false, true, true]), 6); // 3.5 of 4 pairs
    }

    [Fact]
    public void The_split_is_stratified_and_disjoint()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 10 == 0).ToArray();
        var (train, test) = DetectorBenchmark.StratifiedSplit(labels, 0.3, 1);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(1000, train.Length + test.Length);
        Assert.Equal(30, test.Count(i => labels[i]));
        Assert.Equal(270, test.Count(i => !labels[i]));
    }

    [Fact]
    public void A_bad_csv_gets_a_clear_error()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "f0,f1,label\n1,2,0\n1,x,1\n");
        var error = Assert.Throws<InvalidDataException>(() => DetectorBenchmark.ReadCsv(path));
        Assert.Contains("line 3", error.Message);
        File.Delete(path);
    }
}
