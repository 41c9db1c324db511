using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Tests.Shared;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Run;

public sealed class RiskRunnerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zfs-runner-" + Guid.NewGuid().ToString("N"));
    private static readonly GeneratedInputs Data = GeneratedInputs.Create(40, 1200, seed: 5);
    private static readonly InputSnapshot[] Snapshots = [new("aanbieders", "aa", 40), new("clienten", "cc", 1200)];

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_run_records_before_it_publishes_and_a_retry_does_not_publish_twice()
    {
        var store = LocalStore.Open(_root);
        var runner = new RiskRunner(store, new FixedClock(new DateTimeOffset(2025, 1, 31, 2, 0, 0, TimeSpan.Zero)));
        var localCsv = Path.Combine(_root, "uit", "risicolijst.csv");
        var request = new RiskRunRequest("timer", null, new RiskConfiguration(), localCsv);

        var first = await runner.RunAsync(RunTables.From(Data.Inputs), Snapshots, request);
        Assert.False(first.AlreadyPublished);
        Assert.StartsWith("run-20250131T020000Z-", first.RunId);
        Assert.Equal(first.Csv, await File.ReadAllBytesAsync(localCsv));
        Assert.Equal(first.Csv, await store.Blobs.ReadBytesAsync(StoreNames.RunsContainer, ModelRunRecord.CsvBlobName(first.RunId)));
        var record = await ModelRunRecord.ReadAsync(store.Tables, first.RunId);
        Assert.NotNull(record);
        Assert.Equal(ContentHash.Sha256(first.Csv), record.UitvoerHash);
        Assert.Equal(Snapshots, record.Invoer);
        Assert.Equal(first.RunId, record.RunId);

        var lists = new RiskListStore(store);
        Assert.True(await lists.IsPublishedAsync(first.RunId));
        var published = await lists.SignalsAsync(first.RunId);
        Assert.Equal(first.Result!.Details.Count, published.Count);
        Assert.All(published, s => Assert.Equal(ReviewStatus.TeBeoordelen, s.Status));

        var audit = new AuditLog(store.Tables);
        var entries = await audit.ReadAllAsync().ToListAsync();
        Assert.Equal([AuditActions.Run, AuditActions.Publicatie], entries.Select(e => e.Action));

        // The same trigger delivered again: same run id, nothing published or audited twice.
        var retry = await runner.RunAsync(RunTables.From(Data.Inputs), Snapshots, request with { RunId = first.RunId });
        Assert.True(retry.AlreadyPublished);
        Assert.Equal(first.Csv, retry.Csv);
        Assert.Equal(2, (await audit.ReadAllAsync().ToListAsync()).Count);
        Assert.Null(await audit.VerifyAsync());
    }

    [Fact]
    public async Task A_retry_after_an_interrupted_attempt_reuses_the_recorded_configuration()
    {
        var store = LocalStore.Open(_root);
        var runner = new RiskRunner(store, new FixedClock(new DateTimeOffset(2025, 2, 1, 2, 0, 0, TimeSpan.Zero)));
        var configuration = new RiskConfiguration { PublicatieDrempel = 30 };
        var first = await runner.RunAsync(RunTables.From(Data.Inputs), Snapshots, new RiskRunRequest("timer", "run-20250201T020000Z-fixed", configuration));
        // Simulate an attempt that recorded the run but died before publishing: remove the published marker.
        await store.Tables.DeleteAsync(StoreNames.SignalsTable, "gepubliceerd", first.RunId);
        var again = await new RiskRunner(store, new FixedClock(new DateTimeOffset(2025, 2, 1, 3, 0, 0, TimeSpan.Zero)))
            .RunAsync(RunTables.From(Data.Inputs), Snapshots, new RiskRunRequest("timer", first.RunId, new RiskConfiguration()));
        Assert.False(again.AlreadyPublished);
        Assert.Equal(first.Csv, again.Csv); // threshold 30 from the record, not the default 40 of the retry's request
    }
}
