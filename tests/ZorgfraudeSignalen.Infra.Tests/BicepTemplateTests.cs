using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Infra.Tests;

/// <summary>
/// Every template under infra/ builds and lints without a single diagnostic, with the Bicep CLI from NuGet and
/// offline (no registry modules, no restore, no telemetry). The compiled templates say what the design says.
/// </summary>
public sealed class BicepTemplateTests(BicepTemplateTests.Compiled compiled) : IClassFixture<BicepTemplateTests.Compiled>
{
    /// <summary>All templates built and linted once (each start of the CLI costs seconds).</summary>
    public sealed class Compiled : IAsyncLifetime
    {
        public string OutDir { get; } = Directory.CreateTempSubdirectory("zfs-bicep-").FullName;
        public (int Code, string Output) Build { get; private set; }
        public (int Code, string Output) Lint { get; private set; }

        public async Task InitializeAsync()
        {
            Build = await RunBicepAsync("build", "--pattern", "**/*.bicep", "--outdir", OutDir, "--no-restore");
            Lint = await RunBicepAsync("lint", "--pattern", "**/*.bicep", "--no-restore");
        }

        public Task DisposeAsync()
        {
            Directory.Delete(OutDir, recursive: true);
            return Task.CompletedTask;
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static readonly string Bicep = Metadata("BicepPath");
    private static readonly string Infra = Path.Combine(Metadata("RepositoryRoot"), "infra");

    private static List<string> TemplateFiles() =>
        Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("lint-probe-"))
            .Select(f => Path.GetRelativePath(Infra, f)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Templates() => new(TemplateFiles());

    private static async Task<(int Code, string Output)> RunBicepAsync(params string[] args)
    {
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(Bicep).HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(Bicep, File.GetUnixFileMode(Bicep) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(Bicep) { WorkingDirectory = Infra, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private Task<JsonElement> CompileAsync(string template)
    {
        var json = Path.Combine(compiled.OutDir, Path.ChangeExtension(template, ".json"));
        Assert.True(File.Exists(json), $"bicep build made no {json}:\n{compiled.Build.Output}");
        return Task.FromResult(JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone());
    }

    /// <summary>Diagnostic lines about one template (the CLI prefixes each with the file's path).</summary>
    private static IEnumerable<string> DiagnosticsOf(string output, string template) =>
        output.Split('\n').Where(line => line.Contains(Path.Combine(Infra, template) + "(", StringComparison.Ordinal));

    [Fact]
    public void There_are_templates_to_check() => Assert.Contains(Path.Combine("modules", "storage.bicep"), TemplateFiles());

    [Fact]
    public void Building_and_linting_every_template_reports_nothing()
    {
        Assert.True(compiled.Build.Code == 0 && compiled.Build.Output.Length == 0, $"bicep build ({compiled.Build.Code}):\n{compiled.Build.Output}");
        Assert.True(compiled.Lint.Code == 0 && compiled.Lint.Output.Length == 0, $"bicep lint ({compiled.Lint.Code}):\n{compiled.Lint.Output}");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task A_template_builds_and_lints_without_diagnostics(string template)
    {
        Assert.Empty(DiagnosticsOf(compiled.Build.Output, template));
        Assert.Empty(DiagnosticsOf(compiled.Lint.Output, template));
        Assert.True((await CompileAsync(template)).TryGetProperty("resources", out _));
    }

    [Fact]
    public async Task The_linter_is_awake_and_fails_a_bad_template()
    {
        var bad = Path.Combine(Infra, $"lint-probe-{Guid.NewGuid():N}.bicep"); // inside infra/ so that bicepconfig.json applies
        try
        {
            await File.WriteAllTextAsync(bad, "param unused string\noutput o string = 'https://management.core.windows.net'\n");
            var (code, output) = await RunBicepAsync("lint", Path.GetFileName(bad), "--no-restore");
            Assert.NotEqual(0, code);
            Assert.Contains("no-unused-params", output);
            Assert.Contains("no-hardcoded-env-urls", output);
            Assert.NotEmpty(DiagnosticsOf(output, Path.GetFileName(bad))); // the per-file check above would see it
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Storage_has_no_shared_keys_and_exactly_the_containers_and_tables_of_the_store()
    {
        var storage = await CompileAsync(Path.Combine("modules", "storage.bicep"));
        var names = typeof(StoreNames).GetFields().Where(f => f.IsLiteral).ToList();
        string[] Constants(string suffix) => names.Where(f => f.Name.EndsWith(suffix)).Select(f => (string)f.GetRawConstantValue()!).Order().ToArray();

        Assert.Equal(Constants("Container"), Strings(storage.GetProperty("variables").GetProperty("containers")).Order());
        Assert.Equal(Constants("Table"), Strings(storage.GetProperty("variables").GetProperty("tables")).Order());
        var account = Resource(storage, "Microsoft.Storage/storageAccounts");
        Assert.False(account.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(account.GetProperty("properties").GetProperty("allowBlobPublicAccess").GetBoolean());
    }

    [Fact]
    public async Task The_function_app_is_the_isolated_worker_on_flex_consumption_with_identity_based_settings()
    {
        var app = await CompileAsync(Path.Combine("modules", "functionapp.bicep"));
        Assert.Equal("FlexConsumption", Resource(app, "Microsoft.Web/serverfarms").GetProperty("sku").GetProperty("tier").GetString());
        var site = Resource(app, "Microsoft.Web/sites");
        Assert.Equal("SystemAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        var runtime = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
        var settings = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToHashSet();
        // Every %Setting% the built functions.metadata names is set, and every connection its triggers use is identity-based.
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Metadata("FunctionAppOutput"), "functions.metadata"))).RootElement;
        var bindings = metadata.EnumerateArray().SelectMany(f => f.GetProperty("bindings").EnumerateArray()).ToList();
        Assert.Equal(3, metadata.GetArrayLength());
        foreach (var binding in bindings)
        {
            foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(property.Value.GetString()!, "%([^%]+)%"))
                    Assert.Contains(m.Groups[1].Value, settings);
            if (binding.TryGetProperty("connection", out var connection))
                Assert.Contains(connection.GetString() + "__accountName", settings);
        }
        Assert.Contains(bindings, b => b.TryGetProperty("connection", out _)); // the check above saw a connection
        Assert.Contains("AzureWebJobsStorage__accountName", settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings); // no connection string with a key
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings);
    }

    [Fact]
    public async Task Nobody_reaches_the_app_without_signing_in_with_entra_id_except_the_blob_webhook()
    {
        var app = await CompileAsync(Path.Combine("modules", "functionapp.bicep"));
        var auth = Resource(app, "Microsoft.Web/sites/config");
        Assert.Contains("authsettingsV2", auth.GetProperty("name").GetString());
        var properties = auth.GetProperty("properties");
        Assert.True(properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        var validation = properties.GetProperty("globalValidation");
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal(["/runtime/webhooks/blobs"], Strings(validation.GetProperty("excludedPaths")));
        Assert.True(properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("enabled").GetBoolean());
        Assert.True(properties.GetProperty("httpSettings").GetProperty("requireHttps").GetBoolean());

        // The action is a parameter of main.bicep, Return401 unless a deployment chooses the redirect to Entra ID.
        Assert.Equal("[parameters('unauthenticatedClientAction')]", validation.GetProperty("unauthenticatedClientAction").GetString());
        var main = await CompileAsync("main.bicep");
        var action = main.GetProperty("parameters").GetProperty("unauthenticatedClientAction");
        Assert.Equal("Return401", action.GetProperty("defaultValue").GetString());
        Assert.Equal(["Return401", "RedirectToLoginPage"], Strings(action.GetProperty("allowedValues")));
        Assert.Equal("securestring", main.GetProperty("parameters").GetProperty("entraClientSecret").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Event_grid_sends_blob_created_events_of_the_extracts_container_to_the_blob_extensions_webhook_in_the_second_phase()
    {
        var grid = await CompileAsync(Path.Combine("modules", "eventgrid.bicep"));
        var subscription = Resource(grid, "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        Assert.Equal("[parameters('subscribe')]", subscription.GetProperty("condition").GetString());
        var properties = subscription.GetProperty("properties");
        Assert.Equal(["Microsoft.Storage.BlobCreated"], Strings(properties.GetProperty("filter").GetProperty("includedEventTypes")));
        Assert.Equal("[format('/blobServices/default/containers/{0}/blobs/', parameters('extractsContainerName'))]", properties.GetProperty("filter").GetProperty("subjectBeginsWith").GetString());
        var destination = properties.GetProperty("destination");
        Assert.Equal("WebHook", destination.GetProperty("endpointType").GetString());
        var url = destination.GetProperty("properties").GetProperty("endpointUrl").GetString()!;
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.IngestExtract&code=", url);
        Assert.Contains("systemKeys.blobs_extension", url);
        var main = await CompileAsync("main.bicep");
        Assert.False(main.GetProperty("parameters").GetProperty("subscribeExtractEvents").GetProperty("defaultValue").GetBoolean());
    }

    [Fact]
    public async Task The_function_identity_gets_data_roles_on_blobs_queues_and_tables_and_none_on_the_key()
    {
        var access = await CompileAsync(Path.Combine("modules", "access.bicep"));
        var variables = access.GetProperty("variables");
        var roles = variables.GetProperty("roles");
        var granted = Strings(variables.GetProperty("storageRoles")).ToList();
        // Role ids are only expressions in the variables; compare the expressions that name the roles.
        Assert.Equal(["[variables('roles').storageBlobDataOwner]", "[variables('roles').storageQueueDataContributor]", "[variables('roles').storageTableDataContributor]"], granted);
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", roles.GetProperty("storageBlobDataOwner").GetString());
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles.GetProperty("storageQueueDataContributor").GetString());
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles.GetProperty("storageTableDataContributor").GetString());
        var onVault = AllResources(access).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"
                                                      && r.GetProperty("scope").GetString()!.Contains("Microsoft.KeyVault")).ToList();
        Assert.NotEmpty(onVault);
        Assert.All(onVault, r => Assert.Equal("Group", r.GetProperty("properties").GetProperty("principalType").GetString()));
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    private static List<JsonElement> AllResources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().ToList()
            : resources.EnumerateObject().Select(p => p.Value).ToList(); // symbolic-name templates
    }

    private static JsonElement Resource(JsonElement template, string type) =>
        AllResources(template).Single(r => r.GetProperty("type").GetString() == type);
}
