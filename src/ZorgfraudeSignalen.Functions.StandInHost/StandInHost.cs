using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZorgfraudeSignalen.Functions.Hosting;

/// <summary>
/// A stand-in for the Functions host: serves the host's gRPC protocol (<c>FunctionRpc.proto</c>) on 127.0.0.1,
/// starts the built worker as the host does (<c>dotnet ZorgfraudeSignalen.Functions.dll --host ... --port ...</c>
/// and the newer <c>--functions-uri</c> form), answers its start stream, sends init, metadata and load requests,
/// and then invokes functions. HTTP functions are invoked as the host proxies them: an invocation request over
/// gRPC and the HTTP request itself to the worker's <c>HttpUri</c> with the same <c>x-ms-invocation-id</c>.
/// What it cannot stand in for (the host's own timer payload, route precedence, proxying details): docs/azure.md.
/// Protocol failures (a worker that does not start, a failed load) throw <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class StandInHost : FunctionRpc.FunctionRpcBase, IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _awaiting = new();
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _output = new();
    private WebApplication? _server;
    private Process? _worker;
    private long _processStarted;

    /// <summary>The worker's log lines (over gRPC and from its console), for the failure messages of tests.</summary>
    public string Output => string.Join('\n', _output);
    public Dictionary<string, string> FunctionIds { get; } = [];
    public Uri HttpUri { get; private set; } = null!;
    public Process Worker => _worker!;
    /// <summary>From the start of the worker process to the first invocation response.</summary>
    public TimeSpan? ColdStart { get; private set; }
    /// <summary>From the start of the worker process to its event stream, and to all functions loaded.</summary>
    public TimeSpan StreamOpened { get; private set; }
    public TimeSpan Loaded { get; private set; }

    /// <summary>The worker's peak resident memory so far (VmHWM), in bytes; null where /proc is not there.</summary>
    public long? WorkerPeakMemory =>
        File.Exists($"/proc/{_worker!.Id}/status")
        && File.ReadLines($"/proc/{_worker.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:")) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024
            : null;

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException(what);
    }

    public static async Task<StandInHost> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var host = new StandInHost();
        try
        {
            await host.StartCoreAsync(appDirectory, settings);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(string appDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(this);
        _server = builder.Build();
        _server.MapGrpcService<StandInHost>();
        await _server.StartAsync();
        var port = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(appDirectory, "ZorgfraudeSignalen.Functions.dll"),
                     "--host", "127.0.0.1", "--port", port.ToString(), "--workerId", workerId, "--requestId", requestId,
                     "--grpcMaxMessageLength", int.MaxValue.ToString(),
                     "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", workerId,
                     "--functions-request-id", requestId, "--functions-grpc-max-message-length", int.MaxValue.ToString(),
                 })
            start.ArgumentList.Add(arg);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in settings) start.Environment[name] = value;

        _processStarted = Stopwatch.GetTimestamp();
        _worker = Process.Start(start)!;
        _worker.OutputDataReceived += (_, e) => { if (e.Data is { } line) _output.Enqueue(line); };
        _worker.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _output.Enqueue("stderr: " + line); };
        _worker.BeginOutputReadLine();
        _worker.BeginErrorReadLine();

        var exited = _worker.WaitForExitAsync();
        if (await Task.WhenAny(_started.Task, exited, Task.Delay(Patience)) != _started.Task)
            throw new InvalidOperationException($"The worker did not open its event stream (exited: {_worker.HasExited}).\n{Output}");
        Require(_started.Task.Result == workerId, $"The worker opened its stream as '{_started.Task.Result}', not as '{workerId}'.");
        StreamOpened = Stopwatch.GetElapsedTime(_processStarted);

        var init = await RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1040.100",
                FunctionAppDirectory = appDirectory,
                WorkerDirectory = appDirectory,
                Capabilities = { ["MultiStream"] = "true" },
            },
        });
        Require(init.WorkerInitResponse.Result.Status == StatusResult.Types.Status.Success, init.ToString());
        HttpUri = new Uri(init.WorkerInitResponse.Capabilities["HttpUri"]);

        var metadata = await RequestAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } });
        Require(metadata.FunctionMetadataResponse.Result.Status == StatusResult.Types.Status.Success, metadata.ToString());
        foreach (var function in metadata.FunctionMetadataResponse.FunctionMetadataResults)
        {
            var load = await RequestAsync(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function } });
            Require(load.FunctionLoadResponse.Result.Status == StatusResult.Types.Status.Success, load.ToString());
            FunctionIds[function.Name] = function.FunctionId;
        }
        Loaded = Stopwatch.GetElapsedTime(_processStarted);
    }

    /// <summary>Sends a request to the worker and waits for the answer with the same request id.</summary>
    private async Task<StreamingMessage> RequestAsync(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var answer = _awaiting.GetOrAdd(message.RequestId, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _toWorker.Writer.WriteAsync(message);
        return await answer.Task.WaitAsync(Patience);
    }

    /// <summary>Invokes a function with its input bindings, as the host does when its trigger fires.</summary>
    public async Task<InvocationResponse> InvokeAsync(string function, IEnumerable<ParameterBinding> inputs, string? invocationId = null, TimeSpan? timeout = null)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId ?? Guid.NewGuid().ToString(),
            FunctionId = FunctionIds[function],
            TraceContext = new RpcTraceContext(),
            RetryContext = new RetryContext { RetryCount = 0, MaxRetryCount = 0 },
        };
        request.InputData.Add(inputs);
        var answer = _awaiting.GetOrAdd(request.InvocationId, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _toWorker.Writer.WriteAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request });
        var response = (await answer.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(5))).InvocationResponse;
        ColdStart ??= Stopwatch.GetElapsedTime(_processStarted);
        return response;
    }

    /// <summary>
    /// An HTTP request as the host proxies it: the invocation over gRPC and the request to the worker's own HTTP
    /// server with <c>x-ms-invocation-id</c>. The worker's server may start listening after the handshake, so a
    /// refused connection is tried again for a while.
    /// </summary>
    public async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> SendHttpAsync(string function, HttpClient http, Func<HttpRequestMessage> request)
    {
        var invocationId = Guid.NewGuid().ToString();
        var invocation = InvokeAsync(function, [new ParameterBinding { Name = "request", Data = new TypedData { Http = new RpcHttp { Method = "GET", Url = HttpUri.ToString() } } }], invocationId);
        var deadline = Stopwatch.GetTimestamp();
        while (true)
        {
            var message = request();
            message.RequestUri = new Uri(HttpUri, message.RequestUri!.ToString());
            message.Headers.Add("x-ms-invocation-id", invocationId);
            try
            {
                var response = await http.SendAsync(message);
                return (response, await invocation);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && Stopwatch.GetElapsedTime(deadline) < Patience)
            {
                await Task.Delay(100);
            }
        }
    }

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var writer = Task.Run(async () =>
        {
            await foreach (var message in _toWorker.Reader.ReadAllAsync(context.CancellationToken))
                await responseStream.WriteAsync(message);
        });
        try
        {
            await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
            {
                switch (message.ContentCase)
                {
                    case StreamingMessage.ContentOneofCase.StartStream:
                        _started.TrySetResult(message.StartStream.WorkerId);
                        break;
                    case StreamingMessage.ContentOneofCase.RpcLog:
                        _output.Enqueue($"{message.RpcLog.Level}: {message.RpcLog.Message}{(message.RpcLog.Exception is { } e ? " " + e.Message : "")}");
                        break;
                    case StreamingMessage.ContentOneofCase.InvocationResponse:
                        Complete(message.InvocationResponse.InvocationId, message);
                        break;
                    default:
                        Complete(message.RequestId, message);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the worker went away
        }
        await Task.WhenAny(writer, Task.Delay(1000));
    }

    private void Complete(string key, StreamingMessage message) =>
        _awaiting.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);

    public async ValueTask DisposeAsync()
    {
        if (_worker is { HasExited: false })
        {
            await _toWorker.Writer.WriteAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _worker.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _worker.Kill(entireProcessTree: true); }
        }
        _worker?.Dispose();
        _toWorker.Writer.TryComplete();
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
    }
}
