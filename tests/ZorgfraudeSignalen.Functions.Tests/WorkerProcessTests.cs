using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Xunit.Abstractions;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Functions.Hosting;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Storage.Azure;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>The built worker process, started and invoked by the stand-in host, on its own storage in Azurite.</summary>
public sealed class RunningWorker : IAsyncLifetime
{
    /// <summary>Once a year (1 January, 00:00 UTC): an invocation today belongs to one occurrence for the whole test.</summary>
    public const string Schedule = "0 0 0 1 1 *";
    public AzuriteStorage Storage { get; private set; } = null!;
    public StandInHost Host { get; private set; } = null!;
    public SyntheticExtracts Extracts { get; } = new();
    private Task<List<InvocationResponse>>? _ingested;

    public async Task InitializeAsync()
    {
        Storage = await AzuriteStorage.NewAsync();
        Host = await StandInHost.StartAsync(Paths.FunctionAppOutput, new Dictionary<string, string>
        {
            [AppSettings.Storage] = Storage.Options.ConnectionString!,
            [AzureStoreOptions.PrefixSetting] = Storage.Options.NamePrefix,
            [AppSettings.ExtractsContainer] = Storage.Options.ContainerName(StoreNames.ExtractsContainer),
            [AppSettings.RiskRunSchedule] = Schedule,
            [AppSettings.Organisation] = "Gemeente Proef",
        });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        Extracts.Dispose();
    }

    /// <summary>The blob trigger's input as the host sends it with deferred binding: a reference to the blob, not its bytes.</summary>
    public ParameterBinding BlobReference(string blobName) => new()
    {
        Name = "blob",
        Data = new TypedData
        {
            ModelBindingData = new ModelBindingData
            {
                Version = "1.0",
                Source = "AzureStorageBlobs",
                ContentType = "application/json",
                Content = ByteString.CopyFromUtf8(JsonSerializer.Serialize(new
                {
                    Connection = AppSettings.Storage,
                    ContainerName = Storage.Options.ContainerName(StoreNames.ExtractsContainer),
                    BlobName = blobName,
                })),
            },
        },
    };

    /// <summary>Every type dropped and delivered once, and the first one delivered a second time (Event Grid delivers at least once).</summary>
    public Task<List<InvocationResponse>> IngestAllAsync() => _ingested ??= IngestAllCoreAsync();

    private async Task<List<InvocationResponse>> IngestAllCoreAsync()
    {
        var responses = new List<InvocationResponse>();
        foreach (var type in ExtractTypes.All)
        {
            await Storage.DropAsync(Extracts.BlobName(type), await File.ReadAllBytesAsync(Extracts.Files[type]));
            responses.Add(await Host.InvokeAsync(IngestExtract.Name, [BlobReference(Extracts.BlobName(type))]));
        }
        responses.Add(await Host.InvokeAsync(IngestExtract.Name, [BlobReference(Extracts.BlobName(ExtractTypes.All[0]))]));
        return responses;
    }
}

/// <summary>
/// The real worker process against the stand-in host: the functions as the Functions host would find, load and
/// invoke them, including the portal's routing and authorisation inside the worker's own HTTP server.
/// </summary>
public sealed class WorkerProcessTests(RunningWorker worker, ITestOutputHelper output) : IClassFixture<RunningWorker>
{
    private static void Succeeded(InvocationResponse response, string log) =>
        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result}\n{log}");

    [Fact]
    public async Task The_worker_loads_the_three_functions_and_offers_its_http_server()
    {
        await worker.IngestAllAsync(); // at least one invocation answered, for the cold start below
        Assert.Equal(["IngestExtract", "NightlyRiskRun", "Portal"], worker.Host.FunctionIds.Keys.Order());
        Assert.True(worker.Host.HttpUri.IsLoopback);
        output.WriteLine($"Worker process start to first invocation answered: {worker.Host.ColdStart!.Value.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task An_extract_delivered_twice_through_the_worker_is_ingested_once()
    {
        var responses = await worker.IngestAllAsync();
        Assert.All(responses, r => Succeeded(r, worker.Host.Output));
        var catalog = new SnapshotCatalog(worker.Storage.Store);
        foreach (var type in ExtractTypes.All)
            Assert.Single(await catalog.ListAsync(type));
        Assert.Contains(worker.Host.Output.Split('\n'), line => line.Contains(IngestReport.StatusText(IngestStatus.Duplicate)));
    }

    [Fact]
    public async Task The_timer_publishes_exactly_one_risk_list_also_when_the_invocation_is_retried()
    {
        await worker.IngestAllAsync();
        var timer = new ParameterBinding
        {
            Name = "timer",
            Data = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2025-01-01T00:00:00+00:00","Next":"2026-01-01T00:00:00+00:00","LastUpdated":"2025-01-01T00:00:00+00:00"},"IsPastDue":false}""" },
        };
        Succeeded(await worker.Host.InvokeAsync(NightlyRiskRun.Name, [timer]), worker.Host.Output);
        Succeeded(await worker.Host.InvokeAsync(NightlyRiskRun.Name, [timer]), worker.Host.Output); // the host's retry of the same occurrence

        var runs = new List<PublishedRun>();
        await foreach (var run in new RiskListStore(worker.Storage.Store).PublishedRunsAsync()) runs.Add(run);
        var published = Assert.Single(runs, r => r.RunId.EndsWith("-nacht"));
        var occurrence = RiskRunSchedule.Parse(RunningWorker.Schedule).OccurrenceAt(DateTime.UtcNow)!.Value;
        Assert.Equal(NightlyRiskRun.RunIdFor(occurrence), published.RunId);
        Assert.True(published.Signalen > 0);
    }

    [Fact]
    public async Task Through_the_workers_http_server_a_reviewer_assesses_and_a_malformed_or_missing_principal_is_refused()
    {
        await Generator.Voorbeeldrun.PubliceerAsync(worker.Storage.Store, Generator.GeneratorOptions.ForScale("sample", 3), ["proef-http"], publicatieDrempel: 0);
        var femke = PortalFunctionTests.Principal("6f1f3c2a-8d1e-4c55-9a53-0b7c3f0d9e11", "Femke de Vries", Rol.Beoordelaar);
        using var http = new HttpClient();

        HttpRequestMessage Get(string path, string? principal)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (principal is not null) request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
            return request;
        }

        var (page, invocation) = await worker.Host.SendHttpAsync(PortalFunction.Name, http, () => Get("/risicolijst", femke));
        Succeeded(invocation, worker.Host.Output);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Risicolijst", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());

        var (list, _) = await worker.Host.SendHttpAsync(PortalFunction.Name, http, () => Get("/api/runs/proef-http/signalen", femke));
        var aanbieder = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("signalen")[0].GetProperty("aanbiederId").GetString();
        var (assessed, _) = await worker.Host.SendHttpAsync(PortalFunction.Name, http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/proef-http/signalen/{aanbieder}/beoordeling")
            {
                Content = JsonContent.Create(new { uitkomst = Uitkomst.GeenAanwijzing, motivering = "Declaraties en indicaties kloppen met elkaar na controle." }),
            };
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", femke);
            return request;
        });
        Assert.True(assessed.StatusCode == HttpStatusCode.OK, await assessed.Content.ReadAsStringAsync());
        var beoordeling = JsonDocument.Parse(await assessed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Uitkomst.GeenAanwijzing, beoordeling.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.Host.SendHttpAsync(PortalFunction.Name, http, () => Get("/risicolijst", null))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.Host.SendHttpAsync(PortalFunction.Name, http, () => Get("/api/runs", "dit-is-geen-base64!"))).Response.StatusCode);
        var noId = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"beoordelaar"}]}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.Host.SendHttpAsync(PortalFunction.Name, http, () => Get("/api/runs", noId))).Response.StatusCode);
    }
}
