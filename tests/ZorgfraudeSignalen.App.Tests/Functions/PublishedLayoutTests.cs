using System.Text.Json;
using ZorgfraudeSignalen.App.Functions;

namespace ZorgfraudeSignalen.App.Tests.Functions;

/// <summary>The published folder has the shape the Functions host expects of a custom handler app.</summary>
[Collection(PublishedFunctionAppCollection.Name)]
public sealed class PublishedLayoutTests(PublishedFunctionApp app)
{
    private JsonElement Read(params string[] path) => JsonDocument.Parse(File.ReadAllText(Path.Combine([app.Folder, .. path]))).RootElement;

    [Fact]
    public void Host_json_starts_the_executable_that_is_there_with_its_run_bit()
    {
        var host = Read("host.json");
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        var description = host.GetProperty("customHandler").GetProperty("description");
        var executable = Path.Combine(app.Folder, description.GetProperty("defaultExecutablePath").GetString()!);
        Assert.True(File.Exists(executable), executable);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(["host"], description.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.True(host.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.StartsWith("[4.", host.GetProperty("extensionBundle").GetProperty("version").GetString());
        // Self-contained: the runtime travels with the app, the platform's image needs none.
        Assert.True(File.Exists(Path.Combine(app.Folder, "libcoreclr.so")));
    }

    [Fact]
    public void Each_function_has_its_folder_and_the_bindings_the_handlers_read()
    {
        var folders = Directory.GetDirectories(app.Folder).Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).Order();
        Assert.Equal([IngestExtractFunction.Name, NightlyRiskRunFunction.Name, "Portal"], folders);

        var ingest = Read(IngestExtractFunction.Name, "function.json").GetProperty("bindings").EnumerateArray().Single();
        Assert.Equal(("queueTrigger", IngestExtractFunction.Binding, "%ExtractEventsQueue%", "ZfsStorage"),
            (ingest.GetProperty("type").GetString(), ingest.GetProperty("name").GetString(), ingest.GetProperty("queueName").GetString(), ingest.GetProperty("connection").GetString()));

        var timer = Read(NightlyRiskRunFunction.Name, "function.json").GetProperty("bindings").EnumerateArray().Single();
        Assert.Equal(("timerTrigger", NightlyRiskRunFunction.Binding, "%" + RiskRunSchedule.Setting + "%"),
            (timer.GetProperty("type").GetString(), timer.GetProperty("name").GetString(), timer.GetProperty("schedule").GetString()));

        var portal = Read("Portal", "function.json").GetProperty("bindings").EnumerateArray().ToList();
        Assert.Equal(2, portal.Count); // forwarding needs exactly one http trigger and one http output
        Assert.Equal(("httpTrigger", "{*path}", "anonymous"), (portal[0].GetProperty("type").GetString(), portal[0].GetProperty("route").GetString(), portal[0].GetProperty("authLevel").GetString()));
        Assert.False(portal[0].TryGetProperty("methods", out _)); // every method
        Assert.Equal(("http", "out"), (portal[1].GetProperty("type").GetString(), portal[1].GetProperty("direction").GetString()));
    }

    [Theory]
    [InlineData("", "0 0 2 * * *", "FUNCTIONS_CUSTOMHANDLER_PORT")]
    [InlineData("7071", "0 2 * * *", "has 5 fields")]
    [InlineData("7071", "", "is missing")]
    public async Task The_handler_refuses_to_start_without_a_port_or_with_a_schedule_the_host_would_not_run(string port, string schedule, string reason)
    {
        var environment = new Dictionary<string, string> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port, [RiskRunSchedule.Setting] = schedule };
        var (code, output) = await PublishedFunctionApp.RunAsync(Path.Combine(app.Folder, "zfs"), app.Folder, TimeSpan.FromSeconds(30), environment, "host");
        Assert.Equal(2, code);
        Assert.Contains(reason, output);
    }
}
