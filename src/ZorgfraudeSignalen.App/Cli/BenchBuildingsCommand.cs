using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>bench buildings</c>: synthesises national-size inputs in memory (10,000 providers, 1.2 million clients, 1.5 million
/// allocations by default, optionally a BAG extract covering every address) and times building resolution, clustering
/// and the co-location facts. Prints figures; asserts nothing (docs/performance.md, 'Buildings and clusters').
/// </summary>
public static class BenchBuildingsCommand
{
    public static Command Create()
    {
        var providers = new Option<int>("--aanbieders") { Description = "Aantal aanbieders.", DefaultValueFactory = _ => 10_000 };
        var clients = new Option<int>("--clienten") { Description = "Aantal cliënten.", DefaultValueFactory = _ => 1_200_000 };
        var allocations = new Option<int>("--toewijzingen") { Description = "Aantal toewijzingen.", DefaultValueFactory = _ => 1_500_000 };
        var bag = new Option<bool>("--bag") { Description = "Met een BAG-extract dat elk adres dekt (de helft van de cliënten met nummeraanduiding_id)." };
        var repeat = new Option<int>("--herhaal") { Description = "Aantal metingen.", DefaultValueFactory = _ => 3 };
        var command = new Command("buildings", "Meet adresresolutie, clustering en samenwoonfeiten op landelijke schaal.")
        {
            providers, clients, allocations, bag, repeat,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var withBag = parse.GetValue(bag);
            var sw = Stopwatch.StartNew();
            var inputs = await SynthesiseTables(output, parse.GetValue(providers), parse.GetValue(clients), parse.GetValue(allocations), withBag);
            // Give the memory of the synthesised records back to the system, so that the working set is the run's.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"managed heap with inputs: {baseline / 1048576.0:F0} MB"));
            for (var run = 1; run <= parse.GetValue(repeat); run++)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                using var peak = new HeapPeakSampler();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                sw.Restart();
                var result = BuildingAnalysis.Analyse(inputs, new DateOnly(2025, 6, 1));
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
                await output.WriteLineAsync("  stages: " + string.Join(", ", result.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Seconds:F2} s (cpu {t.CpuSeconds:F2})"))));
                GC.KeepAlive(result);
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The synthesised inputs as a run holds them: tables, the BAG extract already as its index. The records exist only
    /// inside this method, so that nothing keeps them alive during the measurement.
    /// </summary>
    private static async Task<RunTables> SynthesiseTables(TextWriter output, int providers, int clients, int allocations, bool withBag)
    {
        var sw = Stopwatch.StartNew();
        var records = Synthesise(providers, clients, allocations, withBag, seed: 20251123);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"inputs: {records.Aanbieders.Count:N0} aanbieders, {records.Clienten.Count:N0} clienten, {records.Toewijzingen.Count:N0} toewijzingen, " +
            $"{records.PgbOvereenkomsten.Count:N0} pgb, {records.BagAdressen?.Count ?? 0:N0} bag-adressen; synthesised in {sw.Elapsed.TotalSeconds:F1} s"));
        sw.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var tables = RunTables.From(records);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"tables (as loading builds them, BAG index included): {sw.Elapsed.TotalSeconds:F2} s, process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s"));
        return tables;
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

    /// <summary>
    /// National-size inputs: clients spread over about 450,000 postcodes, providers of very different sizes, 2 % of
    /// providers housing clients in their own building, 1,500 senior complexes served by many providers, shared
    /// directors and accounts in small networks.
    /// </summary>
    public static RunInputs Synthesise(int providerCount, int clientCount, int allocationCount, bool withBag, int seed)
    {
        var rng = new Random(seed);
        var postcodes = new string[Math.Min(450_000, clientCount / 2 + 1_000)];
        var usedPostcodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < postcodes.Length; i++)
        {
            string pc;
            do pc = string.Create(CultureInfo.InvariantCulture, $"{rng.Next(1000, 10000)}{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}");
            while (!usedPostcodes.Add(pc));
            postcodes[i] = pc;
        }
        Adres RandomAdres() => new(postcodes[rng.Next(postcodes.Length)], rng.Next(1, 120),
            rng.Next(10) == 0 ? ((char)('A' + rng.Next(4))).ToString() : null, rng.Next(5) == 0 ? rng.Next(1, 5).ToString(CultureInfo.InvariantCulture) : null);

        var providers = new List<Aanbieder>(providerCount);
        for (var p = 0; p < providerCount; p++)
        {
            var network = p % 50 < 3 ? $"NET{p / 50}" : null;   // 6 % of providers in small networks of three
            providers.Add(new Aanbieder($"AGB{p:D8}", $"Zorgaanbieder {p}", null, RandomAdres(), null, null,
                network is null ? [$"B{p}"] : [$"B{p}", "D-" + network], network is null ? [$"R{p}"] : [$"R{p}", "R-" + network]));
        }
        var woonzorg = Enumerable.Range(0, providerCount).Where(p => p % 50 == 7).ToHashSet();   // 2 %
        var seniorComplexes = Enumerable.Range(0, 1500).Select(_ => RandomAdres() with { Toevoeging = null, Huisletter = null }).ToArray();

        var clients = new List<Client>(clientCount);
        var allocations = new List<Toewijzing>(allocationCount);
        var start = new DateOnly(2024, 1, 1);
        // Provider sizes follow a skewed distribution: a few large providers, many small ones.
        int RandomProvider() => (int)(Math.Pow(rng.NextDouble(), 2.2) * providerCount);
        var woonzorgList = woonzorg.ToArray();
        for (var c = 0; c < clientCount; c++)
        {
            int provider;
            Adres adres;
            var since = start.AddDays(-rng.Next(30, 4000));
            var kind = rng.Next(100);
            if (kind < 2)
            {
                provider = woonzorgList[rng.Next(woonzorgList.Length)];
                adres = providers[provider].Vestiging! with { Toevoeging = rng.Next(1, 30).ToString(CultureInfo.InvariantCulture) };
                since = start.AddDays(-rng.Next(0, 80));
            }
            else if (kind < 6)
            {
                provider = RandomProvider();
                adres = seniorComplexes[rng.Next(seniorComplexes.Length)] with { Toevoeging = rng.Next(1, 200).ToString(CultureInfo.InvariantCulture) };
            }
            else
            {
                provider = RandomProvider();
                adres = RandomAdres();
            }
            var id = $"P{c:D9}";
            clients.Add(new Client(id, adres, since, null));
            var categorie = kind == 99 ? "15" : kind % 3 == 0 ? "01" : "02";
            allocations.Add(new Toewijzing($"T{c:D9}", id, providers[provider].AanbiederId, categorie, null, Leveringsvorm.Zin, null,
                start.AddDays(rng.Next(0, 300)), null, 4, "04", "2", null));
        }
        while (allocations.Count < allocationCount)
        {
            var c = rng.Next(clientCount);
            allocations.Add(new Toewijzing($"T{allocations.Count:D9}", clients[c].ClientId, providers[RandomProvider()].AanbiederId, "07", null,
                Leveringsvorm.Zin, null, start.AddDays(rng.Next(-300, 600)), null, 2, "16", "2", null));
        }

        List<BagAdres>? bag = null;
        if (withBag)
        {
            // One BAG address per distinct address; a pand per ten house numbers of a postcode.
            bag = new List<BagAdres>();
            var ids = new Dictionary<Adres, string>();
            void Add(Adres a)
            {
                if (ids.ContainsKey(a)) return;
                var nid = string.Create(CultureInfo.InvariantCulture, $"0000200{ids.Count:D9}");
                ids.Add(a, nid);
                var pand = string.Create(CultureInfo.InvariantCulture, $"0000100{a.Postcode[..4]}{a.Postcode[4] - 'A':D2}{a.Postcode[5] - 'A':D2}{a.Huisnummer / 10:D3}");
                bag.Add(new BagAdres(nid, a, "0000010" + nid[7..], pand, "Straat " + a.Postcode, "Plaats", rng.Next(10) < 8 ? ["woonfunctie"] : ["kantoorfunctie"]));
            }
            foreach (var a in providers) Add(a.Vestiging!);
            for (var c = 0; c < clients.Count; c++)
            {
                Add(clients[c].Adres);
                if (c % 2 == 0) clients[c] = clients[c] with { NummeraanduidingId = ids[clients[c].Adres] };
            }
        }
        return new RunInputs(clients, providers, allocations, [], () => [], bag);
    }
}
