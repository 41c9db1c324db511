using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Model;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>detect PATH...</c>: the risk run's anomaly detector on any numeric CSV with columns <c>f0..fn,label</c> under
/// the ADBench protocol (70/30 stratified split, fit without labels, ROC-AUC on the 30 %, mean of three seeds), so
/// that its quality can be held against published and measured baselines. A folder means every .csv in it.
/// <c>--synthetisch N</c> also runs N random worlds per ADBench anomaly kind and prints mean and worst;
/// <c>--bench</c> times fit and scoring at the risk run's largest size (20,000 rows × 30 features).
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("pad") { Description = "CSV-bestanden (f0..fn,label) of mappen met zulke bestanden.", Arity = ArgumentArity.ZeroOrMore };
        var seeds = new Option<string>("--seeds") { Description = "Seeds van de splitsing, komma-gescheiden (standaard 0,1,2).", DefaultValueFactory = _ => "0,1,2" };
        var rank = new Option<int?>("--rank") { Description = $"Vast aantal hoofdcomponenten (standaard: de kleinste rang die {Pct(PcaAnomalyDetector.DefaultVarianceShare)} % van de variantie verklaart)." };
        var synthetic = new Option<int>("--synthetisch") { Description = "Aantal synthetische werelden per ADBench-anomaliesoort (lokaal, globaal, afhankelijkheid, geclusterd); 0 = geen.", DefaultValueFactory = _ => 0 };
        var bench = new Option<bool>("--bench") { Description = "Meet de tijd van fit en score op 20.000 rijen × 30 kenmerken." };
        var trees = new Option<int>("--bomen") { Description = $"Aantal bomen van de isolation forest (standaard {IsolationForest.DefaultTrees}).", DefaultValueFactory = _ => IsolationForest.DefaultTrees };
        var firstWorld = new Option<int>("--eerste-wereld") { Description = "Seed van de eerste synthetische wereld (standaard 1000).", DefaultValueFactory = _ => 1000 };
        var combinations = new Option<bool>("--combinaties") { Description = "Vergelijk bij --synthetisch de manieren om de drie delen te combineren op dezelfde gefitte delen." };
        var stability = new Option<bool>("--stabiliteit") { Description = "Meet bij --synthetisch hoeveel de seed van het model de top 5 % verschuift (alle rijen, seed en seed + 1)." };
        var command = new Command("detect", "Meet de anomaliedetector op gelabelde data volgens het ADBench-protocol (ROC-AUC).") { paths, seeds, rank, synthetic, bench, trees, firstWorld, combinations, stability };
        command.SetAction((parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            int[] seedList;
            try
            {
                seedList = parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            catch (FormatException)
            {
                error.WriteLine("--seeds moet een komma-gescheiden lijst gehele getallen zijn.");
                return Task.FromResult(2);
            }
            if (seedList.Length == 0)
            {
                error.WriteLine("--seeds moet ten minste één seed bevatten.");
                return Task.FromResult(2);
            }
            var worlds = parse.GetValue(synthetic);
            if (worlds < 0)
            {
                error.WriteLine("--synthetisch moet 0 of groter zijn.");
                return Task.FromResult(2);
            }
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths) ?? [])
            {
                if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal));
                else if (File.Exists(path)) files.Add(path);
                else
                {
                    error.WriteLine($"{path}: bestand of map bestaat niet.");
                    return Task.FromResult(2);
                }
            }
            var treeCount = parse.GetValue(trees);
            if (treeCount < 1)
            {
                error.WriteLine("--bomen moet 1 of groter zijn.");
                return Task.FromResult(2);
            }
            var runBench = parse.GetValue(bench);
            if (files.Count == 0 && worlds == 0 && !runBench)
            {
                error.WriteLine("Geef een CSV-bestand of map, --synthetisch N of --bench.");
                return Task.FromResult(2);
            }
            var options = new DetectorOptions(Rank: parse.GetValue(rank), Trees: treeCount);
            output.WriteLine($"Detector: {AnomalyDetector.Description}; rang PCA {(options.Rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : $"uit de data ({Pct(options.VarianceShare)} % variantie)")}; {options.Trees} bomen; ADBench-protocol.");
            output.WriteLine("ROC-AUC ×100 van het ensemble  [PCA / ECOD / IForest apart]");
            var exit = 0;
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                BenchmarkResult result;
                try
                {
                    result = DetectorBenchmark.Evaluate(DetectorBenchmark.ReadCsv(file), options, seedList);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
                {
                    error.WriteLine(e.Message);
                    exit = 2;
                    continue;
                }
                output.WriteLine($"{result.Dataset}: {result.Rows} rijen, {result.Dimension} kenmerken, {result.Anomalies} anomalieën");
                foreach (var s in result.Seeds)
                    output.WriteLine($"  seed {s.Seed}: ROC-AUC {Pct(s.RocAuc)}  [{string.Join(" / ", s.Parts.Select(Pct))}]  rang {s.Rank}");
                var line = $"  gemiddeld: ROC-AUC {Pct(result.MeanRocAuc)}  [{string.Join(" / ", Enum.GetValues<DetectorPart>().Select(p => Pct(result.MeanPart(p))))}]";
                if (AdBenchPublished.SklearnFor(result.Dataset) is { } sklearn)
                    line += $"  sklearn PCA {F1(sklearn.SklearnPca)}, IForest {F1(sklearn.SklearnIForest)}";
                if (AdBenchPublished.For(result.Dataset) is { } published)
                    line += $"; ADBench PCA {F1(published.Pca)}, IForest {F1(published.IForest)}, ECOD {F1(published.Ecod)}";
                output.WriteLine(line);
            }
            if (worlds > 0 && parse.GetValue(stability)) Stability(output, options, parse.GetValue(firstWorld), worlds, ct);
            else if (worlds > 0 && parse.GetValue(combinations)) Combinations(output, options, parse.GetValue(firstWorld), worlds, ct);
            else if (worlds > 0) Synthetic(output, options, parse.GetValue(firstWorld), worlds, ct);
            if (runBench) Bench(output, options);
            return Task.FromResult(exit);
        });
        return command;
    }

    private static void Synthetic(TextWriter output, DetectorOptions options, int first, int worlds, CancellationToken ct)
    {
        output.WriteLine($"Synthetische werelden ({worlds} per soort vanaf {first}, 2.000 rijen, 5 % anomalieën, split-seed 0): gemiddeld (slechtste)");
        foreach (var kind in Enum.GetValues<AnomalyKind>())
        {
            var results = new List<SeedResult>();
            for (var w = 0; w < worlds; w++)
            {
                ct.ThrowIfCancellationRequested();
                results.Add(DetectorBenchmark.Evaluate(SyntheticAnomalies.World(kind, first + w), options, [0]).Seeds[0]);
            }
            var parts = Enum.GetValues<DetectorPart>().Select(p => $"{Pct(results.Average(r => r.Parts[(int)p]))} ({Pct(results.Min(r => r.Parts[(int)p]))})");
            output.WriteLine($"  {kind.ToString().ToLowerInvariant(),-11} {Pct(results.Average(r => r.RocAuc))} ({Pct(results.Min(r => r.RocAuc))})  [{string.Join(" / ", parts)}]");
        }
    }

    /// <summary>Every combination rule of <see cref="DetectorBenchmark.Combinations"/> on the same fitted parts per world: mean (worst) per kind and the worst world of all.</summary>
    private static void Combinations(TextWriter output, DetectorOptions options, int first, int worlds, CancellationToken ct)
    {
        output.WriteLine($"Combinaties op synthetische werelden ({worlds} per soort vanaf {first}, split-seed 0): gemiddeld (slechtste)");
        var kinds = Enum.GetValues<AnomalyKind>();
        var results = kinds.Select(_ => new List<double[]>()).ToArray();
        for (var k = 0; k < kinds.Length; k++)
            for (var w = 0; w < worlds; w++)
            {
                ct.ThrowIfCancellationRequested();
                results[k].Add(DetectorBenchmark.CompareCombinations(SyntheticAnomalies.World(kinds[k], first + w), options, 0));
            }
        output.WriteLine($"  {"combinatie",-18} {string.Join(" ", kinds.Select(k => k.ToString().ToLowerInvariant().PadRight(13)))} slechtste");
        for (var c = 0; c < DetectorBenchmark.Combinations.Count; c++)
        {
            var cells = results.Select(r => $"{Pct(r.Average(a => a[c]))} ({Pct(r.Min(a => a[c]))})".PadRight(13));
            output.WriteLine($"  {DetectorBenchmark.Combinations[c],-18} {string.Join(" ", cells)} {Pct(results.Min(r => r.Min(a => a[c])))}");
        }
    }

    private static void Stability(TextWriter output, DetectorOptions options, int first, int worlds, CancellationToken ct)
    {
        var results = new List<(double ForestTopKept, double EnsembleTopKept, double ForestShift)>();
        foreach (var kind in Enum.GetValues<AnomalyKind>())
            for (var w = 0; w < worlds; w++)
            {
                ct.ThrowIfCancellationRequested();
                results.Add(DetectorBenchmark.SeedStability(SyntheticAnomalies.World(kind, first + w), options));
            }
        output.WriteLine($"Seed-stabiliteit ({worlds} werelden per soort vanaf {first}, {options.Trees} bomen), deel van de top 5 % dat blijft: gemiddeld (slechtste)");
        output.WriteLine($"  isolation forest {Pct(results.Average(r => r.ForestTopKept))} % ({Pct(results.Min(r => r.ForestTopKept))} %), " +
            $"ensemble {Pct(results.Average(r => r.EnsembleTopKept))} % ({Pct(results.Min(r => r.EnsembleTopKept))} %); " +
            $"gemiddelde verschuiving in percentielen (forest) {F1(results.Average(r => r.ForestShift))}");
    }

    private static void Bench(TextWriter output, DetectorOptions options)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 20_000).Select(_ => Enumerable.Range(0, 30).Select(j => j % 3 == 0 ? random.Next(5) : Math.Exp(random.NextDouble() * 3)).ToArray()).ToArray();
        var process = Process.GetCurrentProcess();
        (TimeSpan Wall, TimeSpan Cpu) Measure(Action action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            process.Refresh();
            return (watch.Elapsed, process.TotalProcessorTime - cpu);
        }
        FittedDetector fitted = null!;
        var sum = 0.0;
        var fit = Measure(() => fitted = AnomalyDetector.Fit(rows, options));
        var score = Measure(() => { foreach (var row in rows) sum += fitted.Score(row); });
        var contributions = Measure(() => { foreach (var row in rows) sum += fitted.Contributions(row)[0]; });
        output.WriteLine($"Bench 20.000 × 30 (rang {fitted.Rank}; controlegetal {sum.ToString("G6", CultureInfo.InvariantCulture)}), wandklok / processortijd in seconden:");
        output.WriteLine($"  fit {Seconds(fit.Wall)} / {Seconds(fit.Cpu)}, score {Seconds(score.Wall)} / {Seconds(score.Cpu)}, bijdragen {Seconds(contributions.Wall)} / {Seconds(contributions.Cpu)}, " +
            $"totaal {Seconds(fit.Wall + score.Wall + contributions.Wall)} / {Seconds(fit.Cpu + score.Cpu + contributions.Cpu)}");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
    private static string Pct(double auc) => (auc * 100).ToString("F1", CultureInfo.InvariantCulture);
}
