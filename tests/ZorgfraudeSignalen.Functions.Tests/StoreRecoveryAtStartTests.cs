using Microsoft.Extensions.Logging.Abstractions;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>The worker's start-up recovery on Azurite: what an instance that stopped mid-run left behind is rolled back.</summary>
public sealed class StoreRecoveryAtStartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static OperationIntent RunIntent(string runId, DateTimeOffset started) => new(
        OperationIntent.NewId(started), "run", runId, "p1-elders", started,
        [new IntentStep(new CommitRow(StoreNames.SignalsTable, RiskListStore.PublishedPartition, runId),
            new AuditEvent(AuditActions.Publicatie, "timer", runId))],
        Recovery.RunBlobs(runId), Recovery.RunRows(runId));

    [Fact]
    public async Task A_run_abandoned_by_another_instance_is_rolled_back_and_a_recent_one_is_left_alone()
    {
        var storage = await AzuriteStorage.NewAsync();
        await RunIntent("run-afgebroken", Now.AddHours(-7)).SaveAsync(storage.Store.Tables, default);
        await storage.Store.Blobs.WriteTextAsync(StoreNames.RunsContainer, "run-afgebroken/risicolijst.csv", "half");
        // Another instance started this run an hour ago and may still be writing it.
        await RunIntent("run-bezig", Now.AddHours(-1)).SaveAsync(storage.Store.Tables, default);
        await storage.Store.Blobs.WriteTextAsync(StoreNames.RunsContainer, "run-bezig/risicolijst.csv", "bezig");

        using var recovery = new StoreRecoveryAtStart(storage.Store, new FixedClock(Now), NullLogger<StoreRecoveryAtStart>.Instance);
        await recovery.StartAsync(CancellationToken.None);
        await recovery.Completed.WaitAsync(TimeSpan.FromMinutes(1));
        await recovery.StopAsync(CancellationToken.None);

        Assert.False(await storage.Store.Blobs.ExistsAsync(StoreNames.RunsContainer, "run-afgebroken/risicolijst.csv"));
        Assert.True(await storage.Store.Blobs.ExistsAsync(StoreNames.RunsContainer, "run-bezig/risicolijst.csv"));
        var open = Assert.Single(await OperationIntent.ListAsync(storage.Store.Tables, default));
        Assert.Equal("run-bezig", open.Subject);
        Assert.Null(await new AuditLog(storage.Store.Tables).VerifyAsync());
    }

    [Fact]
    public async Task An_unreachable_store_is_logged_and_does_not_stop_the_worker()
    {
        var options = Storage.Azure.AzureStoreOptions.FromConnectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            "onbereikbaar");
        var store = Storage.Azure.AzureStore.Open(options);
        using var recovery = new StoreRecoveryAtStart(store, new FixedClock(Now), NullLogger<StoreRecoveryAtStart>.Instance);
        await recovery.StartAsync(CancellationToken.None);
        Assert.Null(await recovery.Completed.WaitAsync(TimeSpan.FromMinutes(3)));
        await recovery.StopAsync(CancellationToken.None);
    }
}
