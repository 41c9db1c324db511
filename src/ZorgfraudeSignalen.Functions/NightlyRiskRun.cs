using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Functions;

/// <summary>
/// The nightly risk run on the timer: the same run the CLI's <c>run</c> starts, on the snapshots in force. The run
/// id is derived from the scheduled occurrence the invocation belongs to, not from the moment it runs, so a
/// retried or duplicated invocation for the same night finds its run published and publishes nothing again.
/// </summary>
public sealed class NightlyRiskRun(Store store, RiskRunSchedule schedule, TimeProvider clock, ILogger<NightlyRiskRun> log)
{
    public const string Name = nameof(NightlyRiskRun);

    [Function(Name)]
    public async Task<string?> RunAsync([TimerTrigger($"%{AppSettings.RiskRunSchedule}%")] TimerInfo timer, CancellationToken ct)
    {
        if (timer.IsPastDue) log.LogWarning("The timer is past due: running the missed occurrence now.");
        var now = clock.GetUtcNow().UtcDateTime;
        var occurrence = schedule.OccurrenceAt(now) ?? now;
        var runId = RunIdFor(occurrence);
        if (await new RiskListStore(store).IsPublishedAsync(runId, ct))
        {
            log.LogInformation("Risk run {RunId} (scheduled {Occurrence:u}) is already published; nothing to do.", runId, occurrence);
            return null;
        }

        var loaded = await SnapshotLoader.LoadInForceAsync(store, ct);
        if (loaded.Inputs.Aanbieders.Count == 0)
        {
            // Nothing to run on is no failure a retry could mend: say so and wait for the next night.
            log.LogError("There is no accepted snapshot of {Type} yet; drop extracts first. Risk run {RunId} published nothing.", ExtractType.Aanbieders.Name(), runId);
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var outcome = await new RiskRunner(store).RunAsync(loaded.Inputs, InputSnapshot.From(loaded),
            new RiskRunRequest("timer", runId, new RiskConfiguration()), ct: ct);
        var published = outcome.AlreadyPublished ? 0 : outcome.Record.Gepubliceerd;
        FunctionTelemetry.RiskRunFinished(Stopwatch.GetElapsedTime(started), published);
        if (outcome.AlreadyPublished)
            log.LogInformation("Risk run {RunId} was already published; nothing was published again.", runId);
        else
            log.LogInformation("Risk run {RunId}: {Scored} providers scored, {Published} signals published for review; output sha-256 {Hash}.",
                runId, outcome.Record.Gescoord, published, outcome.Record.UitvoerHash);
        return outcome.AlreadyPublished ? null : runId;
    }

    /// <summary>
    /// One id per scheduled occurrence, in the form of the runner's ids so that all runs sort by time:
    /// <c>run-20261123T020000Z-nacht</c>.
    /// </summary>
    public static string RunIdFor(DateTime occurrenceUtc) =>
        "run-" + occurrenceUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-nacht";
}
