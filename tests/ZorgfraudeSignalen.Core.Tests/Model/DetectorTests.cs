using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Model;

public class DetectorTests
{
    /// <summary>Five features: 1 ≈ 2 × 0, 3 = 0 + 2, 4 small noise.</summary>
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
        var fitted = AnomalyDetector.Fit(rows, new DetectorOptions());
        var parts = fitted.Contributions(odd);
        Assert.Equal(fitted.Score(odd), parts.Sum(), 9);
        Assert.All(parts, p => Assert.True(p >= 0));
        var top = Array.IndexOf(parts, parts.Max());
        Assert.True(top is 0 or 1, $"expected feature 0 or 1 to explain the anomaly, got {top}: {string.Join(" ", parts.Select(p => p.ToString("F2")))}");
        Assert.True(fitted.Score(odd) > rows.Take(400).Max(fitted.Score), $"odd {fitted.Score(odd):F2}, max normal {rows.Take(400).Max(fitted.Score):F2}");
    }

    [Fact]
    public void A_row_that_only_breaks_the_co_variation_is_found_by_the_pca_part()
    {
        // Every value of the odd row lies inside its feature's usual range; only the combination is new.
        var rows = Cloud(400, 4);
        var odd = new double[] { 0.9, 0.2, 0.5, 1.4, 0.05 };
        var fitted = AnomalyDetector.Fit(rows, new DetectorOptions());
        var z = fitted.Standardised(odd);
        Assert.Equal(z.Max(), z[(int)DetectorPart.Pca]);
        Assert.True(fitted.Score(odd) > rows.Max(fitted.Score));
        var parts = fitted.Pca.Contributions(odd);
        Assert.Equal(fitted.Pca.Score(odd), parts.Sum(), 9);
    }

    [Fact]
    public void Ecod_names_the_feature_in_its_tail()
    {
        var rows = Cloud(400, 2);
        var ecod = EcodDetector.Fit(rows);
        var usual = new double[] { 0.5, 1.0, 0.5, 1.0, 0.05 };
        var tail = new double[] { 0.5, 1.0, 0.5, 1.0, 0.5 }; // feature 4 is at most 0.1 in the training rows
        var parts = ecod.Contributions(tail);
        Assert.All(parts, p => Assert.True(p >= 0));
        Assert.Equal(4, Array.IndexOf(parts, parts.Max()));
        // Beyond every training value the right tail is −log(1/(n+1)); at least half of it counts whatever the skew.
        Assert.True(parts[4] >= Math.Log(401) / 2 - 1e-9, $"{parts[4]}");
        Assert.True(ecod.Score(tail) > ecod.Score(usual));
    }

    [Fact]
    public void The_isolation_forest_credits_the_feature_whose_splits_isolate_the_row()
    {
        var rows = Cloud(400, 3);
        var scaler = RobustScaler.Fit(rows, 5, 20);
        var scaled = rows.Select(scaler.Transform).ToArray();
        var forest = IsolationForest.Fit(scaled, seed: 9);
        var odd = scaler.Transform([0.5, 1.0, 3.0, 1.0, 0.05]); // feature 2 far above its range, the rest usual
        var parts = forest.Contributions(odd);
        Assert.Equal(2, Array.IndexOf(parts, parts.Max()));
        // Splits fall inside the sample's range, so a row beyond it isolates like the most extreme training rows on
        // that feature: above the usual row, though corners of the cloud can score as high.
        var usual = scaled.Select(forest.Score).Order().ToArray();
        Assert.True(forest.Score(odd) > RobustScaler.Quantile(usual, 0.5), $"odd {forest.Score(odd):F3}, median {RobustScaler.Quantile(usual, 0.5):F3}");
        Assert.InRange(forest.Score(odd), 0.5, 1);
    }

    [Fact]
    public void The_same_rows_and_seed_give_bit_identical_scores_and_another_seed_another_forest()
    {
        var rows = Cloud(300, 2);
        var a = AnomalyDetector.Fit(rows, new DetectorOptions(Seed: 5));
        var b = AnomalyDetector.Fit(rows, new DetectorOptions(Seed: 5));
        Assert.Equal(rows.Select(a.Score).Select(BitConverter.DoubleToInt64Bits), rows.Select(b.Score).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(rows.SelectMany(a.Contributions).Select(BitConverter.DoubleToInt64Bits), rows.SelectMany(b.Contributions).Select(BitConverter.DoubleToInt64Bits));
        var c = AnomalyDetector.Fit(rows, new DetectorOptions(Seed: 6));
        Assert.NotEqual(rows.Select(r => a.Forest.Score(a.Scaler.Transform(r))), rows.Select(r => c.Forest.Score(c.Scaler.Transform(r))));
    }

    [Fact]
    public void Rows_that_no_part_finds_unusual_keep_their_order_and_their_contributions_still_sum_to_the_score()
    {
        var rows = Cloud(400, 5);
        var fitted = AnomalyDetector.Fit(rows, new DetectorOptions());
        var ordinary = rows.Where(r => fitted.Standardised(r).Max() <= 0).ToList();
        Assert.True(ordinary.Count >= 50, $"{ordinary.Count} rows below every part's median");
        foreach (var row in ordinary)
        {
            var score = fitted.Score(row);
            Assert.InRange(score, 1e-12, Math.Log(2));
            var parts = fitted.Contributions(row);
            Assert.All(parts, p => Assert.True(p >= 0));
            Assert.Equal(score, parts.Sum(), 12);
        }
        // The score follows the largest z, also below 0, instead of tying these rows at one value.
        var byZ = ordinary.OrderBy(r => fitted.Standardised(r).Max()).Select(fitted.Score).ToList();
        Assert.Equal(byZ.Order(), byZ);
        Assert.True(byZ.Distinct().Count() > ordinary.Count / 2);
    }

    [Fact]
    public void One_walk_down_the_forest_gives_its_score_bit_for_bit_and_its_contributions()
    {
        var rows = Cloud(300, 6);
        var forest = IsolationForest.Fit(rows, seed: 3);
        Assert.Equal(IsolationForest.DefaultTrees, forest.Trees);
        foreach (var row in rows.Take(50))
        {
            var (score, parts) = forest.ScoreAndContributions(row);
            Assert.Equal(BitConverter.DoubleToInt64Bits(forest.Score(row)), BitConverter.DoubleToInt64Bits(score));
            Assert.Equal(forest.Contributions(row), parts);
        }
    }

    [Fact]
    public void The_rank_is_the_smallest_that_explains_the_share()
    {
        Assert.Equal(3, PcaAnomalyDetector.ChooseRank([6, 3, 0.9, 0.1], 10, 0.99));
        Assert.Equal(4, PcaAnomalyDetector.ChooseRank([6, 3, 0.9, 0.1], 10, 0.995));
        Assert.Equal(2, PcaAnomalyDetector.ChooseRank([6, 3, 0.9, 0.1], 10, 0.9));
        Assert.Equal(1, PcaAnomalyDetector.ChooseRank([9.95, 0.05], 10, 0.99));
    }

    [Fact]
    public void A_two_dimensional_structure_gets_rank_two_and_orthonormal_components()
    {
        var random = new Random(8);
        var rows = Enumerable.Range(0, 500).Select(_ =>
        {
            var a = random.NextDouble();
            var b = random.NextDouble();
            return new[] { a, b, a + b, a - b, 2 * a + 1e-4 * random.NextDouble() };
        }).ToList();
        var pca = PcaAnomalyDetector.Fit(rows, new DetectorOptions());
        Assert.Equal(2, pca.Rank);
        Assert.True(pca.ExplainedVariance >= 0.99);
        for (var c = 0; c < pca.Rank; c++)
            for (var e = 0; e < pca.Rank; e++)
                Assert.Equal(c == e ? 1 : 0, pca.Components[c].Zip(pca.Components[e]).Sum(p => p.First * p.Second), 6);
        Assert.Equal(3, PcaAnomalyDetector.Fit(rows, new DetectorOptions(Rank: 3)).Rank);
    }

    [Fact]
    public void Roc_auc_counts_ties_half()
    {
        Assert.Equal(1.0, DetectorEvaluation.RocAuc([0.1, 0.2, 0.9], [false, false, true]));
        Assert.Equal(0.5, DetectorEvaluation.RocAuc([0.5, 0.5], [false, true]));
        Assert.Equal(0.875, DetectorEvaluation.RocAuc([0.1, 0.5, 0.5, 0.9], [false, false, true, true]), 6); // 3.5 of 4 pairs
    }

    [Fact]
    public void The_split_is_stratified_and_disjoint()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 10 == 0).ToArray();
        var (train, test) = DetectorEvaluation.StratifiedSplit(labels, 0.3, 1);
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
        var error = Assert.Throws<InvalidDataException>(() => DetectorEvaluation.ReadCsv(path));
        Assert.Contains("line 3", error.Message);
        File.Delete(path);
    }

    [Fact]
    public void The_risk_run_records_the_ensemble_in_its_model_summary_and_names_features_from_it()
    {
        var inputs = ZorgfraudeSignalen.Tests.Shared.GeneratedInputs.Create(80, 2400, seed: 11).Inputs;
        var result = RiskEngine.Compute(RunTables.From(inputs), new RiskConfiguration(), "run-20250101T000000Z-model");
        Assert.True(result.Model.Gefit);
        Assert.Equal(AnomalyDetector.Description, result.Model.Trainer);
        Assert.InRange(result.Model.Rank, 1, result.Model.Kenmerken - 1);
        Assert.Equal(Core.Indicators.ProviderFeatures.All.Count, result.Model.Kenmerken);
        Assert.True(result.Model.ResidueleVariantie > 0);
        Assert.All(result.Signals, s => Assert.InRange(s.Anomaliescore, 0, 1));
        var deviations = result.Details.SelectMany(d => d.Afwijkingen).ToList();
        Assert.NotEmpty(deviations);
        Assert.All(result.Details, d => Assert.InRange(d.Afwijkingen.Sum(k => k.Aandeel), 0, 1.0001));
        // Named only where the provider lies above its peers, never at or below the usual value; the largest is in the text.
        Assert.All(deviations, d => Assert.True(d.Waarde > d.Typisch, $"{d.Kenmerk}: {d.Waarde} against the usual {d.Typisch}"));
        Assert.All(result.Details.Where(d => d.Afwijkingen.Count > 0),
            d => Assert.Contains("vooral door: " + d.Afwijkingen[0].Omschrijving, d.Signal.Toelichting));
    }
}
