using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>The blob function called as the worker calls it, with a <c>BlobClient</c> on an extract in Azurite.</summary>
public sealed class IngestExtractTests(SyntheticExtracts extracts) : IClassFixture<SyntheticExtracts>
{
    private static IngestExtract Function(AzuriteStorage storage) => new(storage.Store, NullLogger<IngestExtract>.Instance);

    [Fact]
    public async Task A_duplicate_delivery_of_the_same_extract_ingests_it_once()
    {
        var storage = await AzuriteStorage.NewAsync();
        var name = extracts.BlobName(ExtractType.Aanbieders);
        var blob = await storage.DropAsync(name, await File.ReadAllBytesAsync(extracts.Files[ExtractType.Aanbieders]));

        var first = await Function(storage).RunAsync(blob, CancellationToken.None);
        var second = await Function(storage).RunAsync(storage.ExtractBlob(name), CancellationToken.None);

        Assert.Equal(IngestStatus.Accepted, first!.Status);
        Assert.Equal(IngestStatus.Duplicate, second!.Status);
        Assert.Equal($"{StoreNames.ExtractsContainer}/{name}", first.SourceName);
        var snapshots = await new SnapshotCatalog(storage.Store).ListAsync(ExtractType.Aanbieders);
        Assert.Equal(first.Sha256, Assert.Single(snapshots).Sha256);
    }

    [Fact]
    public async Task A_failing_extract_ends_in_its_report_and_the_invocation_succeeds_also_when_delivered_again()
    {
        var storage = await AzuriteStorage.NewAsync();
        var name = "declaraties/declaraties_kapot.csv";
        var blob = await storage.DropAsync(name, Encoding.UTF8.GetBytes("dit;is;geen;extract\n1;2;3;4\n"));

        var report = await Function(storage).RunAsync(blob, CancellationToken.None); // no exception: a retry could not mend it
        var again = await Function(storage).RunAsync(blob, CancellationToken.None);

        Assert.Equal(IngestStatus.Quarantined, report!.Status);
        Assert.NotNull(report.ReportBlob);
        var (container, reportName) = (report.ReportBlob![..report.ReportBlob.IndexOf('/')], report.ReportBlob[(report.ReportBlob.IndexOf('/') + 1)..]);
        Assert.Contains("quarantaine", await storage.Store.Blobs.ReadTextAsync(container, Path.ChangeExtension(reportName, ".txt")));
        Assert.NotEqual(IngestStatus.Accepted, again!.Status);
        Assert.DoesNotContain(await new SnapshotCatalog(storage.Store).ListAsync(ExtractType.Declaraties), s => s.Status == SnapshotStatus.Accepted);
    }

    [Fact]
    public async Task A_blob_outside_the_type_folders_is_left_alone_without_a_retry()
    {
        var storage = await AzuriteStorage.NewAsync();
        var blob = await storage.DropAsync("losse_map/aanbieders.csv", await File.ReadAllBytesAsync(extracts.Files[ExtractType.Aanbieders]));

        Assert.Null(await Function(storage).RunAsync(blob, CancellationToken.None));
        foreach (var type in ExtractTypes.All) Assert.Empty(await new SnapshotCatalog(storage.Store).ListAsync(type));
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task An_event_for_a_blob_deleted_since_ingests_nothing_and_succeeds()
    {
        var storage = await AzuriteStorage.NewAsync();
        var blob = await storage.DropAsync(extracts.BlobName(ExtractType.Clienten), await File.ReadAllBytesAsync(extracts.Files[ExtractType.Clienten]));
        await blob.DeleteAsync();

        Assert.Null(await Function(storage).RunAsync(blob, CancellationToken.None));
        foreach (var type in ExtractTypes.All) Assert.Empty(await new SnapshotCatalog(storage.Store).ListAsync(type));
    }
}
