using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// The risk run's benchmarks, subcommands of <c>bench</c>: <c>bench evaluate</c> (ranking quality against the
/// generator's ground truth, per seed) and <c>bench run</c> (a national-scale risk run: wall, CPU, peak working set).
/// </summary>
public static class BenchRiskCommands
{
    public static Command Evaluate()
    {
        var seeds = new Option<string>("--seeds") { Description = "Generatorseeds, komma-gescheiden.", DefaultValueFactory = _ => "101,202,303" };
        var providers = new Option<int>("--providers") { DefaultValueFactory = _ => 500, Description = "Aanbieders per seed." };
        var clients = new Option<int>("--clients") { DefaultValueFactory = _ => 60_000, Description = "Cliënten per seed." };
        var show = new Option<int>("--show") { DefaultValueFactory = _ => 0, Description = "Toon de eerste N van elke ranglijst met de grondwaarheid." };
        var command = new Command("evaluate", "Meet de rangschikking tegen de grondwaarheid van gegenereerde data (AP, precisie top 20, look-alikes, top 50).")
            { seeds, providers, clients, show };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var all = new List<RiskEvaluation.Outcome>();
            foreach (var seed in parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                var outcome = await RiskEvaluation.RunAsync(seed, parse.GetValue(providers), parse.GetValue(clients), ct: ct);
                all.Add(outcome);
                var q = outcome.Quality;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"seed {seed}: {q.Providers} aanbieders, {q.Fraud} fraude; AP {q.AveragePrecision:F3}; precisie top 20 {q.PrecisionTop20:F2}; " +
                    $"look-alikes top 20 {q.LookAlikesTop20}; fraude in top 50 {q.FraudInTop50}/{q.Fraud}; " +
                    $"patronen niet in top 50: {(q.PatternsMissingFromTop50.Count == 0 ? "geen" : string.Join(",", q.PatternsMissingFromTop50))} ({outcome.Elapsed.TotalSeconds:F1} s)"));
                foreach (var (id, rank, patterns) in q.FraudOutsideTop50)
                    await output.WriteLineAsync($"    buiten top 50: {id} rang {rank} ({patterns})");
                var truth = outcome.Truth.ToDictionary(t => t.AanbiederId);
                foreach (var s in outcome.Result.Signals.Take(parse.GetValue(show)))
                {
                    var t = truth[s.AanbiederId];
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"    {s.Rang,3} {s.AanbiederId,-12} {s.Risicoscore,5:F1} {s.Anomaliescore:F2} {(t.Fraude ? "FRAUDE" : t.LookAlike ? "lookalike" : "-"),-9} {string.Join('|', t.Patronen),-40} {string.Join('|', s.Signalen)}"));
                }
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"gemiddeld: AP {all.Average(o => o.Quality.AveragePrecision):F3}; precisie top 20 {all.Average(o => o.Quality.PrecisionTop20):F2}"));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>bench run</c>: generates national-size extracts with the generator (10,000 providers, 1.2 million clients,
    /// twelve months), ingests them into a local store (untimed: <c>bench ingest</c> measures that), then times a full
    /// risk run in a fresh child process: load the snapshots in force, compute, record, publish, write the CSV.
    /// </summary>
    public static Command Run()
    {
        var folder = new Option<string?>("--folder") { Description = "Werkmap; bestaat er al een opslag in, dan wordt die hergebruikt (standaard tijdelijk)." };
        var scale = new Option<string>("--scale") { Description = "Generatorschaal (standaard national).", DefaultValueFactory = _ => "national" };
        var seed = new Option<int>("--seed") { Description = "Generatorseed.", DefaultValueFactory = _ => 777 };
        var child = new Option<bool>("--measure") { Description = "Intern: meet de risicorun in dit proces.", Hidden = true };
        var command = new Command("run", "Meet een risicorun op landelijke schaal: wandkloktijd, processortijd, piekgeheugen.") { folder, scale, seed, child };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(child)) return await MeasureRun(parse.GetValue(StoreOption.Instance)!, output, ct);

            var work = parse.GetValue(folder) ?? Directory.CreateTempSubdirectory("zfs-bench-run-").FullName;
            var owned = parse.GetValue(folder) is null;
            try
            {
                var store = Path.Combine(work, "store");
                if (!Directory.Exists(store))
                {
                    var sw = Stopwatch.StartNew();
                    var options = GeneratorOptions.ForScale(parse.GetValue(scale)!, parse.GetValue(seed));
                    var generated = SynthetischeExtracten.Genereer(options, work);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"gegenereerd ({options.Aanbieders:N0} aanbieders, {options.Clienten:N0} cliënten): " +
                        $"{string.Join(", ", generated.Bestanden.Select(b => $"{b.Key.Name()} {b.Value.Regels:N0}"))} in {sw.Elapsed.TotalSeconds:F0} s"));
                    sw.Restart();
                    await new Ingestor(LocalStore.Open(store)).IngestFolderAsync(Path.Combine(work, "extracts"), ct: ct);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ingelezen in {sw.Elapsed.TotalSeconds:F0} s"));
                }
                using var process = Process.Start(BenchCommand.SelfStart("bench", "run", "--measure", "--store", store))!;
                await output.WriteAsync(await process.StandardOutput.ReadToEndAsync(ct));
                await process.WaitForExitAsync(ct);
                return process.ExitCode;
            }
            finally
            {
                if (owned) Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    private static async Task<int> MeasureRun(string storeRoot, TextWriter output, CancellationToken ct)
    {
        var store = LocalStore.Open(storeRoot);
        var self = Process.GetCurrentProcess();
        var wall = Stopwatch.StartNew();
        var cpu0 = self.TotalProcessorTime;
        var phases = new List<(string Phase, double Seconds)>();
        var loaded = await SnapshotLoader.LoadInForceAsync(store, ct);
        phases.Add(("snapshots laden (zonder declaraties)", wall.Elapsed.TotalSeconds));
        var snapshots = InputSnapshot.From(loaded);
        var progress = new Progress(line => phases.Add((line, wall.Elapsed.TotalSeconds)));
        var csv = Path.Combine(Path.GetTempPath(), $"zfs-bench-risicolijst-{Environment.ProcessId}.csv");
        var outcome = await new RiskRunner(store).RunAsync(loaded.Inputs, snapshots,
            new RiskRunRequest("bench", null, new RiskConfiguration { RunId = "" }, csv), progress, ct);
        File.Delete(csv);
        var seconds = wall.Elapsed.TotalSeconds;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
        var peak = self.PeakWorkingSet64;
        var inv = CultureInfo.InvariantCulture;
        foreach (var (phase, at) in phases) await output.WriteLineAsync(string.Create(inv, $"  [{at,6:F1} s] {phase}"));
        await output.WriteLineAsync(string.Create(inv,
            $"risicorun: {loaded.Inputs.Aanbieders.Count:N0} aanbieders, {loaded.Inputs.Clienten.Count:N0} cliënten, " +
            $"{snapshots.FirstOrDefault(s => s.Type == ExtractType.Declaraties.Name())?.Rows ?? 0:N0} declaraties; " +
            $"{outcome.Result?.Details.Count ?? 0} signalen gepubliceerd"));
        await output.WriteLineAsync(string.Create(inv, $"wandklok {seconds:F1} s, processortijd {cpu:F1} s, piekgeheugen {peak / 1048576.0:F0} MB ({Environment.ProcessorCount} kernen)"));
        await output.WriteLineAsync(JsonSerializer.Serialize(new { seconds, cpu, peakWorkingSet = peak, cores = Environment.ProcessorCount }));
        return 0;
    }

    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
