namespace ZorgfraudeSignalen.Core.Retention;

/// <summary>How long what is kept (docs/verantwoording.md, 'Bewaartermijnen').</summary>
/// <param name="GeenAanwijzing">
/// Client-level evidence of a signal closed as <c>geen_aanwijzing</c> is removed this long after the closing
/// assessment. The signal itself (provider, score, indicators, the assessment and its rationale) stays. The same
/// period applies to a snapshot that is no longer in force and that no run refers to (<see cref="SnapshotPurge"/>).
/// </param>
public sealed record RetentionSettings(TimeSpan GeenAanwijzing)
{
    public static RetentionSettings Default { get; } = new(TimeSpan.FromDays(180));

    /// <summary>The default, or <c>ZFS_BEWAARTERMIJN_DAGEN</c> when set to a whole number of days.</summary>
    public static RetentionSettings FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("ZFS_BEWAARTERMIJN_DAGEN"), out var days) && days >= 0
            ? new RetentionSettings(TimeSpan.FromDays(days))
            : Default;
}
