using System.Text.Json;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>
/// What the Functions host reads from the build output: the functions, their triggers and settings
/// (functions.metadata), how to start the worker (worker.config.json), host.json and the host extensions.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static JsonElement ReadJson(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.FunctionAppOutput, file))).RootElement.Clone();

    private static JsonElement Function(string name) =>
        ReadJson("functions.metadata").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    private static JsonElement Trigger(string name) => Assert.Single(Function(name).GetProperty("bindings").EnumerateArray());

    [Fact]
    public void The_build_writes_exactly_the_three_functions_of_the_worker_assembly()
    {
        var functions = ReadJson("functions.metadata").EnumerateArray().ToList();
        Assert.Equal(["IngestExtract", "NightlyRiskRun", "Portal"], functions.Select(f => f.GetProperty("name").GetString()).Order());
        Assert.All(functions, f =>
        {
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
            Assert.Equal("ZorgfraudeSignalen.Functions.dll", f.GetProperty("scriptFile").GetString());
        });
    }

    [Fact]
    public void IngestExtract_is_a_blob_trigger_fed_by_event_grid_binding_a_blob_client_on_the_data_connection()
    {
        var trigger = Trigger(IngestExtract.Name);
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%ExtractsContainer%/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("ZfsStorage", trigger.GetProperty("connection").GetString());
        // Deferred binding: the host sends a reference and the worker opens the blob itself, so the extract is streamed.
        Assert.Equal("True", trigger.GetProperty("properties").GetProperty("supportsDeferredBinding").GetString());
    }

    [Fact]
    public void NightlyRiskRun_is_a_timer_on_the_schedule_setting()
    {
        var trigger = Trigger(NightlyRiskRun.Name);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%RiskRunSchedule%", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Portal_is_one_anonymous_catch_all_http_trigger_under_an_empty_route_prefix()
    {
        var trigger = Trigger(PortalFunction.Name);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal(["get", "head", "post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).Order());
        Assert.Equal("", ReadJson("host.json").GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void The_worker_is_the_function_assembly_started_by_dotnet_with_worker_indexing()
    {
        var description = ReadJson("worker.config.json").GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        var worker = description.GetProperty("defaultWorkerPath").GetString()!;
        Assert.True(File.Exists(Path.Combine(Paths.FunctionAppOutput, worker)), worker);
        Assert.Equal("true", description.GetProperty("workerIndexing").GetString());
    }

    [Fact]
    public void Host_json_is_the_one_at_the_repository_root_and_starts_no_custom_handler_nor_bundle()
    {
        var root = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "host.json"));
        Assert.Equal(root, File.ReadAllText(Path.Combine(Paths.FunctionAppOutput, "host.json")));
        var host = ReadJson("host.json");
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.False(host.TryGetProperty("customHandler", out _));
        Assert.False(host.TryGetProperty("extensionBundle", out _)); // the isolated worker's build brings its own extensions
        foreach (var folder in new[] { "IngestExtract", "NightlyRiskRun", "Portal" })
            Assert.False(File.Exists(Path.Combine(Paths.RepositoryRoot, folder, "function.json")), folder);
    }

    [Fact]
    public void The_host_gets_the_blob_extension_from_the_build()
    {
        var names = ReadJson("extensions.json").GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("AzureStorageBlobs", names);
        var blobs = ReadJson("extensions.json").GetProperty("extensions").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "AzureStorageBlobs");
        Assert.True(File.Exists(Path.Combine(Paths.FunctionAppOutput, blobs.GetProperty("hintPath").GetString()!)));
    }

    [Fact]
    public void Every_setting_the_triggers_name_is_in_the_local_settings_example()
    {
        var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "src", "ZorgfraudeSignalen.Functions", "local.settings.json.example")))
            .RootElement.GetProperty("Values");
        var named = ReadJson("functions.metadata").EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .SelectMany(b => b.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .SelectMany(p => p.Name == "connection"
                ? [p.Value.GetString()!]
                : System.Text.RegularExpressions.Regex.Matches(p.Value.GetString()!, "%([^%]+)%").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.Equal(["ExtractsContainer", "RiskRunSchedule", "ZfsStorage"], named.Order());
        Assert.All(named, setting => Assert.True(example.TryGetProperty(setting, out _), setting));
        Assert.Equal("dotnet-isolated", example.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.NotNull(RiskRunSchedule.Parse(example.GetProperty("RiskRunSchedule").GetString()));
    }
}
