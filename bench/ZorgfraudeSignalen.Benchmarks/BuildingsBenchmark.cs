using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>buildings</c>: the generator's extracts at a scale (national by default: 10,000 providers, 1.2 million clients;
/// the reference world, with or without its BAG extract), ingested into a local store and loaded as a run holds them;
/// then building resolution, clustering and the co-location facts are timed. Prints figures; asserts nothing
/// (docs/performance.md, 'Buildings and clusters').
/// </summary>
public static class BuildingsBenchmark
{
    public static Command Create()
    {
        var scale = new Option<string>("--scale") { Description = "Generatorschaal: sample, mid, 10x of national (standaard).", DefaultValueFactory = _ => "national" };
        var seed = new Option<int>("--seed") { Description = "Generatorseed.", DefaultValueFactory = _ => 20251 };
        var bag = new Option<bool>("--bag") { Description = "Met het BAG-extract van de generator (zonder: terugvalsleutels op adres)." };
        var repeat = new Option<int>("--herhaal") { Description = "Aantal metingen.", DefaultValueFactory = _ => 3 };
        var folder = new Option<string?>("--folder") { Description = "Werkmap; bestaat er al een opslag in, dan wordt die hergebruikt (standaard tijdelijk)." };
        var command = new Command("buildings", "Meet adresresolutie, clustering en samenwoonfeiten op landelijke schaal.")
        {
            scale, seed, bag, repeat, folder,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var work = parse.GetValue(folder) ?? Directory.CreateTempSubdirectory("zfs-bench-buildings-").FullName;
            var owned = parse.GetValue(folder) is null;
            try
            {
                var options = GeneratorOptions.ForScale(parse.GetValue(scale)!, parse.GetValue(seed)) with
                {
                    Wereld = Wereldprofiel.Referentie with { MetBag = parse.GetValue(bag) },
                };
                var inputs = await LoadTables(output, work, options, ct);
                await Measure(output, inputs, options.Peildatum, parse.GetValue(repeat));
                return 0;
            }
            finally
            {
                if (owned) Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    private static async Task Measure(TextWriter output, RunTables inputs, DateOnly peildatum, int repeat)
    {
        var sw = Stopwatch.StartNew();
        // Give the memory of loading back to the system, so that the working set is the step's.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"managed heap with inputs: {baseline / 1048576.0:F0} MB"));
        for (var run = 1; run <= repeat; run++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var peak = new HeapPeakSampler();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            var result = BuildingAnalysis.Analyse(inputs, peildatum);
            var analysed = sw.Elapsed;
            var clusters = result.Clusters;
            var total = sw.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var peakAbove = peak.Stop() - before;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: analyse {analysed.TotalSeconds:F2} s, with cluster materialisation {total.TotalSeconds:F2} s (process CPU {cpu.TotalSeconds:F2} s); " +
                $"{clusters.Count:N0} clusters, {result.PerAanbieder.Count:N0} aanbieders; " +
                $"resolution bag_id {result.Resolutie.ViaBagId:N0}, bag_adres {result.Resolutie.ViaBagAdres:N0}, terugval {result.Resolutie.Terugval:N0}; " +
                $"allocated {allocated / 1048576.0:F0} MB, retained {retained / 1048576.0:F0} MB, peak heap above inputs {peakAbove / 1048576.0:F0} MB; " +
                $"process working set during the step at most {peak.WorkingSetPeak / 1048576.0:F0} MB"));
            GC.KeepAlive(result);
        }
    }

    /// <summary>
    /// The generated extracts ingested into a local store (once: an existing store in the folder is reused) and loaded
    /// as a run holds them: tables, the BAG extract already as its index.
    /// </summary>
    private static async Task<RunTables> LoadTables(TextWriter output, string work, GeneratorOptions options, CancellationToken ct)
    {
        var store = Path.Combine(work, "store");
        var sw = Stopwatch.StartNew();
        if (!Directory.Exists(store))
        {
            var generated = SynthetischeExtracten.Genereer(options, Path.Combine(work, "data"));
            await new Ingestor(LocalStore.Open(store)).IngestFolderAsync(Path.Combine(work, "data", "extracts"), ct: ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"gegenereerd en ingelezen: {string.Join(", ", generated.Bestanden.Select(b => $"{b.Key.Name()} {b.Value.Regels:N0}"))} in {sw.Elapsed.TotalSeconds:F0} s"));
            Directory.Delete(Path.Combine(work, "data"), recursive: true);
        }
        sw.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var loaded = await SnapshotLoader.LoadInForceAsync(LocalStore.Open(store), ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"geladen als tabellen (BAG-index inbegrepen): {sw.Elapsed.TotalSeconds:F2} s, processortijd {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s"));
        return loaded.Inputs;
    }

    /// <summary>
    /// Samples the managed heap size and the process working set every few milliseconds on a background thread (the
    /// process's own peak would include synthesising the inputs, which a run does not do).
    /// </summary>
    private sealed class HeapPeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;
        public long WorkingSetPeak { get; private set; }

        public HeapPeakSampler()
        {
            _thread = new Thread(() =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop)
                {
                    _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                    process.Refresh();
                    WorkingSetPeak = Math.Max(WorkingSetPeak, process.WorkingSet64);
                    Thread.Sleep(5);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Math.Max(_peak, GC.GetTotalMemory(false));
        }

        public void Dispose() => _stop = true;
    }
}
