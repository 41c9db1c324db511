using System.Diagnostics;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// Benchmarks measure in a fresh child process, so that its peak working set is the work's own: this executable again
/// (a hidden measuring option), or the shipped <c>zfs</c> exactly as a user runs it.
/// </summary>
internal static class ChildProcess
{
    /// <summary>This benchmark executable with the given arguments, standard output redirected.</summary>
    public static ProcessStartInfo Self(params string[] args) => Start(Environment.ProcessPath!, typeof(ChildProcess).Assembly.Location, args);

    /// <summary>
    /// The app, <c>zfs</c>, with the given arguments: the copy the build puts beside this assembly (the project
    /// references the app for exactly this).
    /// </summary>
    public static ProcessStartInfo Zfs(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "zfs.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("zfs.dll staat niet naast de benchmarks; bouw bench/ZorgfraudeSignalen.Benchmarks opnieuw.", dll);
        return Start(DotnetHost(), dll, args);
    }

    private static string DotnetHost()
    {
        var process = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }

    private static ProcessStartInfo Start(string process, string assembly, string[] args)
    {
        var start = new ProcessStartInfo(process) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started through the dotnet host, name the assembly; an apphost is the assembly itself.
        if (Path.GetFileNameWithoutExtension(process) == "dotnet") start.ArgumentList.Add(assembly);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }
}
