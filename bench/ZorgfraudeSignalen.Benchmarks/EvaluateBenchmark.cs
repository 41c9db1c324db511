using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>evaluate</c>: the risk run's ranking against the generator's ground truth over many random worlds (every seed
/// its own municipality, <see cref="Wereldprofiel.Trek"/>), through the real path: generated extracts → ingest into a
/// fresh local store → load the snapshots in force → risk run. Prints per world and the median and worst over all
/// worlds, so that no ranking can look good by fitting one world.
/// </summary>
public static class EvaluateBenchmark
{
    public static Command Create()
    {
        var worlds = new Option<int>("--worlds") { Description = "Aantal werelden.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Basisseed: wereld i krijgt seed + i.", DefaultValueFactory = _ => 1000 };
        var providers = new Option<int?>("--providers") { Description = "Aanbieders per wereld (standaard getrokken: 500–1.200)." };
        var clients = new Option<int?>("--clients") { Description = "Cliënten per wereld (standaard getrokken: 50–90 per aanbieder)." };
        var months = new Option<int>("--months") { Description = "Maanden declaraties.", DefaultValueFactory = _ => 12 };
        var reference = new Option<bool>("--reference-world") { Description = "Elke seed in de vaste referentiewereld in plaats van een getrokken wereld." };
        var show = new Option<int>("--show") { Description = "Toon de eerste N van elke ranglijst met de grondwaarheid.", DefaultValueFactory = _ => 0 };
        var csv = new Option<string?>("--out") { Description = "Schrijf de tabel per wereld als CSV naar dit bestand." };
        var command = new Command("evaluate",
            "Meet de rangschikking tegen de grondwaarheid over willekeurige werelden: AP, P@20, ROC-AUC, look-alikes in de top 20, recall in de top 50 per schema.")
            { worlds, seed, providers, clients, months, reference, show, csv };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var count = parse.GetValue(worlds);
            if (count < 1)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("--worlds moet minstens 1 zijn.");
                return 2;
            }
            var outcomes = new List<WorldOutcome>();
            await output.WriteLineAsync(WorldTable.Header);
            for (var i = 0; i < count; i++)
            {
                var options = WorldOptions(parse.GetValue(seed) + i, parse.GetValue(providers), parse.GetValue(clients), parse.GetValue(months),
                    parse.GetValue(reference));
                var outcome = await WorldEvaluation.RunAsync(options, ct);
                outcomes.Add(outcome);
                await output.WriteLineAsync(WorldTable.Row(i + 1, outcome));
                foreach (var line in outcome.Top(parse.GetValue(show))) await output.WriteLineAsync(line);
            }
            await output.WriteLineAsync(WorldTable.Summary(outcomes));
            if (parse.GetValue(csv) is { } file)
            {
                await File.WriteAllTextAsync(file, WorldTable.Csv(outcomes), new UTF8Encoding(false), ct);
                await output.WriteLineAsync($"tabel per wereld: {file}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The options of world <paramref name="seed"/>: its size drawn from the seed unless given (a municipality of 500 to
    /// 1,200 providers with 50 to 90 clients each, so that one world takes well under a minute), its make-up drawn too.
    /// </summary>
    public static GeneratorOptions WorldOptions(int seed, int? providers, int? clients, int months, bool referenceWorld)
    {
        var size = new Random(seed);
        var n = providers ?? size.Next(500, 1_201);
        return new GeneratorOptions
        {
            Seed = seed,
            Aanbieders = n,
            Clienten = clients ?? n * size.Next(50, 91),
            Maanden = months,
            Wereld = referenceWorld ? Wereldprofiel.Referentie : null,
        };
    }
}

/// <summary>One world generated, ingested, run and measured against its truth.</summary>
public sealed record WorldOutcome(GeneratorOptions Options, Wereldprofiel World, RankingMetrics Metrics, RiskResult Result,
    IReadOnlyDictionary<string, Patroon> Truth, TimeSpan Elapsed)
{
    /// <summary>The first <paramref name="n"/> of the ranking with what was planted, for reading a world's failures.</summary>
    public IEnumerable<string> Top(int n) => Result.Signals.Take(n).Select(s =>
    {
        var planted = Truth.GetValueOrDefault(s.AanbiederId);
        var label = Patronen.IsFraude(planted) ? "FRAUDE" : (planted & Patronen.LookAlike) != 0 ? "lookalike" : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"    {s.Rang,4} {s.AanbiederId,-10} {s.Risicoscore,5:F1} {label,-9} {Patronen.ToCodes(planted),-44} {string.Join('|', s.Signalen)}");
    });
}

public static class WorldEvaluation
{
    public static async Task<WorldOutcome> RunAsync(GeneratorOptions options, CancellationToken ct = default) => await RunAsync(options, null, null, ct);

    /// <param name="runId">The run id the world's risk run gets; null = <c>eval-{seed}</c>.</param>
    public static async Task<WorldOutcome> RunAsync(GeneratorOptions options, RiskConfiguration? configuration, string? runId, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("zfs-eval-").FullName;
        try
        {
            var generated = SynthetischeExtracten.Genereer(options, work);
            var store = LocalStore.Open(Path.Combine(work, "store"));
            var reports = await new Ingestor(store).IngestFolderAsync(Path.Combine(work, "extracts"), ct: ct);
            // Every world must be valid input: a rejected row would measure ingest, not the ranking.
            if (reports.FirstOrDefault(r => r.Status != IngestStatus.Accepted || r.RowsRejected > 0) is { } bad)
                throw new InvalidOperationException($"Wereld {options.Seed}: {bad.SourceName} niet geheel geaccepteerd ({bad.Status}, {bad.RowsRejected} rijen afgekeurd): {bad.Message}");
            var loaded = await SnapshotLoader.LoadInForceAsync(store, ct);
            var result = RiskEngine.Compute(loaded.Inputs, configuration ?? new RiskConfiguration(), runId ?? $"eval-{options.Seed}");
            var truth = generated.Waarheid.ToDictionary(w => w.AanbiederId, w => w.Patronen, StringComparer.Ordinal);
            var metrics = RankingMetrics.Measure(result.Signals.Select(s => s.AanbiederId).ToList(), truth);
            return new WorldOutcome(options, generated.Wereld, metrics, result, truth, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

/// <summary>The printed and CSV forms of the per-world figures.</summary>
public static class WorldTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Header =>
        $"{"wereld",6} {"seed",6} {"aanb.",5} {"fraude",6} {"BAG",3} {"AP",5} {"P@20",5} {"AUC",5} {"LA20",4}  R@50: " +
        string.Join(' ', RankingMetrics.Schemes.Select(s => s.Name.PadLeft(Math.Max(5, s.Name.Length)))) + $" {"s",6}";

    private static string Recalls(Func<Patroon, string> value) =>
        string.Join(' ', RankingMetrics.Schemes.Select(s => value(s.Scheme).PadLeft(Math.Max(5, s.Name.Length))));

    private static string F(double x) => double.IsNaN(x) ? "-" : x.ToString("F2", Inv);

    public static string Row(int world, WorldOutcome o)
    {
        var m = o.Metrics;
        return string.Create(Inv,
            $"{world,6} {o.Options.Seed,6} {m.Providers,5} {m.Fraud,6} {(o.World.MetBag ? "ja" : "nee"),3} {m.AveragePrecision,5:F3} {m.PrecisionAt20,5:F2} {m.RocAuc,5:F3} {m.LookAlikesTop20,4}        ") +
            Recalls(s => F(m.RecallTop50(s))) + string.Create(Inv, $" {o.Elapsed.TotalSeconds,6:F1}");
    }

    /// <summary>Median and worst over the worlds (worst: lowest AP, P@20, ROC-AUC and recall; most look-alikes).</summary>
    public static string Summary(IReadOnlyList<WorldOutcome> outcomes)
    {
        static double Median(IEnumerable<double> values)
        {
            var v = values.Where(x => !double.IsNaN(x)).Order().ToList();
            return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
        }
        static double Worst(IEnumerable<double> values)
        {
            var v = values.Where(x => !double.IsNaN(x)).ToList();
            return v.Count == 0 ? double.NaN : v.Min();
        }
        var m = outcomes.Select(o => o.Metrics).ToList();
        var bag = outcomes.Count(o => o.World.MetBag);
        string Line(string name, Func<IEnumerable<double>, double> f, double lookAlikes) => string.Create(Inv,
            $"{name,-13} {"",5} {"",6} {"",3} {f(m.Select(x => x.AveragePrecision)),5:F3} {f(m.Select(x => x.PrecisionAt20)),5:F2} {f(m.Select(x => x.RocAuc)),5:F3} {lookAlikes,4:0.#}        ") +
            Recalls(s => F(f(m.Select(x => x.RecallTop50(s)))));
        var sb = new StringBuilder();
        sb.AppendLine(Line("mediaan", Median, Median(m.Select(x => (double)x.LookAlikesTop20))));
        sb.AppendLine(Line("slechtst", Worst, m.Max(x => x.LookAlikesTop20)));
        sb.Append(string.Create(Inv,
            $"{outcomes.Count} werelden, {bag} met BAG; AP mediaan {Median(m.Select(x => x.AveragePrecision)):F3}, slechtst {Worst(m.Select(x => x.AveragePrecision)):F3}; " +
            $"look-alikes in de top 20: {m.Sum(x => x.LookAlikesTop20)} in totaal; {outcomes.Sum(o => o.Elapsed.TotalSeconds):F0} s"));
        return sb.ToString();
    }

    public static string Csv(IReadOnlyList<WorldOutcome> outcomes)
    {
        var sb = new StringBuilder();
        sb.Append("world,seed,providers,clients,fraud,bag,ap,p_at_20,roc_auc,lookalikes_top20,");
        sb.Append(string.Join(',', RankingMetrics.Schemes.Select(s => $"planted_{s.Name},recall50_{s.Name}")));
        sb.AppendLine(",strength_woonzorg,strength_max_billing,strength_tarief,strength_netwerk,strength_spook,whole_units,whole_month_share,big_zzp_share,specialist_share,woonzorg_buildings_max,woonzorg_row_share,seconds");
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            var m = o.Metrics;
            var w = o.World;
            sb.Append(string.Create(Inv, $"{i + 1},{o.Options.Seed},{m.Providers},{o.Options.Clienten},{m.Fraud},{(w.MetBag ? 1 : 0)},{m.AveragePrecision:F4},{m.PrecisionAt20:F4},{m.RocAuc:F4},{m.LookAlikesTop20},"));
            sb.Append(string.Join(',', RankingMetrics.Schemes.Select(s =>
                string.Create(Inv, $"{m.Top50[s.Scheme].Planted},{(double.IsNaN(m.RecallTop50(s.Scheme)) ? "" : m.RecallTop50(s.Scheme).ToString("F4", Inv))}"))));
            sb.AppendLine(string.Create(Inv,
                $",{w.WoonzorgSterkte:F3},{w.MaximumSterkte:F3},{w.TariefSterkte:F3},{w.NetwerkSterkte:F3},{w.BuitenSterkte:F3},{(w.HeleEenheden ? 1 : 0)},{w.HeleMaandAandeel:F3},{w.GroteZzpAandeel:F3},{w.SpecialistAandeel:F3},{w.WoonzorgPandenMaximum},{w.WoonzorgRijAandeel:F3},{o.Elapsed.TotalSeconds:F1}"));
        }
        return sb.ToString();
    }
}
