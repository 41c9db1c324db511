using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// Ingests a dropped extract. Trigger: a storage queue message holding the Event Grid <c>BlobCreated</c> event of
/// <c>extracts/{type}/{name}</c>; only the reference travels, and the extract is streamed from the blob store, so
/// its size is bounded by nothing but storage. Delivery is at least once: ingestion is idempotent on the content
/// hash, so a second delivery of the same event ingests nothing new.
/// </summary>
public static class IngestExtractFunction
{
    public const string Name = "IngestExtract";
    /// <summary>The queue trigger's binding name in <c>IngestExtract/function.json</c>.</summary>
    public const string Binding = "event";

    public static FunctionHandler Handler(Pipeline pipeline, string extractsContainer) => async (invocation, ct) =>
    {
        var message = invocation.Request.Value(Binding)
            ?? throw new FunctionFailedException($"The invocation has no '{Binding}' binding data.");
        var blobEvent = BlobCreatedEvent.Parse(message);
        if (!blobEvent.IsBlobCreated || blobEvent.Container != extractsContainer)
        {
            invocation.Log($"Event {blobEvent.Id} ({blobEvent.EventType} on {blobEvent.Container}/{blobEvent.BlobName}) is no new extract; nothing to do.");
            return null;
        }

        if (!ExtractPaths.TryGetType(blobEvent.BlobName, out var type))
        {
            FunctionTelemetry.Ingested("unknown", "refused");
            throw new FunctionFailedException(
                $"'{StoreNames.ExtractsContainer}/{blobEvent.BlobName}' is not under {StoreNames.ExtractsContainer}/{{type}}/ with a type of " +
                string.Join(", ", ExtractTypes.All.Select(t => t.Name())) + "; the blob is left where it is.");
        }

        Stream content;
        try
        {
            content = await pipeline.Store.Blobs.OpenReadAsync(StoreNames.ExtractsContainer, blobEvent.BlobName, ct);
        }
        catch (BlobNotFoundException)
        {
            invocation.Log($"'{StoreNames.ExtractsContainer}/{blobEvent.BlobName}' no longer exists; nothing to ingest.");
            return null;
        }

        IngestReport report;
        await using (content)
            report = await pipeline.IngestAsync(content, $"{StoreNames.ExtractsContainer}/{blobEvent.BlobName}", type, ct);
        FunctionTelemetry.Ingested(type.Name(), report.Status.ToString().ToLowerInvariant());
        var summary = $"{report.SourceName}: {IngestReport.StatusText(report.Status)}" +
                      (report.Message is { } reason ? $" ({reason})" : "") +
                      $"; {report.RowsAccepted} of {report.RowsTotal} rows accepted" +
                      (report.ReportBlob is { } blob ? $"; report {blob}" : "");
        invocation.Log(summary);
        // A quarantined extract fails its delivery, so that its message ends in the poison queue after the retries;
        // a retry sees the same bytes as a duplicate of a quarantined extract, which must fail the same way.
        if (report.Status is IngestStatus.Quarantined or IngestStatus.Rejected
            || (report.Status == IngestStatus.Duplicate
                && await new SnapshotCatalog(pipeline.Store).GetAsync(type, report.Sha256, ct) is { Status: SnapshotStatus.Quarantined }))
            throw new FunctionFailedException(summary);
        return null;
    };
}
