using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Buildings;

/// <summary>
/// Addresses → buildings → the provider–building graph → clusters and co-location facts per provider
/// (docs/gebouwen-en-clusters.md). A pure function of its inputs: the same inputs give the same facts and cluster ids.
/// </summary>
public static class BuildingAnalysis
{
    public static BuildingAnalysisResult Analyse(RunTables inputs, DateOnly peildatum, BuildingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = new BuildingGraph(inputs, peildatum, options ?? BuildingOptions.Default);
        return new BuildingAnalysisResult(graph);
    }
}
