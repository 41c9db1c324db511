using System.CommandLine;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks.Tests;

public sealed class EvaluateBenchmarkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-bench-eval-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Evaluate_prints_every_world_the_median_and_the_worst_and_writes_the_table()
    {
        var csv = Path.Combine(_root, "werelden.csv");
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { EvaluateBenchmark.Create() };
        var exit = await root.Parse(["evaluate", "--worlds", "2", "--seed", "40", "--providers", "60", "--clients", "3000", "--months", "4", "--out", csv])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("wereld", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("1 ") && l.Contains(" 40 "));
        Assert.Contains(lines, l => l.StartsWith("2 ") && l.Contains(" 41 "));
        Assert.Contains(lines, l => l.StartsWith("mediaan"));
        Assert.Contains(lines, l => l.StartsWith("slechtst"));

        var table = (await File.ReadAllLinesAsync(csv)).Select(l => l.Split(',')).ToList();
        Assert.Equal(3, table.Count);
        var header = table[0].ToList();
        foreach (var column in new[] { "ap", "p_at_20", "roc_auc", "lookalikes_top20", "bag", "recall50_woonzorg", "recall50_spook", "strength_tarief" })
            Assert.Contains(column, header);
        // Each row is its own world: the seed and its drawn BAG presence.
        Assert.Equal("40", table[1][header.IndexOf("seed")]);
        Assert.Equal(Wereldprofiel.Trek(41).MetBag ? "1" : "0", table[2][header.IndexOf("bag")]);
        var ap = double.Parse(table[1][header.IndexOf("ap")], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ap, 0, 1);
    }

    [Fact]
    public void World_sizes_are_drawn_from_the_seed_within_the_documented_range()
    {
        var sizes = Enumerable.Range(1000, 20).Select(s => EvaluateBenchmark.WorldOptions(s, null, null, 12, referenceWorld: false)).ToList();
        Assert.All(sizes, o => Assert.InRange(o.Aanbieders, 500, 1200));
        Assert.All(sizes, o => Assert.InRange(o.Clienten / o.Aanbieders, 50, 90));
        Assert.True(sizes.Select(o => o.Aanbieders).Distinct().Count() > 10);
        Assert.Equal(sizes[3], EvaluateBenchmark.WorldOptions(1003, null, null, 12, referenceWorld: false));
        Assert.Null(sizes[0].Wereld);
    }

    /// <summary>
    /// The ranking on the reference world (the committed samples' make-up) keeps the goals it met before the random
    /// worlds existed; the random worlds' figures are in docs/detectie.md and come from <c>evaluate</c>.
    /// </summary>
    [Fact]
    public async Task Ranking_meets_the_goals_on_the_reference_world()
    {
        var outcome = await WorldEvaluation.RunAsync(new GeneratorOptions { Seed = 5150, Aanbieders = 300, Clienten = 30_000, Wereld = Wereldprofiel.Referentie });
        var m = outcome.Metrics;
        Assert.True(m.Fraud >= 20, $"only {m.Fraud} planted");
        Assert.True(m.AveragePrecision >= 0.8, $"AP {m.AveragePrecision:F3}");
        Assert.True(m.PrecisionAt20 >= 0.9, $"precision@20 {m.PrecisionAt20:F2}");
        Assert.Equal(0, m.LookAlikesTop20);
        foreach (var (scheme, _) in RankingMetrics.Schemes.Where(s => m.Top50[s.Scheme].Planted > 0))
            Assert.Equal(1.0, m.RecallTop50(scheme));
    }
}

public sealed class LearningOnIndependentWorldsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-bench-learn-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Generates a world's extracts into the folder and ingests them into its store, as run.sh does.</summary>
    private async Task<GeneratieResultaat> IngestedWorld(GeneratorOptions options)
    {
        var generated = SynthetischeExtracten.Genereer(options, _root);
        var store = ZorgfraudeSignalen.Core.Storage.Local.LocalStore.Open(Path.Combine(_root, "store"));
        await new ZorgfraudeSignalen.Core.Ingest.Ingestor(store).IngestFolderAsync(Path.Combine(_root, "extracts"));
        return generated;
    }

    /// <summary>
    /// A folder as bench/independent-world leaves it: the ingested store and truth.csv (aanbieder_id;fraude;schema;lookalike).
    /// The world itself comes from this project's generator, but only through those two, as another generator's would.
    /// </summary>
    [Fact]
    public async Task Learning_runs_on_an_ingested_world_with_its_truth_file()
    {
        var generated = await IngestedWorld(new GeneratorOptions { Seed = 77, Aanbieders = 60, Clienten = 3000, Maanden = 4 });
        var frauds = generated.Waarheid.Count(w => Patronen.IsFraude(w.Patronen));
        await File.WriteAllLinesAsync(Path.Combine(_root, "truth.csv"), generated.Waarheid
            .Select(w => $"{w.AanbiederId};{(Patronen.IsFraude(w.Patronen) ? 1 : 0)};{(Patronen.IsFraude(w.Patronen) ? "woonzorg" : "")};")
            .Prepend("aanbieder_id;fraude;schema;lookalike"));

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new RootCommand { LearningBenchmark.Create() }
            .Parse(["learning", "--werelden", _root, "--rondes", "1", "--k", "3", "--varianten", "ontwerp"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains($"wereld 1: {_root}", lines);
        // Round 0: nothing assessed yet, every fraud of truth.csv still to be found; round 1: the first three assessed.
        Assert.Contains(lines, l => l.StartsWith("wereld 1 ontwerp    ronde  0:") && l.Contains($"fraudes over {frauds,3}"));
        Assert.Contains(lines, l => l.StartsWith("wereld 1 geen_leren ronde  1:") && l.Contains("recall rest: woonzorg="));
    }

    [Fact]
    public async Task A_truth_file_without_its_columns_is_refused_by_name()
    {
        await IngestedWorld(new GeneratorOptions { Seed = 78, Aanbieders = 40, Clienten = 1500, Maanden = 3 });
        await File.WriteAllLinesAsync(Path.Combine(_root, "truth.csv"), ["aanbieder_id;fraude"]);

        var error = new StringWriter();
        var exit = await new RootCommand { LearningBenchmark.Create() }
            .Parse(["learning", "--werelden", _root, "--rondes", "1"])
            .InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
        Assert.NotEqual(0, exit);
        Assert.Contains($"{_root}/truth.csv: kolom schema ontbreekt", error.ToString());
    }
}
