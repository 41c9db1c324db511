using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Functions.Hosting;
using ZorgfraudeSignalen.Storage.Azure;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>functions</c>: the built function app's worker process, started and invoked by the stand-in host
/// (as the Functions host would), on Azure storage (Azurite). Measures the cold start (process start to the first
/// invocation answered) and a large declarations extract ingested through the blob function: time, the worker's
/// processor time and its peak resident memory, against the goal of 300 MB.
/// </summary>
public static class FunctionsBenchmark
{
    private const long MemoryGoal = 300L * 1024 * 1024;

    public static Command Create()
    {
        var sizeMb = new Option<int>("--size-mb") { Description = "Grootte van het synthetische declaratie-extract in MB.", DefaultValueFactory = _ => 1024 };
        var app = new Option<string?>("--app") { Description = "Map met de gebouwde functie-app (standaard src/ZorgfraudeSignalen.Functions/bin/Release/net10.0 in deze repository)." };
        var storage = new Option<string>("--opslag")
        {
            Description = "Connection string van de Azure-opslag (standaard Azurite op de standaardpoorten).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ZfsStorage") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true",
        };
        var command = new Command("functions", "Meet de koude start van de functie-app en het inlezen van een groot extract via de blobfunctie (worker-proces, geheugen).") { sizeMb, app, storage };
        command.SetAction(async (parse, ct) =>
        {
            var uit = parse.InvocationConfiguration.Output;
            var fout = parse.InvocationConfiguration.Error;
            var appDir = parse.GetValue(app) ?? FindBuiltApp();
            if (appDir is null || !File.Exists(Path.Combine(appDir, "functions.metadata")))
            {
                fout.WriteLine("De functie-app is niet gevonden: bouw haar eerst met `dotnet build -c Release src/ZorgfraudeSignalen.Functions`, of geef --app MAP.");
                return 2;
            }

            var options = AzureStoreOptions.FromConnectionString(parse.GetValue(storage)!, "bench" + Guid.NewGuid().ToString("N")[..8]);
            var blobs = new BlobServiceClient(options.ConnectionString);
            var extracts = blobs.GetBlobContainerClient(options.ContainerName(StoreNames.ExtractsContainer));
            try
            {
                await extracts.CreateIfNotExistsAsync(cancellationToken: ct);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
            {
                fout.WriteLine($"Geen Azure-opslag bereikbaar ({e.Message.Split('\n')[0]}): start Azurite (npm ci; node_modules/.bin/azurite --inMemoryPersistence ...) of geef --opslag.");
                return 2;
            }

            var work = Directory.CreateTempSubdirectory("zfs-bench-functions-").FullName;
            try
            {
                const string blobName = "declaraties/declaraties_20250131.csv";
                // The generator's declaraties extract of about the requested size (as the ingest benchmark makes it).
                var generated = Generator.SynthetischeExtracten.Genereer(IngestBenchmark.ForDeclarationBytes((long)parse.GetValue(sizeMb) * 1024 * 1024), Path.Combine(work, "data"));
                var (file, rows) = generated.Bestanden[ExtractType.Declaraties];
                var bytes = new FileInfo(file).Length;
                var upload = Stopwatch.StartNew();
                await extracts.GetBlobClient(blobName).UploadAsync(file, ct);
                File.Delete(file);
                uit.WriteLine(Inv($"extract: {bytes / 1048576.0:F0} MB, {rows:N0} regels, in {upload.Elapsed.TotalSeconds:F1} s naar {extracts.Name}/{blobName}"));

                await using var host = await StandInHost.StartAsync(Path.GetFullPath(appDir), new Dictionary<string, string>
                {
                    ["ZfsStorage"] = options.ConnectionString!,
                    [AzureStoreOptions.PrefixSetting] = options.NamePrefix,
                    ["ExtractsContainer"] = extracts.Name,
                    ["RiskRunSchedule"] = "0 0 2 * * *",
                });
                // The first invocation is the cheap one: the timer on an empty store (nothing to run on).
                var timer = new ParameterBinding { Name = "timer", Data = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" } };
                var first = await host.InvokeAsync("NightlyRiskRun", [timer]);
                uit.WriteLine(Inv($"koude start: proces -> gRPC-stroom {host.StreamOpened.TotalMilliseconds:F0} ms, -> functies geladen {host.Loaded.TotalMilliseconds:F0} ms, -> eerste aanroep beantwoord {host.ColdStart!.Value.TotalMilliseconds:F0} ms ({first.Result.Status})"));
                var beforeIngest = host.WorkerPeakMemory;

                var cpu = host.Worker.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var reference = new ParameterBinding
                {
                    Name = "blob",
                    Data = new TypedData
                    {
                        ModelBindingData = new ModelBindingData
                        {
                            Version = "1.0", Source = "AzureStorageBlobs", ContentType = "application/json",
                            Content = ByteString.CopyFromUtf8(JsonSerializer.Serialize(new { Connection = "ZfsStorage", ContainerName = extracts.Name, BlobName = blobName })),
                        },
                    },
                };
                var ingest = await host.InvokeAsync("IngestExtract", [reference], timeout: TimeSpan.FromMinutes(30));
                wall.Stop();
                host.Worker.Refresh();
                var cpuSeconds = (host.Worker.TotalProcessorTime - cpu).TotalSeconds;
                var peak = host.WorkerPeakMemory;
                var snapshot = (await new SnapshotCatalog(AzureStore.Open(options)).ListAsync(ExtractType.Declaraties, ct)).SingleOrDefault();

                uit.WriteLine(Inv($"inlezen via IngestExtract: {ingest.Result.Status}, snapshot {(snapshot is null ? "geen" : snapshot.Status.ToString())}"));
                uit.WriteLine(Inv($"  wandklok {wall.Elapsed.TotalSeconds:F1} s = {bytes / 1048576.0 / wall.Elapsed.TotalSeconds:F0} MB/s; processortijd worker {cpuSeconds:F1} s = {bytes / 1048576.0 / cpuSeconds:F0} MB/s"));
                uit.WriteLine(Inv($"  piekgeheugen worker (VmHWM): voor het inlezen {beforeIngest / 1048576.0:F0} MB, na het inlezen {peak / 1048576.0:F0} MB; doel < {MemoryGoal / 1048576} MB: {(peak < MemoryGoal ? "gehaald" : "NIET gehaald")}"));
                if (ingest.Result.Status != StatusResult.Types.Status.Success || snapshot is not { Status: SnapshotStatus.Accepted })
                {
                    fout.WriteLine("Het extract is niet ingelezen:\n" + host.Output);
                    return 1;
                }
                return peak < MemoryGoal ? 0 : 1;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
                // Azurite keeps everything in memory: give back the extract and the snapshot.
                await foreach (var container in blobs.GetBlobContainersAsync(prefix: options.NamePrefix, cancellationToken: CancellationToken.None))
                    await blobs.DeleteBlobContainerAsync(container.Name, cancellationToken: CancellationToken.None);
            }
        });
        return command;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The function app's Release (else Debug) build output in the repository this tool runs from.</summary>
    private static string? FindBuiltApp()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                foreach (var configuration in new[] { "Release", "Debug" })
                {
                    var candidate = Path.Combine(dir.FullName, "src", "ZorgfraudeSignalen.Functions", "bin", configuration, "net10.0");
                    if (File.Exists(Path.Combine(candidate, "functions.metadata"))) return candidate;
                }
        return null;
    }
}
