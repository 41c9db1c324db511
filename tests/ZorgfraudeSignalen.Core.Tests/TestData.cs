namespace ZorgfraudeSignalen.Core.Tests;

/// <summary>The repository's test data (tests/data), copied into the test output as Data/.</summary>
internal static class TestData
{
    public static string Path(string relative)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Data", relative);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"test data {relative} missing from {AppContext.BaseDirectory}Data (tests/data in the repository)");
    }
}
