namespace ZorgfraudeSignalen.Core.Storage;

/// <summary>
/// The process doing the work: its id goes into the names of its temporary files and into its intent records, so
/// that recovery can tell the leftovers of a process that died from the work of one that is still running.
/// </summary>
public static class OperationOwner
{
    /// <summary>This process: <c>p{pid}-{8 random hex}</c> (letters, digits and '-', valid in file names and table keys).</summary>
    public static string Id { get; } = $"p{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>When this process started its work: leftovers older than this are never its own.</summary>
    public static DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The owner id at the start of a temporary file's name, or null for a name without one (older versions).</summary>
    public static string? FromTempName(string name)
    {
        name = name.TrimStart('.');
        if (!name.StartsWith('p')) return null;
        var first = name.IndexOf('-');
        if (first < 0) return null;
        var second = name.IndexOf('-', first + 1);
        return second < 0 ? null : name[..second];
    }
}
