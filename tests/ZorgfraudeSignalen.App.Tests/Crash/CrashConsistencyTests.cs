using System.Diagnostics;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Core.Verification;
using Xunit.Abstractions;

namespace ZorgfraudeSignalen.App.Tests.Crash;

/// <summary>
/// The crash test: the real <c>zfs</c> process is killed (SIGKILL, as <c>kill -9</c>) right after its Nth file write
/// (the local store's <c>ZFS_CRASH_AFTER_WRITE</c>), for every write of an ingest of the sample extracts and of a risk
/// run, plus moments drawn at random; then the next verb runs (its recovery first) and the store must hold:
/// every catalogued extract and every published run has its audit entries, verify passes on every published run,
/// no temporary file or open intent is left, no unpublished run record remains, and the audit chain is whole.
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Minimum = 50;
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-crash-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Killing_ingest_after_any_write_leaves_every_snapshot_with_its_audit_entry()
    {
        var extracts = SmallExtracts();
        var steps = await CountStepsAsync(Path.Combine(_root, "tel"), null, "ingest", extracts);
        var moments = Moments(steps, seed: 15);
        output.WriteLine($"ingest: {steps} schrijfstappen; {moments.Count} keer afgebroken");
        Assert.True(moments.Count >= Minimum);
        // Two at a time (CI has two cores); each moment has a store of its own.
        await Parallel.ForEachAsync(moments.Select((k, i) => (k, i)), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (moment, _) =>
        {
            var (k, i) = moment;
            var store = Path.Combine(_root, $"ingest-{i}");
            var killed = await RunZfsAsync(k, "ingest", extracts, "--store", store);
            Assert.True(killed.Exit != 0, $"ingest was not killed at write {k}");
            await NextVerbAndCheckAsync(store, $"ingest afgebroken na schrijfstap {k}");
            if (i % 10 == 0)
            {
                // Retrying after the crash completes the delivery: all six types in force, each with its entry.
                var retry = await RunZfsAsync(0, "ingest", extracts, "--store", store);
                Assert.True(retry.Exit == 0, retry.Error);
                Assert.Equal(6, (await new SnapshotCatalog(LocalStore.Open(store)).InForceAsync()).Count);
                await CheckAsync(store, $"opnieuw ingelezen na afbreken bij stap {k}");
            }
            Directory.Delete(store, recursive: true);
        });
    }

    [Fact]
    public async Task Killing_run_after_any_write_leaves_no_published_run_without_its_entries()
    {
        var baseStore = Path.Combine(_root, "basis");
        var ingest = await RunZfsAsync(0, "ingest", SmallExtracts(), "--store", baseStore);
        Assert.True(ingest.Exit == 0, ingest.Error);
        var csv = Path.Combine(_root, "risicolijst.csv");
        var steps = await CountStepsAsync(Path.Combine(_root, "tel"), baseStore, "run", "--run-id", "run-crash", "--uit", csv);
        var moments = Moments(steps, seed: 16);
        output.WriteLine($"run: {steps} schrijfstappen; {moments.Count} keer afgebroken");
        Assert.True(moments.Count >= Minimum);
        await Parallel.ForEachAsync(moments.Select((k, i) => (k, i)), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (moment, _) =>
        {
            var (k, i) = moment;
            var store = Path.Combine(_root, $"run-{i}");
            CopyFolder(baseStore, store);
            var killed = await RunZfsAsync(k, "run", "--run-id", "run-crash", "--uit", store + ".csv", "--store", store);
            Assert.True(killed.Exit != 0, $"run was not killed at write {k}");
            await NextVerbAndCheckAsync(store, $"run afgebroken na schrijfstap {k}");
            if (i % 10 == 0)
            {
                // Retrying the same run id after the crash publishes it with both entries (or finds it published).
                var retry = await RunZfsAsync(0, "run", "--run-id", "run-crash", "--uit", store + ".csv", "--store", store);
                Assert.True(retry.Exit == 0, retry.Error);
                Assert.True(await new RiskListStore(LocalStore.Open(store)).IsPublishedAsync("run-crash"));
                await CheckAsync(store, $"run herhaald na afbreken bij stap {k}", verifyRuns: true);
            }
            Directory.Delete(store, recursive: true);
        });
    }

    /// <summary>Every write step once when there are few, else evenly spread; then random ones up to at least <see cref="Minimum"/>.</summary>
    private static List<int> Moments(int steps, int seed)
    {
        var every = steps <= 60 ? Enumerable.Range(1, steps) : Enumerable.Range(0, 50).Select(i => 1 + i * (steps - 1) / 49);
        var moments = every.ToList();
        var random = new Random(seed);
        while (moments.Count < Minimum + 2) moments.Add(random.Next(1, steps + 1));
        return moments;
    }

    private async Task<int> CountStepsAsync(string store, string? copyOf, params string[] args)
    {
        if (copyOf is not null) CopyFolder(copyOf, store);
        var log = Path.Combine(_root, "stappen.log");
        var result = await RunZfsAsync(0, [.. args, "--store", store], ("ZFS_WRITE_LOG", log));
        Assert.True(result.Exit == 0, result.Error);
        var steps = File.ReadAllLines(log).Length;
        Assert.True(steps > 10, $"only {steps} write steps counted");
        Directory.Delete(store, recursive: true);
        File.Delete(log);
        return steps;
    }

    private async Task NextVerbAndCheckAsync(string store, string moment, bool verifyRuns = true)
    {
        // The next verb: its recovery runs first; audit verify then walks the chain.
        var next = await RunZfsAsync(0, "audit", "verify", "--store", store);
        Assert.True(next.Exit == 0, $"{moment}: audit verify gaf {next.Exit}: {next.Output} {next.Error}");
        await CheckAsync(store, moment, verifyRuns);
    }

    private static async Task CheckAsync(string storeRoot, string moment, bool verifyRuns = true)
    {
        var store = LocalStore.Open(storeRoot);
        var entries = new List<AuditEntry>();
        await foreach (var e in new AuditLog(store.Tables).ReadAllAsync()) entries.Add(e);
        var logged = entries.Select(e => (e.Action, e.Subject)).ToHashSet();

        foreach (var type in ExtractTypes.All)
        foreach (var snapshot in await new SnapshotCatalog(store).ListAsync(type))
        {
            var action = snapshot.Status == SnapshotStatus.Accepted ? AuditActions.Ingest : AuditActions.Quarantaine;
            Assert.True(logged.Contains((action, $"{snapshot.Type.Name()}/{snapshot.Sha256}")), $"{moment}: {snapshot.Type.Name()} {snapshot.Sha256} staat in de catalogus zonder auditregel '{action}'");
            if (snapshot.Blob is { } blob) Assert.True(await store.Blobs.ExistsAsync(StoreNames.SnapshotsContainer, blob), $"{moment}: snapshot {blob} ontbreekt");
        }
        var published = new List<string>();
        await foreach (var run in new RiskListStore(store).PublishedRunsAsync()) published.Add(run.RunId);
        foreach (var runId in published)
        {
            Assert.True(logged.Contains((AuditActions.Run, runId)), $"{moment}: gepubliceerde run {runId} heeft geen auditregel 'run'");
            Assert.True(logged.Contains((AuditActions.Publicatie, runId)), $"{moment}: gepubliceerde run {runId} heeft geen auditregel 'publicatie'");
            if (verifyRuns)
            {
                var result = await new RunVerifier(store).VerifyAsync(runId, "crashtest");
                Assert.True(result.Passed, $"{moment}: verify {runId}: {string.Join("; ", result.Problems)}");
            }
        }
        await foreach (var row in store.Tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition))
            Assert.True(published.Contains(row.RowKey), $"{moment}: run {row.RowKey} is vastgelegd maar niet gepubliceerd en niet opgeruimd");
        await foreach (var intent in store.Tables.QueryAsync(OperationIntent.Table, OperationIntent.Partition))
            Assert.Fail($"{moment}: openstaande handeling {intent.RowKey} na herstel");
        var temps = Directory.EnumerateFiles(Path.Combine(storeRoot, "blobs", ".tmp"))
            .Concat(Directory.EnumerateFiles(Path.Combine(storeRoot, "tables"), ".*.tmp", SearchOption.AllDirectories)).ToList();
        Assert.True(temps.Count == 0, $"{moment}: tijdelijke bestanden over: {string.Join(", ", temps)}");
        Assert.Null(await new AuditLog(store.Tables).VerifyAsync());
    }

    private static Task<(int Exit, string Output, string Error)> RunZfsAsync(int crashAfter, params string[] args) =>
        RunZfsAsync(crashAfter, args, crashAfter > 0 ? [("ZFS_CRASH_AFTER_WRITE", crashAfter.ToString())] : []);

    internal static async Task<(int Exit, string Output, string Error)> RunZfsAsync(int crashAfter, string[] args, params (string Name, string Value)[] environment)
    {
        _ = crashAfter;
        var dll = typeof(IngestCommand).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["DOTNET_TieredPGO"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("eigenaren", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A small generated municipality (the six extract types), so that a hundred runs fit in CI's time.</summary>
    private string SmallExtracts()
    {
        var folder = Path.Combine(_root, "gemeente");
        if (!Directory.Exists(folder))
            ZorgfraudeSignalen.Generator.SynthetischeExtracten.Genereer(
                new ZorgfraudeSignalen.Generator.GeneratorOptions { Seed = 15, Aanbieders = 25, Clienten = 300, Maanden = 4 }, folder);
        return Path.Combine(folder, "extracts");
    }
}
