namespace ZorgfraudeSignalen.App.Tests;

/// <summary>
/// The shipped app (zfs) and the libraries it is built from carry no benchmark code and no synthetic-data generators of
/// their own: benchmarks live in bench/ZorgfraudeSignalen.Benchmarks and take their data from the Generator project.
/// </summary>
public class NoBenchmarkCodeTests
{
    public static TheoryData<string> ShippedAssemblies => new()
    {
        typeof(Cli.RunCommand).Assembly.GetName().Name!,
        typeof(Core.Run.RiskEngine).Assembly.GetName().Name!,
        typeof(global::ZorgfraudeSignalen.Portal.PortalApp).Assembly.GetName().Name!,
    };

    /// <summary>
    /// The <c>detect</c> verb is a shipped feature, not a benchmark of this code: it measures the detector on a labelled
    /// data set under the published ADBench protocol, and compares with ADBench's published figures; with
    /// <c>--synthetisch</c> on ADBench's four synthetic anomaly kinds, which it generates (SyntheticAnomalies).
    /// </summary>
    private static readonly string[] DetectVerb =
        ["ZorgfraudeSignalen.Core.Model.DetectorBenchmark", "ZorgfraudeSignalen.Core.Model.BenchmarkResult", "ZorgfraudeSignalen.Core.Model.AdBenchPublished",
         "ZorgfraudeSignalen.Core.Model.SyntheticAnomalies"];

    private static bool IsBenchmark(Type t) =>
        !DetectVerb.Any(d => t.FullName!.StartsWith(d, StringComparison.Ordinal))
        && (t.FullName!.Contains("Bench", StringComparison.OrdinalIgnoreCase) || t.FullName!.Contains("Synthetic", StringComparison.OrdinalIgnoreCase));

    private static System.Reflection.Assembly Load(string name) => AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == name);

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void A_shipped_assembly_has_no_benchmark_types(string assembly)
    {
        var types = Load(assembly).GetTypes();
        Assert.NotEmpty(types);
        Assert.Empty(types.Where(IsBenchmark).Select(t => t.FullName));
        Assert.DoesNotContain(Load(assembly).GetReferencedAssemblies(), r => r.Name!.StartsWith("BenchmarkDotNet", StringComparison.Ordinal) || r.Name == "zfs-bench");
    }

    [Fact]
    public void The_app_is_named_zfs_and_the_check_sees_its_verbs()
    {
        // Guards the theory above against checking the wrong assembly.
        Assert.Equal("zfs", typeof(Cli.RunCommand).Assembly.GetName().Name);
        Assert.Contains(typeof(Cli.RunCommand).Assembly.GetTypes(), t => t.Name == "IngestCommand");
    }
}
