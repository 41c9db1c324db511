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
        var outcome = await pipeline.RunRiskAsync(runId, ct);
        FunctionTelemetry.RiskRunFinished(Stopwatch.GetElapsedTime(started), outcome.Published ? outcome.Signals : 0);
        invocation.Log(outcome.Summary);
        return null;
    };

    /// <summary>One id per scheduled occurrence, sortable by time: <c>nacht-20261123T020000Z</c>.</summary>
    public static string RunIdFor(DateTime occurrenceUtc) =>
        "nacht-" + occurrenceUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
