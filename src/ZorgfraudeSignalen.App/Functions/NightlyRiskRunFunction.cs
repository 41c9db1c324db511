using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// The nightly risk run on the timer. The run id is derived from the scheduled occurrence the invocation belongs
/// to, not from the clock, so a retried or duplicated invocation for the same night finds its run published and
/// publishes nothing a second time.
/// </summary>
public static class NightlyRiskRunFunction
{
    public const string Name = "NightlyRiskRun";
    /// <summary>The timer trigger's binding name in <c>NightlyRiskRun/function.json</c>.</summary>
    public const string Binding = "timer";

    public static FunctionHandler Handler(Pipeline pipeline, RiskRunSchedule schedule) => async (invocation, ct) =>
    {
        var utcNow = InvocationRequest.Text(invocation.Request.Meta("sys.UtcNow")) is { } stamp
            && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : DateTime.UtcNow;
        if (invocation.Request.Value(Binding) is { ValueKind: JsonValueKind.Object } timer
            && timer.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True)
            invocation.Log("The timer is past due: running the missed occurrence now.");

        var occurrence = schedule.OccurrenceAt(utcNow) ?? utcNow;
        var runId = RunIdFor(occurrence);
        if (await new RiskListStore(pipeline.Store).IsPublishedAsync(runId, ct))
        {
            invocation.Log($"Risk run {runId} (scheduled {occurrence:u}) is already published; nothing to do.");
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = await pipeline.RunRiskAsync(runId, "timer", ct);
        var published = outcome.AlreadyPublished ? 0 : outcome.Record.Gepubliceerd;
        FunctionTelemetry.RiskRunFinished(Stopwatch.GetElapsedTime(started), published);
        invocation.Log(outcome.AlreadyPublished
            ? $"Risk run {runId} was already published; nothing was published again."
            : $"Risk run {runId}: {outcome.Record.Gescoord} providers scored, {published} signals published for review; output sha-256 {outcome.Record.UitvoerHash}.");
        return null;
    };

    /// <summary>
    /// One id per scheduled occurrence, in the form of the runner's ids so that all runs sort by time:
    /// <c>run-20261123T020000Z-nacht</c>.
    /// </summary>
    public static string RunIdFor(DateTime occurrenceUtc) =>
        "run-" + occurrenceUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-nacht";
}
