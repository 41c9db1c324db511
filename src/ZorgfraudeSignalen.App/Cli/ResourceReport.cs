using System.Diagnostics;
using System.Text.Json;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// A process's own CPU time and peak working set, written at exit when <c>ZFS_RESOURCE_REPORT</c> names a file.
/// Benchmarks start a verb as a child process and read this, because a finished child's figures can no longer
/// be asked of the operating system.
/// </summary>
public sealed record ResourceReport(double CpuSeconds, long PeakWorkingSet)
{
    public const string Variable = "ZFS_RESOURCE_REPORT";

    public static void WriteIfRequested()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path) return;
        using var self = Process.GetCurrentProcess();
        File.WriteAllText(path, JsonSerializer.Serialize(new ResourceReport(self.TotalProcessorTime.TotalSeconds, self.PeakWorkingSet64)));
    }

    public static ResourceReport Read(string path) => JsonSerializer.Deserialize<ResourceReport>(File.ReadAllText(path))!;
}
