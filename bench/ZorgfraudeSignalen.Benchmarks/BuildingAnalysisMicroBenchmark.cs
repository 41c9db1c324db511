using System.CommandLine;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>micro</c>: BenchmarkDotNet on the building analysis of a mid-sized municipality (the generator's reference world,
/// with and without BAG), loaded once as a run holds it: time per analysis and bytes allocated. In process, so that
/// nothing is compiled at run time; <c>--short</c> for a quick look, the default job for figures.
/// </summary>
[MemoryDiagnoser]
public class BuildingAnalysisMicroBenchmark
{
    private RunTables _tables = null!;
    private DateOnly _peildatum;
    private string _work = "";

    [Params(true, false)]
    public bool Bag { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = Directory.CreateTempSubdirectory("zfs-bench-micro-").FullName;
        var options = GeneratorOptions.ForScale("mid", 20251) with { Wereld = Wereldprofiel.Referentie with { MetBag = Bag } };
        SynthetischeExtracten.Genereer(options, _work);
        var store = LocalStore.Open(Path.Combine(_work, "store"));
        new Ingestor(store).IngestFolderAsync(Path.Combine(_work, "extracts")).GetAwaiter().GetResult();
        _tables = SnapshotLoader.LoadInForceAsync(store).GetAwaiter().GetResult().Inputs;
        _peildatum = options.Peildatum;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_work, recursive: true);

    [Benchmark]
    public int Analyse() => BuildingAnalysis.Analyse(_tables, _peildatum).Clusters.Count;

    public static Command Create()
    {
        var quick = new Option<bool>("--short") { Description = "Korte meting (weinig herhalingen): een indruk, geen cijfers voor docs." };
        var command = new Command("micro", "BenchmarkDotNet: de gebouwenanalyse van een middelgrote gemeente (tijd en toewijzingen).") { quick };
        command.SetAction(parse =>
        {
            var job = (parse.GetValue(quick) ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
            var summary = BenchmarkRunner.Run<BuildingAnalysisMicroBenchmark>(DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator));
            return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
        });
        return command;
    }
}
