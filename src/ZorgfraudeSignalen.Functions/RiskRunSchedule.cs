using NCrontab;

namespace ZorgfraudeSignalen.Functions;

/// <summary>
/// The nightly run's schedule: a six-field NCRONTAB expression (second minute hour day month weekday) in UTC from
/// the app setting <c>RiskRunSchedule</c>, parsed by NCrontab, the library the Functions host parses it with, so
/// an expression that starts here also starts the host's timer.
/// </summary>
public sealed class RiskRunSchedule
{
    public const string Setting = "RiskRunSchedule";
    private readonly CrontabSchedule _schedule;

    private RiskRunSchedule(string expression, CrontabSchedule schedule) => (Expression, _schedule) = (expression, schedule);

    public string Expression { get; }

    public static RiskRunSchedule Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
            throw new FormatException($"App setting {Setting} is missing: a six-field NCRONTAB expression in UTC, e.g. '0 0 2 * * *' for 02:00 every night.");
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
            throw new FormatException($"{Setting} '{expression}' has {fields.Length} fields; it needs six: second minute hour day month weekday.");
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new FormatException($"{Setting} '{expression}' is no valid NCRONTAB expression.");
        return new RiskRunSchedule(expression, schedule);
    }

    /// <summary>
    /// The scheduled occurrence an invocation at <paramref name="utcNow"/> belongs to: the latest one at or before
    /// it (a late or retried invocation still belongs to the occurrence it was meant for). Null when there was none
    /// in the past year.
    /// </summary>
    public DateTime? OccurrenceAt(DateTime utcNow)
    {
        var end = utcNow.AddSeconds(1); // the host fires at the occurrence and stamps UtcNow just after it
        foreach (var window in new[] { TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(366) })
        {
            DateTime? last = null;
            foreach (var occurrence in _schedule.GetNextOccurrences(end - window, end)) last = occurrence;
            if (last is not null) return last;
        }
        return null;
    }

    public DateTime NextAfter(DateTime utc) => _schedule.GetNextOccurrence(utc);
}
