using System.Diagnostics;

namespace ZorgfraudeSignalen.Core.Storage.Local;

/// <summary>
/// Counts the local store's file writes, for the crash and disk-full tests: every write is two steps (the temporary
/// file is complete; it is renamed into place). Set by environment variables, read once per process:
/// <list type="bullet">
/// <item><c>ZFS_WRITE_LOG=FILE</c>: append one line per step (number, kind, name), so a test knows where to aim;</item>
/// <item><c>ZFS_CRASH_AFTER_WRITE=N</c>: kill this process (SIGKILL, as <c>kill -9</c>) right after step N;</item>
/// <item><c>ZFS_DISK_FULL_AFTER_WRITE=N</c>: every write after step N fails as on a full disk.</item>
/// </list>
/// Without them a step costs one comparison.
/// </summary>
internal static class WriteSteps
{
    private static readonly long CrashAfter = Read("ZFS_CRASH_AFTER_WRITE");
    private static readonly long DiskFullAfter = Read("ZFS_DISK_FULL_AFTER_WRITE");
    private static readonly string? Log = Environment.GetEnvironmentVariable("ZFS_WRITE_LOG") is { Length: > 0 } log ? log : null;
    private static readonly bool Active = CrashAfter > 0 || DiskFullAfter > 0 || Log is not null;
    private static long _count;
    private static readonly Lock Gate = new();

    /// <summary>Before a write starts: fails as a full disk would once the configured number of steps has passed.</summary>
    public static void BeforeWrite()
    {
        if (DiskFullAfter > 0 && Interlocked.Read(ref _count) >= DiskFullAfter)
            throw new IOException("No space left on device", 28);
    }

    public static void Step(string kind, string name)
    {
        if (!Active) return;
        lock (Gate)
        {
            var n = ++_count;
            if (Log is not null) File.AppendAllText(Log, $"{n}\t{kind}\t{name}\n");
            if (n == CrashAfter) Process.GetCurrentProcess().Kill();
        }
    }

    private static long Read(string name) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : 0;
}
