using System.Text;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Retention;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Core.Tests.Accountability;
using ZorgfraudeSignalen.Core.Verification;

namespace ZorgfraudeSignalen.Core.Tests.Retention;

public sealed class SnapshotPurgeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-snapshot-purge-").FullName;
    private readonly Store _store;

    public SnapshotPurgeTests() => _store = LocalStore.Open(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private async Task<SnapshotInfo> IngestAsync(ExtractType type, string csv, string date, DateTimeOffset at)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await new Ingestor(_store, IngestOptions.Default with { Clock = new FixedClock(at) })
            .IngestAsync(stream, $"extracts/{type.Name()}/{type.Name()}_{date}.csv", type);
        Assert.Equal(IngestStatus.Accepted, report.Status);
        return (await new SnapshotCatalog(_store).GetAsync(type, report.Sha256))!;
    }

    private async Task<bool> BlobExistsAsync(SnapshotInfo snapshot) =>
        await _store.Blobs.ExistsAsync(StoreNames.SnapshotsContainer, snapshot.Blob!);

    [Fact]
    public async Task A_superseded_snapshot_no_run_refers_to_goes_after_the_period_and_a_referenced_one_stays()
    {
        var start = new DateTimeOffset(2025, 7, 5, 8, 0, 0, TimeSpan.Zero);
        var csv = TestExtracts.Csv(TestMunicipality.Inputs());
        foreach (var (type, text) in csv) await IngestAsync(type, text, "20250705", start);
        var referenced = (await new SnapshotCatalog(_store).InForceAsync(ExtractType.Clienten))!;
        var run = await TestMunicipality.RunAsync(_store);

        // Two later client extracts, each without one more row: the first is superseded by the second and used by no run.
        var lines = csv[ExtractType.Clienten].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var unreferenced = await IngestAsync(ExtractType.Clienten, string.Join("\r\n", lines[..^1]) + "\r\n", "20250805", start.AddDays(31));
        var supersededAt = start.AddDays(62);
        var inForce = await IngestAsync(ExtractType.Clienten, string.Join("\r\n", lines[..^2]) + "\r\n", "20250905", supersededAt);
        var settings = new RetentionSettings(TimeSpan.FromDays(90));

        var early = await new SnapshotPurge(_store, new FixedClock(supersededAt.AddDays(89))).PurgeAsync(settings, "bewaartermijn");
        Assert.Empty(early.Deleted);
        Assert.True(await BlobExistsAsync(unreferenced));

        var report = await new SnapshotPurge(_store, new FixedClock(supersededAt.AddDays(91))).PurgeAsync(settings, "bewaartermijn");

        var deleted = Assert.Single(report.Deleted);
        Assert.Equal((ExtractType.Clienten, unreferenced.Sha256, supersededAt), (deleted.Type, deleted.Sha256, deleted.VervangenOp));
        Assert.False(await BlobExistsAsync(unreferenced));
        Assert.Equal(1, report.Referenced);
        Assert.True(await BlobExistsAsync(referenced));
        Assert.True(await BlobExistsAsync(inForce));
        Assert.NotNull(await new SnapshotCatalog(_store).GetAsync(ExtractType.Clienten, unreferenced.Sha256));
        Assert.True((await new RunVerifier(_store).VerifyAsync(run.RunId)).Passed);

        var entries = new List<AuditEntry>();
        await foreach (var e in new AuditLog(_store.Tables).ReadAllAsync()) entries.Add(e);
        var logged = Assert.Single(entries, e => e.Action == AuditActions.Opschoning);
        Assert.Equal($"clienten/{unreferenced.Sha256}", logged.Subject);
        Assert.Empty((await new SnapshotPurge(_store, new FixedClock(supersededAt.AddDays(92))).PurgeAsync(settings, "bewaartermijn")).Deleted);
    }
}
