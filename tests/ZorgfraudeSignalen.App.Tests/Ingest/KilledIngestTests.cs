using System.Diagnostics;
using System.Text;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Tests.Ingest;

/// <summary>
/// An ingest killed mid-way (kill -9 of the real <c>zfs</c> process) leaves the store readable with the previous
/// snapshot in force and loadable; the same file can be ingested again afterwards.
/// </summary>
public sealed class KilledIngestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-kill-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Killing_the_ingest_process_mid_way_keeps_the_previous_snapshot_in_force()
    {
        // About 20 MB of declarations from the generator, dated after the previous snapshot.
        var generated = SynthetischeExtracten.Genereer(
            new GeneratorOptions { Seed = 3, Aanbieders = 160, Clienten = 20_000, Wereld = Wereldprofiel.Referentie }, Path.Combine(_root, "gen"));
        var large = generated.Bestanden[ExtractType.Declaraties].Pad;
        Assert.True(new FileInfo(large).Length > 15L << 20);

        // The kill lands at a moment the test does not control; on a busy machine the snapshot's write can slip
        // between two looks at the folder, so each attempt starts again from a fresh store.
        string storeRoot = "";
        IngestReport previous = null!;
        var killedMidWay = false;
        var stderr = "";
        for (var attempt = 1; attempt <= 5 && !killedMidWay; attempt++)
        {
            storeRoot = Path.Combine(_root, "store" + attempt);
            previous = await new Ingestor(LocalStore.Open(storeRoot)).IngestAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(
                    "declaratie_id;client_id;aanbieder_id;toewijzing_id;periode_start;periode_eind;productcategorie;volume;eenheid;tarief;bedrag\r\n" +
                    "D1;C1;A1;T1;2025-01-01;2025-01-31;02;10;04;65;650\r\nD2;C2;A1;T2;2025-01-01;2025-01-31;02;5;04;65;325\r\n")),
                "extracts/declaraties/declaraties_20250101.csv", ExtractType.Declaraties);
            Assert.Equal(IngestStatus.Accepted, previous.Status);

            using var child = StartZfs("ingest", large, "--store", storeRoot);
            var temp = Path.Combine(storeRoot, "blobs", ".tmp");
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline && !child.HasExited)
            {
                // The snapshot blob is being written (its temporary file has content): the ingest is mid-way.
                if (Directory.Exists(temp) && Directory.EnumerateFiles(temp).Any(f => Length(f) > 0))
                {
                    child.Kill(entireProcessTree: true);
                    killedMidWay = true;
                    break;
                }
                Thread.Sleep(1);
            }
            await child.WaitForExitAsync();
            stderr = await child.StandardError.ReadToEndAsync();
        }
        Assert.True(killedMidWay, "the ingest finished (or never started writing) before it could be killed, five times: " + stderr);

        // The store is readable and the previous snapshot is in force and loadable.
        var after = LocalStore.Open(storeRoot);
        var catalog = new SnapshotCatalog(after);
        Assert.Equal(previous.Sha256, (await catalog.InForceAsync(ExtractType.Declaraties))!.Sha256);
        Assert.Single(await catalog.ListAsync(ExtractType.Declaraties));
        var loaded = await SnapshotLoader.LoadInForceAsync(after);
        Assert.Equal(["D1", "D2"], loaded.Inputs.Declaraties().Select(d => d.DeclaratieId));
        Assert.Null(await new AuditLog(after.Tables).VerifyAsync());

        // Dropping the same file again completes and replaces the snapshot.
        var again = await new Ingestor(after).IngestFileAsync(large);
        Assert.Equal(IngestStatus.Accepted, again.Status);
        Assert.True(again.InForce);
        Assert.Equal(again.RowsAccepted, (await SnapshotLoader.LoadInForceAsync(after)).Inputs.Declaraties().LongCount());
    }

    private static long Length(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (IOException) { return 0; }
    }

    /// <summary>Starts the built app as its own process: <c>dotnet zfs.dll ...</c> from this test's output folder.</summary>
    private static Process StartZfs(params string[] args)
    {
        var dll = typeof(IngestCommand).Assembly.Location;
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), "zfs.runtimeconfig.json is not next to " + dll);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
