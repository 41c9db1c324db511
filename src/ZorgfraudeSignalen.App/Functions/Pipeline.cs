using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// The calls the functions make into the core, one per trigger, so that each entry point stays a translation of
/// a trigger into one call.
/// </summary>
public sealed class Pipeline(Store store)
{
    public Store Store { get; } = store;

    public Task<IngestReport> IngestAsync(Stream content, string sourceName, ExtractType type, CancellationToken ct) =>
        new Ingestor(Store).IngestAsync(content, sourceName, type, ct);

    /// <summary>A risk run on the snapshots in force under a fixed run id; a run id that is already published is not published again.</summary>
    public async Task<RiskRunOutcome> RunRiskAsync(string runId, string trigger, CancellationToken ct)
    {
        var loaded = await SnapshotLoader.LoadInForceAsync(Store, ct);
        if (loaded.Inputs.Aanbieders.Count == 0)
            throw new FunctionFailedException("There is no accepted snapshot of aanbieders yet; drop extracts first. No risk list was published.");
        var snapshots = InputSnapshot.From(loaded); // with rejected counts and snapshot blob hashes, for the auditor's replay
        return await new RiskRunner(Store).RunAsync(loaded.Inputs, snapshots, new RiskRunRequest(trigger, runId, new RiskConfiguration { RunId = "" }), ct: ct);
    }
}
