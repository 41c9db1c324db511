using System.CommandLine;
using ZorgfraudeSignalen.Benchmarks;

// One subcommand per benchmark, each in a file of its own: add a new one here.
var root = new RootCommand("ZorgfraudeSignalen-benchmarks: meten die cijfers afdrukken (nooit getimede tests).")
{
    EvaluateBenchmark.Create(),
    DetectorBenchmark.Create(),
    PipelineBenchmark.Create(),
    IngestBenchmark.Create(),
    BuildingsBenchmark.Create(),
    RunBenchmark.Create(),
    PortalBenchmark.Create(),
    FunctionsBenchmark.Create(),
    LearningBenchmark.Create(),
    BuildingAnalysisMicroBenchmark.Create(),
};
return await root.Parse(args).InvokeAsync();
