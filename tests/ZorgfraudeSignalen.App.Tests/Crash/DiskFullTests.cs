using System.Text;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Tests.Crash;

/// <summary>
/// A full disk (the local store's <c>ZFS_DISK_FULL_AFTER_WRITE</c>: every write after the Nth fails with ENOSPC) gives a
/// Dutch message, a report and exit code 3, never a stack trace; after it the store is whole (issue case 6).
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-vol-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public async Task Ingest_on_a_full_disk_exits_3_with_a_dutch_report_and_leaves_the_store_valid(int writesBeforeFull)
    {
        var drop = Path.Combine(_root, "drop", "clienten");
        Directory.CreateDirectory(drop);
        await File.WriteAllTextAsync(Path.Combine(drop, "clienten_20250101.csv"),
            "client_id;postcode;huisnummer;huisletter;huisnummertoevoeging;adres_sinds;nummeraanduiding_id\nC1;1011AB;1;;;2024-01-01;\n", Encoding.UTF8);
        var store = Path.Combine(_root, "store");

        var full = await CrashConsistencyTests.RunZfsAsync(0, ["ingest", Path.Combine(_root, "drop"), "--store", store], ("ZFS_DISK_FULL_AFTER_WRITE", writesBeforeFull.ToString()));

        Assert.Equal(3, full.Exit);
        Assert.Contains("De schijf is vol", full.Error);
        Assert.Contains("Storingsrapport", full.Error);
        Assert.DoesNotContain("Unhandled exception", full.Error);
        Assert.DoesNotContain("   at ", full.Error); // no stack trace
        Assert.Single(Directory.EnumerateFiles(Path.Combine(store, "storingen")));

        // Space again: the next verb recovers, the chain is whole, no operation is left half done, and the retry works.
        var next = await CrashConsistencyTests.RunZfsAsync(0, ["ingest", Path.Combine(_root, "drop"), "--store", store]);
        Assert.True(next.Exit == 0, next.Error);
        var opened = LocalStore.Open(store);
        Assert.Null(await new AuditLog(opened.Tables).VerifyAsync());
        Assert.Empty(await OperationIntent.ListAsync(opened.Tables, default));
    }
}
