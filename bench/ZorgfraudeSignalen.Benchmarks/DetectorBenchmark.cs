using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>detector</c>: the anomaly detector's speed and the studies its design was chosen on (docs/detectie.md), on
/// ADBench's four synthetic anomaly kinds from the generator (<see cref="SyntheticAnomalies"/>). The shipped
/// <c>zfs detect</c> only measures the detector on a labelled CSV under the protocol (<see cref="DetectorEvaluation"/>).
/// <list type="bullet">
/// <item><c>speed</c>: fit, scoring and contributions at the risk run's largest size, 20,000 rows × 30 features.</item>
/// <item><c>worlds</c>: N random worlds per kind, mean and worst of the ensemble and of each part.</item>
/// <item><c>combinations</c>: the ways of combining the three parts, on the same fitted parts per world.</item>
/// <item><c>stability</c>: how far the model's seed moves the top 5 % of the forest and of the ensemble.</item>
/// <item><c>combinations-data</c>: the same rules and each part alone on labelled sets (CSV or ADBench's <c>.npz</c>).</item>
/// </list>
/// </summary>
public static class DetectorBenchmark
{
    public static Command Create()
    {
        var command = new Command("detector", "De anomaliedetector: snelheid en de studies van zijn ontwerp op synthetische werelden (docs/detectie.md).");
        command.Subcommands.Add(Study("speed", "Meet de tijd van fit, score en bijdragen op 20.000 rijen × 30 kenmerken.", worlds: false,
            (output, options, _, _, _) => Speed(output, options)));
        command.Subcommands.Add(Study("worlds", "ROC-AUC op N synthetische werelden per ADBench-anomaliesoort (globaal, lokaal, afhankelijkheid, geclusterd): gemiddeld en slechtste.", worlds: true,
            Synthetic));
        command.Subcommands.Add(Study("combinations", "Vergelijk de manieren om de drie delen te combineren op dezelfde gefitte delen per synthetische wereld.", worlds: true,
            CombinationTable));
        command.Subcommands.Add(DataCombinations());
        command.Subcommands.Add(Study("stability", "Hoeveel de seed van het model de top 5 % verschuift (alle rijen, seed en seed + 1) op synthetische werelden.", worlds: true,
            StabilityTable));
        return command;
    }

    private static Command Study(string name, string description, bool worlds, Action<TextWriter, DetectorOptions, int, int, CancellationToken> run)
    {
        var rank = new Option<int?>("--rank") { Description = $"Vast aantal hoofdcomponenten (standaard: de kleinste rang die {Pct(PcaAnomalyDetector.DefaultVarianceShare)} % van de variantie verklaart)." };
        var trees = new Option<int>("--trees") { Description = $"Aantal bomen van de isolation forest (standaard {IsolationForest.DefaultTrees}).", DefaultValueFactory = _ => IsolationForest.DefaultTrees };
        var count = new Option<int>("--worlds") { Description = "Aantal synthetische werelden per anomaliesoort.", DefaultValueFactory = _ => 10 };
        var first = new Option<int>("--first-world") { Description = "Seed van de eerste synthetische wereld.", DefaultValueFactory = _ => 1000 };
        var command = new Command(name, description) { rank, trees };
        if (worlds)
        {
            command.Options.Add(count);
            command.Options.Add(first);
        }
        command.SetAction((parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var treeCount = parse.GetValue(trees);
            if (treeCount < 1)
            {
                error.WriteLine("--trees moet 1 of groter zijn.");
                return Task.FromResult(2);
            }
            var worldCount = worlds ? parse.GetValue(count) : 0;
            if (worlds && worldCount < 1)
            {
                error.WriteLine("--worlds moet 1 of groter zijn.");
                return Task.FromResult(2);
            }
            var options = new DetectorOptions(Rank: parse.GetValue(rank), Trees: treeCount);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Detector: {AnomalyDetector.Description}; rang PCA {(options.Rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : $"uit de data ({Pct(options.VarianceShare)} % variantie)")}; {options.Trees} bomen.");
            run(output, options, worlds ? parse.GetValue(first) : 0, worldCount, ct);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Synthetic(TextWriter output, DetectorOptions options, int first, int worlds, CancellationToken ct)
    {
        output.WriteLine($"Synthetische werelden ({worlds} per soort vanaf {first}, 2.000 rijen, 5 % anomalieën, split-seed 0): gemiddeld (slechtste)");
        output.WriteLine("ROC-AUC ×100 van het ensemble  [PCA / ECOD / IForest apart]");
        foreach (var kind in Enum.GetValues<AnomalyKind>())
        {
            var results = new List<SeedResult>();
            for (var w = 0; w < worlds; w++)
            {
                ct.ThrowIfCancellationRequested();
                results.Add(DetectorEvaluation.Evaluate(SyntheticAnomalies.World(kind, first + w), options, [0]).Seeds[0]);
            }
            var parts = Enum.GetValues<DetectorPart>().Select(p => $"{Pct(results.Average(r => r.Parts[(int)p]))} ({Pct(results.Min(r => r.Parts[(int)p]))})");
            output.WriteLine($"  {kind.ToString().ToLowerInvariant(),-11} {Pct(results.Average(r => r.RocAuc))} ({Pct(results.Min(r => r.RocAuc))})  [{string.Join(" / ", parts)}]");
        }
    }

    /// <summary>Every rule of <see cref="Combinations"/> on the same fitted parts per world: mean (worst) per kind and the worst world of all.</summary>
    private static void CombinationTable(TextWriter output, DetectorOptions options, int first, int worlds, CancellationToken ct)
    {
        output.WriteLine($"Combinaties op synthetische werelden ({worlds} per soort vanaf {first}, split-seed 0): gemiddeld (slechtste)");
        var kinds = Enum.GetValues<AnomalyKind>();
        var results = kinds.Select(_ => new List<double[]>()).ToArray();
        for (var k = 0; k < kinds.Length; k++)
            for (var w = 0; w < worlds; w++)
            {
                ct.ThrowIfCancellationRequested();
                results[k].Add(CompareCombinations(SyntheticAnomalies.World(kinds[k], first + w), options, 0));
            }
        output.WriteLine($"  {"combinatie",-18} {string.Join(" ", kinds.Select(k => k.ToString().ToLowerInvariant().PadRight(13)))} slechtste");
        for (var c = 0; c < Combinations.Count; c++)
        {
            var cells = results.Select(r => $"{Pct(r.Average(a => a[c]))} ({Pct(r.Min(a => a[c]))})".PadRight(13));
            output.WriteLine($"  {Combinations[c],-18} {string.Join(" ", cells)} {Pct(results.Min(r => r.Min(a => a[c])))}");
        }
    }

    /// <summary>
    /// <c>combinations-data PATH...</c>: the same rules on labelled sets (CSV with <c>f0..fn,label</c> or ADBench's
    /// <c>.npz</c>, a file or a folder of them) under the protocol of <c>zfs detect</c>, seeds 0, 1, 2: per set the mean per rule, then over all sets the
    /// mean, the worst set and in how many sets each rule is at least as good as the forest alone.
    /// </summary>
    private static Command DataCombinations()
    {
        var paths = new Argument<string[]>("paths") { Description = "Gelabelde sets (CSV met kolommen f0..fn,label, of ADBench-.npz) of mappen ermee.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("combinations-data", "Vergelijk de combinaties op gelabelde sets (ADBench-protocol, seeds 0, 1, 2).") { paths };
        command.SetAction((parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var files = parse.GetValue(paths)!.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Where(IsLabelledSet).Order(StringComparer.Ordinal).ToArray() : new[] { p }).ToArray();
            var options = new DetectorOptions();
            output.WriteLine($"Combinaties op {files.Length} gelabelde sets (ROC-AUC ×100, gemiddelde van seeds {string.Join(", ", DetectorEvaluation.DefaultSeeds)}):");
            output.WriteLine($"  {"set",-18} {string.Join(" ", Combinations.Select(c => c.PadLeft(Math.Max(6, c.Length))))}");
            var perSet = new List<double[]>();
            foreach (var file in files)
            {
                ct.ThrowIfCancellationRequested();
                var data = file.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) ? NpzData.Read(file) : DetectorEvaluation.ReadCsv(file);
                var runs = DetectorEvaluation.DefaultSeeds.Select(seed => CompareCombinations(data, options, seed)).ToArray();
                var mean = Enumerable.Range(0, Combinations.Count).Select(c => runs.Average(r => r[c])).ToArray();
                perSet.Add(mean);
                output.WriteLine($"  {data.Name,-18} {string.Join(" ", Combinations.Select((c, i) => Pct(mean[i]).PadLeft(Math.Max(6, c.Length))))}");
            }
            var forest = Combinations.Count - 1;
            output.WriteLine($"  {"gemiddeld",-18} {string.Join(" ", Combinations.Select((c, i) => Pct(perSet.Average(m => m[i])).PadLeft(Math.Max(6, c.Length))))}");
            output.WriteLine($"  {"slechtste",-18} {string.Join(" ", Combinations.Select((c, i) => Pct(perSet.Min(m => m[i])).PadLeft(Math.Max(6, c.Length))))}");
            output.WriteLine($"  {"≥ IForest alleen",-18} {string.Join(" ", Combinations.Select((c, i) => perSet.Count(m => m[i] >= m[forest] - 1e-12).ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(6, c.Length))))}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static bool IsLabelledSet(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || (file.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) && new FileInfo(file).Length > 0);

    private static void StabilityTable(TextWriter output, DetectorOptions options, int first, int worlds, CancellationToken ct)
    {
        var results = new List<(double ForestTopKept, double EnsembleTopKept, double ForestShift)>();
        foreach (var kind in Enum.GetValues<AnomalyKind>())
            for (var w = 0; w < worlds; w++)
            {
                ct.ThrowIfCancellationRequested();
                results.Add(SeedStability(SyntheticAnomalies.World(kind, first + w), options));
            }
        output.WriteLine($"Seed-stabiliteit ({worlds} werelden per soort vanaf {first}, {options.Trees} bomen), deel van de top 5 % dat blijft: gemiddeld (slechtste)");
        output.WriteLine($"  isolation forest {Pct(results.Average(r => r.ForestTopKept))} % ({Pct(results.Min(r => r.ForestTopKept))} %), " +
            $"ensemble {Pct(results.Average(r => r.EnsembleTopKept))} % ({Pct(results.Min(r => r.EnsembleTopKept))} %); " +
            $"gemiddelde verschuiving in percentielen (forest) {F1(results.Average(r => r.ForestShift))}");
    }

    private static void Speed(TextWriter output, DetectorOptions options)
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
        output.WriteLine($"20.000 × 30 (rang {fitted.Rank}; controlegetal {sum.ToString("G6", CultureInfo.InvariantCulture)}), wandklok / processortijd in seconden:");
        output.WriteLine($"  fit {Seconds(fit.Wall)} / {Seconds(fit.Cpu)}, score {Seconds(score.Wall)} / {Seconds(score.Cpu)}, bijdragen {Seconds(contributions.Wall)} / {Seconds(contributions.Cpu)}, " +
            $"totaal {Seconds(fit.Wall + score.Wall + contributions.Wall)} / {Seconds(fit.Cpu + score.Cpu + contributions.Cpu)}");
    }

    /// <summary>
    /// The ways of combining the three parts that were weighed against the chosen one (docs/detectie.md), each applied
    /// to the same fitted parts on one split: z is a part's robust-standardised log-score (<see cref="Standardiser"/>),
    /// r its rank-normalised score, −ln of its tail share among the training rows' scores of that part.
    /// </summary>
    public static readonly IReadOnlyList<string> Combinations =
    [
        "softplus(max z)", "max(0, max z)", "max r", "max(ln 2, max r)", "som z+", "ln(1 + som e^z)", "gemiddelde z", "gemiddelde r",
        "max z PCA+IForest", "PCA alleen", "ECOD alleen", "IForest alleen",
    ];

    /// <summary>ROC-AUC of every rule in <see cref="Combinations"/> on one stratified split; the first is the detector's own score.</summary>
    public static double[] CompareCombinations(LabelledData data, DetectorOptions options, int seed)
    {
        var (train, test) = DetectorEvaluation.StratifiedSplit(data.Labels, 0.3, seed);
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
                Math.Max(z[(int)DetectorPart.Pca], z[(int)DetectorPart.IsolationForest]), .. raw,
            ];
            for (var c = 0; c < values.Length; c++) scores[c][t] = values[c];
        }
        return scores.Select(s => DetectorEvaluation.RocAuc(s, labels)).ToArray();
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

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
    private static string F1(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
    private static string Pct(double auc) => (auc * 100).ToString("F1", CultureInfo.InvariantCulture);
}
