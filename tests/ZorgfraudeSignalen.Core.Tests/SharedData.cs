namespace ZorgfraudeSignalen.Core.Tests;

/// <summary>Finds the project's shared data folder (shared/data) beside the repository, as CI has it (or ZFS_SHARED_DATA).</summary>
internal static class SharedData
{
    public static string Path(string relative)
    {
        var env = Environment.GetEnvironmentVariable("ZFS_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return System.IO.Path.Combine(env, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/data/{relative} not found above {AppContext.BaseDirectory}; set ZFS_SHARED_DATA.");
    }
}
