
namespace ZorgfraudeSignalen.Functions.Tests;

public sealed class RiskRunScheduleTests
{
    [Theory]
    [InlineData(null, "missing")]
    [InlineData("0 2 * * *", "has 5 fields")] // a five-field crontab: the host would read it differently
    [InlineData("0 0 25 * * *", "no valid")] // hour 25
    [InlineData("0 0 2 * * * *", "has 7 fields")]
    public void Invalid_schedules_are_refused_with_a_reason(string? expression, string reason)
    {
        var e = Assert.Throws<FormatException>(() => RiskRunSchedule.Parse(expression));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void An_invocation_belongs_to_the_latest_occurrence_at_or_before_it()
    {
        var nightly = RiskRunSchedule.Parse("0 0 2 * * *");
        var occurrence = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
        Assert.Equal(occurrence, nightly.OccurrenceAt(occurrence.AddMilliseconds(4)));      // on time
        Assert.Equal(occurrence, nightly.OccurrenceAt(occurrence.AddHours(5)));             // retried later that morning
        Assert.Equal(occurrence.AddDays(-1), nightly.OccurrenceAt(occurrence.AddMinutes(-1))); // just before: yesterday's
        Assert.Equal(occurrence.AddDays(1), nightly.NextAfter(occurrence));

        var monthly = RiskRunSchedule.Parse("0 30 3 1 * *");
        Assert.Equal(new DateTime(2026, 11, 1, 3, 30, 0, DateTimeKind.Utc), monthly.OccurrenceAt(occurrence));
    }

    [Fact]
    public void Run_ids_of_one_occurrence_are_equal_and_sort_by_time()
    {
        var a = NightlyRiskRun.RunIdFor(new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc));
        var b = NightlyRiskRun.RunIdFor(new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal("run-20261123T020000Z-nacht", a);
        Assert.True(string.CompareOrdinal(a, b) < 0);
    }
}
