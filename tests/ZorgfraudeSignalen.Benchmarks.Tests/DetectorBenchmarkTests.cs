using System.CommandLine;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks.Tests;

public class DetectorBenchmarkTests
{
    [Fact]
    public void The_comparison_of_combinations_scores_the_detectors_own_rule_as_the_benchmark_does()
    {
        var world = SyntheticAnomalies.World(AnomalyKind.Local, 1000);
        var aucs = DetectorBenchmark.CompareCombinations(world, new DetectorOptions(), 0);
        Assert.Equal(DetectorBenchmark.Combinations.Count, aucs.Length);
        Assert.Equal(DetectorEvaluation.Evaluate(world, new DetectorOptions(), [0]).Seeds[0].RocAuc, aucs[0]);
        Assert.All(aucs, a => Assert.InRange(a, 0.5, 1));
    }

    [Fact]
    public void Another_model_seed_keeps_a_clustered_group_at_the_top_and_moves_the_forest_little()
    {
        // ECOD, which has no seed, puts a tight far group on top; the forest's own top moves with the seed, a little.
        var (forestKept, ensembleKept, forestShift) = DetectorBenchmark.SeedStability(SyntheticAnomalies.World(AnomalyKind.Clustered, 1000), new DetectorOptions());
        Assert.True(ensembleKept >= 0.95, $"ensemble kept {ensembleKept:P0}");
        Assert.InRange(forestKept, 0.8, 1);
        Assert.InRange(forestShift, 0, 10);
    }

    [Fact]
    public async Task The_worlds_study_prints_every_anomaly_kind_with_the_trees_asked_for()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { DetectorBenchmark.Create() };
        var exit = await root.Parse(["detector", "worlds", "--worlds", "1", "--first-world", "1000", "--trees", "50"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("50 bomen", text);
        Assert.Contains("1 per soort vanaf 1000", text);
        foreach (var kind in Enum.GetValues<AnomalyKind>())
            Assert.Contains($"  {kind.ToString().ToLowerInvariant()} ", text);
    }

    [Fact]
    public async Task A_study_without_worlds_is_refused()
    {
        var error = new StringWriter();
        var root = new RootCommand { DetectorBenchmark.Create() };
        var exit = await root.Parse(["detector", "stability", "--worlds", "0"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(2, exit);
        Assert.Contains("--worlds", error.ToString());
    }
}
