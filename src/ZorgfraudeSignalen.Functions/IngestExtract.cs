using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Functions;

/// <summary>
/// Ingests an extract dropped in <c>extracts/{type}/{name}</c>. The blob trigger hears of it from Event Grid
/// (<c>Source = EventGrid</c>: no container scans) and binds a <see cref="BlobClient"/>, so the extract is streamed
/// from storage and its size is bounded by nothing but storage. Delivery is at least once: ingestion is
/// idempotent on the content hash, so a second delivery ingests nothing new. An extract that fails validation
/// ends in its ingest report (and quarantine), and the invocation succeeds: retrying the same bytes cannot
/// change the verdict. Only a failure to read or write storage fails the invocation, so that the extension retries
/// it (host.json: at most five times, then the blob trigger's poison queue).
/// </summary>
public sealed class IngestExtract(Store store, ILogger<IngestExtract> log)
{
    public const string Name = nameof(IngestExtract);

    [Function(Name)]
    public async Task<IngestReport?> RunAsync(
        [BlobTrigger($"%{AppSettings.ExtractsContainer}%/{{name}}", Source = BlobTriggerSource.EventGrid, Connection = AppSettings.Storage)] BlobClient blob,
        CancellationToken ct)
    {
        var source = $"{StoreNames.ExtractsContainer}/{blob.Name}";
        if (!ExtractPaths.TryGetType(blob.Name, out var type))
        {
            FunctionTelemetry.Ingested("unknown", "refused");
            log.LogError("'{Source}' is not under {Container}/{{type}}/ with a type of {Types}; the blob is left where it is and not ingested.",
                source, StoreNames.ExtractsContainer, string.Join(", ", ExtractTypes.All.Select(t => t.Name())));
            return null;
        }

        Stream content;
        try
        {
            // Read the blob as it is now; a blob replaced while it is read fails the read (and the invocation) rather than mixing versions.
            content = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            log.LogWarning("'{Source}' no longer exists; nothing to ingest.", source);
            return null;
        }

        IngestReport report;
        await using (content)
            report = await new Ingestor(store).IngestAsync(content, source, type, ct);
        FunctionTelemetry.Ingested(type.Name(), report.Status.ToString().ToLowerInvariant());
        var level = report.Status is IngestStatus.Quarantined or IngestStatus.Rejected ? LogLevel.Error : LogLevel.Information;
        log.Log(level, "{Source}: {Status}{Reason}; {Accepted} of {Total} rows accepted; report {Report}",
            report.SourceName, IngestReport.StatusText(report.Status), report.Message is { } reason ? $" ({reason})" : "",
            report.RowsAccepted, report.RowsTotal, report.ReportBlob ?? "-");
        return report;
    }
}
