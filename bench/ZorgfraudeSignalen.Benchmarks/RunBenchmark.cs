using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>run</c>: a national-scale risk run: wall, CPU, peak working set. Ranking quality is measured by
/// <see cref="EvaluateBenchmark"/>.
/// </summary>
public static class RunBenchmark
{
    /// <summary>
    /// <c>run</c>: generates national-size extracts with the generator (10,000 providers, 1.2 million clients,
    /// twelve months), ingests them into a local store (untimed: <c>ingest</c> measures that), then times a full
    /// risk run in a fresh child process: load the snapshots in force, compute, record, publish, write the CSV.
    /// </summary>
    public static Command Create()
    {
        var folder = new Option<string?>("--folder") { Description = "Werkmap; bestaat er al een opslag in, dan wordt die hergebruikt (standaard tijdelijk)." };
        var scale = new Option<string>("--scale") { Description = "Generatorschaal (standaard national).", DefaultValueFactory = _ => "national" };
        var seed = new Option<int>("--seed") { Description = "Generatorseed.", DefaultValueFactory = _ => 777 };
        var child = new Option<bool>("--measure") { Description = "Intern: meet de risicorun in dit proces.", Hidden = true };
        var storeRoot = new Option<string?>("--store") { Description = "Intern: de opslag van het kindproces.", Hidden = true };
        var command = new Command("run", "Meet een risicorun op landelijke schaal: wandkloktijd, processortijd, piekgeheugen.") { folder, scale, seed, child, storeRoot };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(child)) return await MeasureRun(parse.GetValue(storeRoot)!, output, ct);

            var work = parse.GetValue(folder) ?? Directory.CreateTempSubdirectory("zfs-bench-run-").FullName;
            var owned = parse.GetValue(folder) is null;
            try
            {
                var store = Path.Combine(work, "store");
                if (!Directory.Exists(store))
                {
                    var sw = Stopwatch.StartNew();
                    // The reference world, so that figures stay comparable over time (docs/performance.md).
                    var options = GeneratorOptions.ForScale(parse.GetValue(scale)!, parse.GetValue(seed)) with { Wereld = Wereldprofiel.Referentie };
                    var generated = SynthetischeExtracten.Genereer(options, work);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"gegenereerd ({options.Aanbieders:N0} aanbieders, {options.Clienten:N0} cliënten): " +
                        $"{string.Join(", ", generated.Bestanden.Select(b => $"{b.Key.Name()} {b.Value.Regels:N0}"))} in {sw.Elapsed.TotalSeconds:F0} s"));
                    sw.Restart();
                    await new Ingestor(LocalStore.Open(store)).IngestFolderAsync(Path.Combine(work, "extracts"), ct: ct);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ingelezen in {sw.Elapsed.TotalSeconds:F0} s"));
                }
                using var process = Process.Start(ChildProcess.Self("run", "--measure", "--store", store))!;
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
            new RiskRunRequest("bench", null, new RiskConfiguration(), csv), progress, ct);
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
