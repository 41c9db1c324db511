using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>What one ingestion did, as the ingestion function reports it.</summary>
/// <param name="Outcome">accepted, duplicate or quarantined: the tag of the ingest metric.</param>
public sealed record ExtractIngestOutcome(string Outcome, string Summary)
{
    public bool Quarantined => Outcome == "quarantined";
}

/// <summary>What one risk run did.</summary>
public sealed record RiskRunOutcome(string RunId, bool Published, int Signals, string Summary);

/// <summary>
/// The calls the functions make into the core, one per trigger, so that each entry point stays a translation of
/// a trigger into one call (ingest, risk run, portal).
/// </summary>
public sealed class Pipeline(Store store)
{
    public Store Store { get; } = store;

    public Task<ExtractIngestOutcome> IngestAsync(Stream content, string sourceName, ExtractType type, CancellationToken ct) =>
        throw new NotImplementedException("ingest is wired in when Core/Ingest lands");

    public Task<RiskRunOutcome> RunRiskAsync(string runId, CancellationToken ct) =>
        throw new NotImplementedException("the risk run is wired in when Core/Run lands");

    /// <summary>The portal's endpoints (its services were added with <see cref="Portal.PortalApp.AddPortal"/>).</summary>
    public void MapPortal(WebApplication app) => Portal.PortalApp.MapPortal(app);
}
