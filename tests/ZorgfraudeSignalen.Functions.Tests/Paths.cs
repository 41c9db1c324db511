using System.Reflection;

namespace ZorgfraudeSignalen.Functions.Tests;

internal static class Paths
{
    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The function app's build output, as the Functions host would load it.</summary>
    public static string FunctionAppOutput => Metadata("FunctionAppOutput");
    public static string RepositoryRoot => Metadata("RepositoryRoot");
}
