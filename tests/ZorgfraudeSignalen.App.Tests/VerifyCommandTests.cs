using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Tests;

/// <summary>The auditor's path end to end through the verbs: ingest the sample municipality, run, verify, tamper, verify again.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-verifycli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string DataSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "data-samples", "extracts"))) return Path.Combine(dir.FullName, "data-samples", "extracts");
        throw new DirectoryNotFoundException("data-samples not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Verify_passes_on_an_untouched_run_and_names_the_altered_snapshot_after_tampering()
    {
        var store = Path.Combine(_root, "store");
        Assert.Equal(0, (await CliRunner.RunAsync(store, IngestCommand.Create(), "ingest", DataSamples())).Exit);
        var run = await CliRunner.RunAsync(store, RunCommand.Create(), "run", "--uit", Path.Combine(_root, "risicolijst.csv"));
        Assert.True(run.Exit == 0, run.Output + run.Error);
        var tables = LocalStore.Open(store).Tables;
        string? runId = null;
        await foreach (var row in tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition)) runId = row.RowKey;
        Assert.NotNull(runId);

        var ok = await CliRunner.RunAsync(store, VerifyCommand.Create(), "verify", runId!, "--door", "auditor-test");
        Assert.True(ok.Exit == 0, ok.Output);
        Assert.Contains("GELIJK", ok.Output);

        var blobs = LocalStore.Open(store).Blobs;
        var snapshot = (await new SnapshotCatalog(LocalStore.Open(store)).InForceAsync(ExtractType.Declaraties))!;
        var bytes = await blobs.ReadBytesAsync(StoreNames.SnapshotsContainer, snapshot.Blob!);
        bytes[bytes.Length / 3] ^= 0x20;
        await blobs.WriteBytesAsync(StoreNames.SnapshotsContainer, snapshot.Blob!, bytes);

        var broken = await CliRunner.RunAsync(store, VerifyCommand.Create(), "verify", runId!);
        Assert.Equal(VerifyCommand.ExitDifferent, broken.Exit);
        Assert.Contains("AFWIJKEND", broken.Output);
        Assert.Contains("declaraties", broken.Output);
        Assert.Contains("altered", broken.Output);

        // A new run on the damaged snapshot is refused (exit 4) and writes nothing: it finds the damage in its pass
        // over the declarations, before it records or publishes anything.
        var refused = await CliRunner.RunAsync(store, RunCommand.Create(), "run", "--run-id", "run-na-de-schade", "--uit", Path.Combine(_root, "geweigerd.csv"));
        Assert.Equal(CliPipeline.ExitDamagedSnapshot, refused.Exit);
        Assert.Contains("declaraties", refused.Error);
        Assert.Contains("is beschadigd", refused.Error);
        Assert.False(File.Exists(Path.Combine(_root, "geweigerd.csv")));
        Assert.Equal(runId, Assert.Single(await tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition).ToListAsync()).RowKey);

        // Everything above went into the audit log, and the chain is whole.
        var audit = await CliRunner.RunAsync(store, AuditCommand.Create(), "audit", "verify");
        Assert.True(audit.Exit == 0, audit.Output);
    }
}
