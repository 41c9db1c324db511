using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>The timer function called as the worker calls it, with a real <see cref="TimerInfo"/>, on Azurite.</summary>
public sealed class NightlyRiskRunTests(SyntheticExtracts extracts) : IClassFixture<SyntheticExtracts>
{
    private static readonly RiskRunSchedule Nightly = RiskRunSchedule.Parse("0 0 2 * * *");

    private static NightlyRiskRun At(AzuriteStorage storage, string utc) =>
        new(storage.Store, Nightly, new FixedClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), NullLogger<NightlyRiskRun>.Instance);

    private static TimerInfo Timer(bool pastDue = false) => new()
    {
        IsPastDue = pastDue,
        ScheduleStatus = new ScheduleStatus { Last = new DateTime(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc), Next = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc) },
    };

    private static async Task<List<PublishedRun>> PublishedAsync(AzuriteStorage storage)
    {
        var runs = new List<PublishedRun>();
        await foreach (var run in new RiskListStore(storage.Store).PublishedRunsAsync()) runs.Add(run);
        return runs;
    }

    [Fact]
    public async Task The_timer_publishes_exactly_one_risk_list_per_night_also_when_retried()
    {
        var storage = await AzuriteStorage.NewAsync();
        var ingest = new IngestExtract(storage.Store, NullLogger<IngestExtract>.Instance);
        foreach (var type in ExtractTypes.All)
            await ingest.RunAsync(await storage.DropAsync(extracts.BlobName(type), await File.ReadAllBytesAsync(extracts.Files[type])), CancellationToken.None);

        var runId = await At(storage, "2026-11-23T02:00:00.0123Z").RunAsync(Timer(), CancellationToken.None);
        // The host retries (or a second instance fires) later that night: the same occurrence, so nothing new.
        var retried = await At(storage, "2026-11-23T02:41:07Z").RunAsync(Timer(pastDue: true), CancellationToken.None);

        Assert.Equal("run-20261123T020000Z-nacht", runId);
        Assert.Null(retried);
        var published = Assert.Single(await PublishedAsync(storage));
        Assert.Equal(runId, published.RunId);
        Assert.True(published.Signalen > 0);

        // The next night is a run of its own.
        Assert.Equal("run-20261124T020000Z-nacht", await At(storage, "2026-11-24T02:00:01Z").RunAsync(Timer(), CancellationToken.None));
        Assert.Equal(2, (await PublishedAsync(storage)).Count);
    }

    [Fact]
    public async Task Without_snapshots_the_timer_publishes_nothing_and_does_not_fail()
    {
        var storage = await AzuriteStorage.NewAsync();
        Assert.Null(await At(storage, "2026-11-23T02:00:00Z").RunAsync(Timer(), CancellationToken.None));
        Assert.Empty(await PublishedAsync(storage));
    }
}
