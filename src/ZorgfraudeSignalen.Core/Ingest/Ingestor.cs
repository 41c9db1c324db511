using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// Ingests dropped extracts: validates every row against the contract, reports, quarantines, recognises
/// duplicates and stores accepted extracts as immutable snapshots addressed by the SHA-256 of their bytes.
/// </summary>
public sealed class Ingestor(Store store, IngestOptions? options = null)
{
    private readonly IngestOptions _options = options ?? IngestOptions.Default;
    private readonly AuditLog _audit = new(store.Tables);
    private readonly SnapshotCatalog _catalog = new(store);

    public IngestOptions Options => _options;

    /// <summary>Ingests one extract. <paramref name="sourceName"/> names it in the report and carries its extract date.</summary>
    public Task<IngestReport> IngestAsync(Stream content, string sourceName, ExtractType type, CancellationToken ct = default) =>
        IngestAsync(content, sourceName, type, progress: null, ct);

    public Task<IngestReport> IngestAsync(Stream content, string sourceName, ExtractType type, IProgress<IngestProgress>? progress, CancellationToken ct = default) =>
        throw new NotImplementedException();

    /// <summary>Ingests a file from disk; its type comes from its folder (<see cref="ExtractPaths.TryGetType"/>).</summary>
    public Task<IngestReport> IngestFileAsync(string path, IProgress<IngestProgress>? progress = null, CancellationToken ct = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Ingests every file of a folder laid out as <c>{type}/{name}.csv</c> or <c>extracts/{type}/{name}.csv</c>, in
    /// order of extract date within each type so that the newest ends in force.
    /// </summary>
    public Task<IReadOnlyList<IngestReport>> IngestFolderAsync(string folder, IProgress<IngestProgress>? progress = null, CancellationToken ct = default) =>
        throw new NotImplementedException();
}
