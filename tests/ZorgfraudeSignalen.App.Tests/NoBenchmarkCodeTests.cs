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

    // No exceptions: the detect verb's protocol (DetectorEvaluation, DetectorBaselines) is a shipped feature and named as one.
    private static bool IsBenchmark(Type t) =>
        t.FullName!.Contains("Bench", StringComparison.OrdinalIgnoreCase) || t.FullName!.Contains("Synthetic", StringComparison.OrdinalIgnoreCase);

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
    public void The_detect_verb_measures_a_labelled_file_and_times_or_studies_nothing()
    {
        // Speed, synthetic worlds, combinations, seed stability and tree counts belong to zfs-bench detector.
        var detect = Cli.DetectCommand.Create();
        Assert.Equal(["--rank", "--seeds"], detect.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Empty(detect.Subcommands);
    }

    [Fact]
    public void The_app_is_named_zfs_and_the_check_sees_its_verbs()
    {
        // Guards the theory above against checking the wrong assembly.
        Assert.Equal("zfs", typeof(Cli.RunCommand).Assembly.GetName().Name);
        Assert.Contains(typeof(Cli.RunCommand).Assembly.GetTypes(), t => t.Name == "IngestCommand");
    }
}
