using System.CommandLine;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Buildings;

namespace ZorgfraudeSignalen.App.Tests;

public class BenchBuildingsCommandTests
{
    [Fact]
    public void Synthetic_inputs_plant_woonzorg_providers_that_the_analysis_clusters()
    {
        var inputs = BenchBuildingsCommand.Synthesise(providerCount: 200, clientCount: 20_000, allocationCount: 25_000, withBag: true, seed: 5);
        Assert.Equal(25_000, inputs.Toewijzingen.Count);
        var result = BuildingAnalysis.Analyse(inputs, new DateOnly(2025, 6, 1));
        Assert.True(result.Resolutie.ViaBagId > 0 && result.Resolutie.ViaBagAdres > 0);
        // Providers 7, 57, 107, 157 house clients in their own building (see Synthesise).
        foreach (var p in new[] { 7, 57, 107, 157 })
        {
            var facts = result.PerAanbieder[$"AGB{p:D8}"];
            Assert.NotNull(facts.ClusterId);
            Assert.True(facts.ClientsInOwnBuilding >= 3, $"{facts.AanbiederId}: {facts.ClientsInOwnBuilding}");
        }
        var again = BuildingAnalysis.Analyse(BenchBuildingsCommand.Synthesise(200, 20_000, 25_000, true, 5), new DateOnly(2025, 6, 1));
        Assert.Equal(result.Clusters.Select(c => c.ClusterId), again.Clusters.Select(c => c.ClusterId));
    }

    [Fact]
    public async Task Bench_prints_its_figures()
    {
        var bench = new Command("bench") { BenchBuildingsCommand.Create() };
        var (exit, output, _) = await CliRunner.RunAsync(Path.GetTempPath(), bench,
            "bench", "buildings", "--aanbieders", "100", "--clienten", "2000", "--toewijzingen", "2500", "--herhaal", "1");
        Assert.Equal(0, exit);
        Assert.Contains("run 1: analyse", output);
        Assert.Contains("stages: bag", output);
    }
}
