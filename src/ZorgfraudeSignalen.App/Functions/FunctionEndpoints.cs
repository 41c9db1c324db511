using System.Diagnostics;
using System.Text.Json;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>One invocation of a function by the host: the request, and the log lines and outputs of the reply.</summary>
public sealed class FunctionInvocation(string functionName, InvocationRequest request, string? invocationId)
{
    public string FunctionName { get; } = functionName;
    public InvocationRequest Request { get; } = request;
    /// <summary>The host's <c>x-azure-functions-invocationid</c>.</summary>
    public string? InvocationId { get; } = invocationId;
    public List<string> Logs { get; } = [];
    public Dictionary<string, object?> Outputs { get; } = [];

    public void Log(string line) => Logs.Add(line);
}

public delegate Task<object?> FunctionHandler(FunctionInvocation invocation, CancellationToken ct);

/// <summary>
/// A failure whose message is the whole story (a quarantined extract, an event for a blob that is not an extract):
/// reported in the reply's logs without a stack trace. Any other exception fails the invocation the same way.
/// </summary>
public sealed class FunctionFailedException(string message) : Exception(message);

/// <summary>The host's invocation contract, implemented once for every non-HTTP function.</summary>
public static class FunctionEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    /// <summary>
    /// Headers that only a request from outside carries (App Service's front end, platform authentication). The
    /// portal's catch-all route forwards every public path to this server, so without this check a signed-in user
    /// could POST to <c>/IngestExtract</c> through the portal; invocations from the host on loopback never carry them.
    /// </summary>
    private static readonly string[] PublicRequestHeaders = ["X-Forwarded-For", "X-ARR-LOG-ID", "X-MS-CLIENT-PRINCIPAL-ID", "X-MS-CLIENT-PRINCIPAL"];

    /// <summary>
    /// Maps <c>POST /{name}</c>: reads <c>{Data, Metadata}</c>, runs <paramref name="handler"/>, and replies
    /// <c>{Outputs, Logs, ReturnValue}</c> with 200, or with 500 (400 for a body that is no invocation) so that the
    /// host retries and, for a queue trigger, finally moves the message to the poison queue.
    /// </summary>
    public static RouteHandlerBuilder MapFunction(this IEndpointRouteBuilder endpoints, string name, FunctionHandler handler) =>
        endpoints.MapPost("/" + name, async (HttpContext http, ILoggerFactory loggers) =>
        {
            if (PublicRequestHeaders.Any(http.Request.Headers.ContainsKey))
                return Results.NotFound();

            var logger = loggers.CreateLogger("ZorgfraudeSignalen.Functions." + name);
            var invocationId = http.Request.Headers["x-azure-functions-invocationid"].FirstOrDefault();
            using var activity = FunctionTelemetry.Source.StartActivity($"invoke {name}", ActivityKind.Server);
            activity?.SetTag("faas.name", name);
            activity?.SetTag("faas.invocation_id", invocationId);
            var started = Stopwatch.GetTimestamp();

            InvocationRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Request.Body, Json, http.RequestAborted);
            }
            catch (JsonException e)
            {
                request = null;
                logger.LogWarning(e, "{Function}: the request body is no invocation payload", name);
            }
            if (request is null)
            {
                FunctionTelemetry.Completed(name, "bad_request", started);
                activity?.SetStatus(ActivityStatusCode.Error, "bad request");
                return Results.Json(new InvocationResponse([], ["The request body is no invocation payload {Data, Metadata}."], null), Json, statusCode: 400);
            }

            var invocation = new FunctionInvocation(name, request, invocationId);
            try
            {
                var returnValue = await handler(invocation, http.RequestAborted);
                FunctionTelemetry.Completed(name, "ok", started);
                return Results.Json(new InvocationResponse(invocation.Outputs, invocation.Logs, returnValue), Json);
            }
            catch (Exception e)
            {
                if (e is FunctionFailedException)
                    logger.LogError("{Function} failed: {Reason}", name, e.Message);
                else
                    logger.LogError(e, "{Function} failed", name);
                invocation.Log(e is FunctionFailedException ? $"Failed: {e.Message}" : $"Failed: {e.GetType().Name}: {e.Message}");
                FunctionTelemetry.Completed(name, "failed", started);
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                return Results.Json(new InvocationResponse(invocation.Outputs, invocation.Logs, null), Json, statusCode: 500);
            }
        }).AllowAnonymous(); // the host on loopback has no user; public requests are refused above
}
