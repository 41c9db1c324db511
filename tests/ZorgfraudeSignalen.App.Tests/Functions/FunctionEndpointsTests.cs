using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ZorgfraudeSignalen.App.Functions;

namespace ZorgfraudeSignalen.App.Tests.Functions;

/// <summary>The invocation contract on a real Kestrel server on loopback, with the host's payloads.</summary>
public sealed class FunctionEndpointsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private readonly List<string> _seen = [];

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.MapFunction("Echo", (invocation, _) =>
        {
            var blobEvent = BlobCreatedEvent.Parse(invocation.Request.Value("event")!.Value);
            lock (_seen) _seen.Add(blobEvent.BlobName);
            invocation.Log($"seen {blobEvent.BlobName}");
            invocation.Outputs["copy"] = blobEvent.BlobName;
            return Task.FromResult<object?>(invocation.InvocationId);
        });
        _app.MapFunction("Fails", (invocation, _) =>
        {
            invocation.Log("started");
            throw new FunctionFailedException("extract quarantined: 12 of 100 rows invalid");
        });
        _app.MapFunction("Crashes", (_, _) => throw new InvalidOperationException("boom"));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private static HttpRequestMessage Invocation(string function, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-azure-functions-invocationid", "83a33220-a921-460a-bec0-b3f043dcf1ff");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.300.1");
        return request;
    }

    [Fact]
    public async Task A_successful_invocation_replies_200_with_outputs_logs_and_return_value()
    {
        var body = HostPayloads.QueueInvocation("event", HostPayloads.BlobCreatedEvent("extracts", "clienten/a.csv", "e1"), "Echo");
        using var response = await _http.SendAsync(Invocation("Echo", body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("clienten/a.csv", reply.RootElement.GetProperty("Outputs").GetProperty("copy").GetString());
        Assert.Equal(["seen clienten/a.csv"], reply.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("83a33220-a921-460a-bec0-b3f043dcf1ff", reply.RootElement.GetProperty("ReturnValue").GetString());
        Assert.Equal(["clienten/a.csv"], _seen);
    }

    [Theory]
    [InlineData("Fails", "Failed: extract quarantined: 12 of 100 rows invalid")]
    [InlineData("Crashes", "Failed: InvalidOperationException: boom")]
    public async Task A_failure_replies_500_so_the_host_retries_with_the_reason_in_the_logs(string function, string lastLog)
    {
        var body = HostPayloads.QueueInvocation("event", "{}", function);
        using var response = await _http.SendAsync(Invocation(function, body));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(lastLog, reply.RootElement.GetProperty("Logs").EnumerateArray().Last().GetString());
    }

    [Fact]
    public async Task Every_invocation_is_a_span_and_is_counted_by_outcome()
    {
        var outcomes = new List<(string Function, string Outcome)>();
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FunctionTelemetry.Name && instrument.Name == "zfs.function.invocations") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => x.Value?.ToString());
            if (t["function"] is "Echo" or "Fails") lock (outcomes) outcomes.Add((t["function"]!, t["outcome"]!));
        });
        meters.Start();
        var spans = new List<System.Diagnostics.Activity>();
        using var tracing = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == FunctionTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) spans.Add(activity); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(tracing);

        (await _http.SendAsync(Invocation("Echo", HostPayloads.QueueInvocation("event", HostPayloads.BlobCreatedEvent("extracts", "clienten/a.csv", "e1"), "Echo")))).Dispose();
        (await _http.SendAsync(Invocation("Fails", HostPayloads.QueueInvocation("event", "{}", "Fails")))).Dispose();

        lock (outcomes) Assert.Equal([("Echo", "ok"), ("Fails", "failed")], outcomes);
        lock (spans)
        {
            var failed = Assert.Single(spans, a => a.DisplayName == "invoke Fails");
            Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, failed.Status);
            Assert.Equal("83a33220-a921-460a-bec0-b3f043dcf1ff", failed.GetTagItem("faas.invocation_id"));
            Assert.Contains(spans, a => a.DisplayName == "invoke Echo" && a.Status != System.Diagnostics.ActivityStatusCode.Error);
        }
    }

    [Fact]
    public async Task A_body_that_is_no_invocation_is_a_bad_request()
    {
        using var response = await _http.SendAsync(Invocation("Echo", "this is not json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_seen);
    }

    [Fact]
    public async Task A_public_request_forwarded_by_the_portal_route_cannot_invoke_a_function()
    {
        var request = Invocation("Echo", HostPayloads.QueueInvocation("event", HostPayloads.BlobCreatedEvent("extracts", "clienten/a.csv", "e1"), "Echo"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7:51234");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_seen);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
