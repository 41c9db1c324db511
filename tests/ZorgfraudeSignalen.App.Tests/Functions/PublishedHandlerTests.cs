using System.Net;
using System.Text;
using System.Text.Json;
using ZorgfraudeSignalen.App.Functions;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Storage.Azure;
using ZorgfraudeSignalen.Tests.Shared;

namespace ZorgfraudeSignalen.App.Tests.Functions;

/// <summary>Small synthetic extracts of all six types, generated once for the class.</summary>
public sealed class SyntheticExtracts : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("zfs-extracts-").FullName;
    public IReadOnlyDictionary<ExtractType, string> Files { get; }

    public SyntheticExtracts()
    {
        var result = SynthetischeExtracten.Genereer(new GeneratorOptions { Seed = 7, Aanbieders = 25, Clienten = 300, Maanden = 3 }, Folder);
        Files = result.Bestanden.ToDictionary(f => f.Key, f => f.Value.Pad);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>
/// The published <c>zfs host</c>, started as the Functions host starts it, on Azure storage (Azurite), receiving
/// the host's payloads for each function.
/// </summary>
[Collection(PublishedFunctionAppCollection.Name)]
public sealed class PublishedHandlerTests(PublishedFunctionApp app, SyntheticExtracts extracts) : IClassFixture<SyntheticExtracts>
{
    private const string Schedule = "0 0 2 * * *";

    private static async Task<(AzureStoreOptions Options, Store Store)> NewStorageAsync()
    {
        var options = AzureStoreOptions.FromConnectionString(await Azurite.ConnectionStringAsync(), Azurite.UniquePrefix());
        return (options, AzureStore.Open(options));
    }

    private Task<RunningHandler> StartAsync(AzureStoreOptions options) => app.StartAsync(new Dictionary<string, string>
    {
        ["ZfsStorage"] = options.ConnectionString!,
        [AzureStoreOptions.PrefixSetting] = options.NamePrefix,
        [RiskRunSchedule.Setting] = Schedule,
        ["ExtractEventsQueue"] = "extract-events",
    });

    /// <summary>Drops an extract as a data engineer would and delivers its BlobCreated event as the host would.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Reply)> DropAndDeliverAsync(
        RunningHandler handler, AzureStoreOptions options, Store store, string blobName, byte[] content, string? eventId = null)
    {
        await store.Blobs.WriteBytesAsync(StoreNames.ExtractsContainer, blobName, content);
        return await DeliverAsync(handler, options, blobName, eventId ?? Guid.NewGuid().ToString(), content.Length);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Reply)> DeliverAsync(RunningHandler handler, AzureStoreOptions options, string blobName, string eventId, long length)
    {
        var message = HostPayloads.BlobCreatedEvent(options.ContainerName(StoreNames.ExtractsContainer), blobName, eventId, length);
        using var response = await handler.InvokeAsync(IngestExtractFunction.Name, HostPayloads.QueueInvocation(IngestExtractFunction.Binding, message, IngestExtractFunction.Name));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string Logs(JsonElement reply) => string.Join("\n", reply.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));

    private static async Task<List<TableRecord>> CatalogueAsync(Store store, ExtractType type)
    {
        var records = new List<TableRecord>();
        await foreach (var record in store.Tables.QueryAsync(StoreNames.SnapshotsTable, type.Name())) records.Add(record);
        return records;
    }

    private static async Task<List<string>> BlobsAsync(Store store, string container)
    {
        var names = new List<string>();
        await foreach (var blob in store.Blobs.ListAsync(container)) names.Add(blob.Name);
        return names;
    }

    [Fact]
    public async Task An_uploaded_extract_is_ingested_and_a_duplicate_delivery_ingests_once()
    {
        var (options, store) = await NewStorageAsync();
        await using var handler = await StartAsync(options);
        var content = await File.ReadAllBytesAsync(extracts.Files[ExtractType.Aanbieders]);
        var blobName = "aanbieders/" + Path.GetFileName(extracts.Files[ExtractType.Aanbieders]);

        var (status, reply) = await DropAndDeliverAsync(handler, options, store, blobName, content, eventId: "ev-1");
        Assert.True(status == HttpStatusCode.OK, Logs(reply) + handler.Output);
        Assert.Contains(IngestReport.StatusText(IngestStatus.Accepted), Logs(reply));
        var catalogue = await CatalogueAsync(store, ExtractType.Aanbieders);
        Assert.Single(catalogue);
        var snapshots = await BlobsAsync(store, StoreNames.SnapshotsContainer);
        Assert.Single(snapshots);
        Assert.NotEmpty(await BlobsAsync(store, StoreNames.ReportsContainer));

        // Event Grid and the queue deliver at least once: the same event again changes nothing.
        var (again, againReply) = await DeliverAsync(handler, options, blobName, "ev-1", content.Length);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains(IngestReport.StatusText(IngestStatus.Duplicate), Logs(againReply));
        Assert.Equal(catalogue.Select(r => (r.RowKey, r.ETag)), (await CatalogueAsync(store, ExtractType.Aanbieders)).Select(r => (r.RowKey, r.ETag)));
        Assert.Equal(snapshots, await BlobsAsync(store, StoreNames.SnapshotsContainer));
    }

    [Fact]
    public async Task A_corrupt_extract_fails_the_delivery_and_leaves_a_quarantine_report()
    {
        var (options, store) = await NewStorageAsync();
        await using var handler = await StartAsync(options);
        var lines = await File.ReadAllLinesAsync(extracts.Files[ExtractType.Aanbieders]);
        var corrupt = string.Join("\n", lines.Take(1).Concat(lines.Skip(1).Select((_, i) => i % 2 == 0 ? "kapot;;;;" : lines[i + 1]))) + "\n";

        var (status, reply) = await DropAndDeliverAsync(handler, options, store, "aanbieders/kapot.csv", Encoding.UTF8.GetBytes(corrupt));
        Assert.Equal(HttpStatusCode.InternalServerError, status); // the host retries, then parks the message in the poison queue
        Assert.Contains(IngestReport.StatusText(IngestStatus.Quarantined), Logs(reply));

        var reports = await BlobsAsync(store, StoreNames.ReportsContainer);
        var jsonReport = Assert.Single(reports, r => r.EndsWith(".json", StringComparison.Ordinal));
        var report = IngestReport.FromJson(await store.Blobs.ReadTextAsync(StoreNames.ReportsContainer, jsonReport));
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.True(report.RowsRejected > 0);
        var quarantined = await BlobsAsync(store, StoreNames.QuarantineContainer);
        Assert.NotEmpty(quarantined);
        Assert.DoesNotContain(await CatalogueAsync(store, ExtractType.Aanbieders), r => r.Json.Contains("\"accepted\"", StringComparison.OrdinalIgnoreCase));

        // The host's retry of the same message: recognised by its hash, and still a failure, so that after the
        // retries the message lands in the poison queue instead of being acknowledged.
        var (retry, retryReply) = await DeliverAsync(handler, options, "aanbieders/kapot.csv", Guid.NewGuid().ToString(), corrupt.Length);
        Assert.Equal(HttpStatusCode.InternalServerError, retry);
        Assert.Contains(IngestReport.StatusText(IngestStatus.Duplicate), Logs(retryReply));
        Assert.Equal(quarantined, await BlobsAsync(store, StoreNames.QuarantineContainer));
    }

    [Fact]
    public async Task The_timer_publishes_a_risk_list_into_Azure_Tables_once_and_the_portal_serves_it()
    {
        var (options, store) = await NewStorageAsync();
        await using var handler = await StartAsync(options);
        foreach (var (type, path) in extracts.Files)
        {
            var (status, reply) = await DropAndDeliverAsync(handler, options, store, $"{type.Name()}/{Path.GetFileName(path)}", await File.ReadAllBytesAsync(path));
            Assert.True(status == HttpStatusCode.OK, Logs(reply));
        }

        var night = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
        using (var response = await handler.InvokeAsync(NightlyRiskRunFunction.Name, HostPayloads.TimerInvocation(NightlyRiskRunFunction.Binding, NightlyRiskRunFunction.Name, night.AddMilliseconds(12))))
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + handler.Output);

        var lists = new RiskListStore(store);
        var runs = new List<PublishedRun>();
        await foreach (var run in lists.PublishedRunsAsync()) runs.Add(run);
        var published = Assert.Single(runs);
        Assert.Equal(NightlyRiskRunFunction.RunIdFor(night), published.RunId);
        var signals = await lists.SignalsAsync(published.RunId);
        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.Equal(published.RunId, s.RunId));

        // A retried or duplicated invocation for the same night, an hour later: nothing is published again.
        using (var retry = await handler.InvokeAsync(NightlyRiskRunFunction.Name, HostPayloads.TimerInvocation(NightlyRiskRunFunction.Binding, NightlyRiskRunFunction.Name, night.AddHours(1), pastDue: true)))
        {
            var body = await retry.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Contains("already published", body);
        }
        var after = new List<PublishedRun>();
        await foreach (var run in lists.PublishedRunsAsync()) after.Add(run);
        Assert.Equal(runs, after);

        // The Portal function forwards requests as they came in: the portal reads the same tables.
        using var portal = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{published.RunId}/signalen");
        portal.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal("0f8fad5b-d9cb-469f-a165-70867728950e", "Femke de Vries", "beoordelaar"));
        using var answer = await handler.Http.SendAsync(portal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(signals[0].AanbiederId, await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forwarded_portal_requests_are_answered_with_the_platform_identity_and_cannot_reach_the_functions()
    {
        var (options, _) = await NewStorageAsync();
        await using var handler = await StartAsync(options);

        using var anonymous = await handler.Http.GetAsync("/api/ik");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/api/ik");
        signedIn.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal("7c9e6679-7425-40de-944b-e07fc1f90ae7", "Gert Jansen", "auditor"));
        signedIn.Headers.Add("X-Forwarded-For", "203.0.113.7:50123");
        using var me = await handler.Http.SendAsync(signedIn);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("Gert Jansen", await me.Content.ReadAsStringAsync());

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal("7c9e6679-7425-40de-944b-e07fc1f90ae7", "Gert Jansen", "auditor"));
        using var home = await handler.Http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("text/html", home.Content.Headers.ContentType?.MediaType);

        using var sneaky = new HttpRequestMessage(HttpMethod.Post, "/" + NightlyRiskRunFunction.Name)
        {
            Content = new StringContent(HostPayloads.TimerInvocation(NightlyRiskRunFunction.Binding, NightlyRiskRunFunction.Name, DateTime.UtcNow), Encoding.UTF8, "application/json"),
        };
        sneaky.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal("7c9e6679-7425-40de-944b-e07fc1f90ae7", "Gert Jansen", "auditor"));
        sneaky.Headers.Add("X-Forwarded-For", "203.0.113.7:50123");
        using var refused = await handler.Http.SendAsync(sneaky);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static string Principal(string id, string name, params string[] roles) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[] { new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = id }, new { typ = "name", val = name } }
            .Concat(roles.Select(r => new { typ = "roles", val = r })).ToArray(),
    })));
}
