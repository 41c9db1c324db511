using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ZorgfraudeSignalen.Tests.Shared;

namespace ZorgfraudeSignalen.App.Tests.Functions;

/// <summary>
/// The function app as <c>dotnet publish</c> lays it out for deployment, published once per test run (incremental
/// builds under <c>artifacts/</c>, apart from the IDE's bin/obj), and started as the Functions host starts it.
/// </summary>
public sealed class PublishedFunctionApp : IAsyncLifetime
{
    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var root = Azurite.RepositoryRoot();
        var artifacts = Path.Combine(root, "artifacts", "test-functionapp");
        Folder = Path.Combine(artifacts, "publish");
        var (code, output) = await RunAsync("dotnet", root, TimeSpan.FromMinutes(8),
            "publish", "src/ZorgfraudeSignalen.App", "-c", "Release", "-r", "linux-x64", "--self-contained",
            "--artifacts-path", Path.Combine(artifacts, "build"), "-o", Folder, "--nologo");
        if (code != 0) throw new InvalidOperationException($"dotnet publish failed ({code}):\n{output}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Starts <c>zfs host</c> in the app folder with the port in the environment, as the host does, and waits until it listens.</summary>
    public async Task<RunningHandler> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(Folder, "zfs"))
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("host");
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var handler = new RunningHandler(Process.Start(start)!, port);
        await handler.WaitUntilListeningAsync();
        return handler;
    }

    public static Task<(int Code, string Output)> RunAsync(string file, string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(file, workingDirectory, timeout, new Dictionary<string, string>(), args);

    public static async Task<(int Code, string Output)> RunAsync(string file, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took longer than {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A started custom handler: POST invocations like the host, stop it when done.</summary>
public sealed class RunningHandler : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public RunningHandler(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public HttpClient Http { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>POSTs an invocation payload to <c>/{function}</c> with the host's headers.</summary>
    public Task<HttpResponseMessage> InvokeAsync(string function, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-azure-functions-invocationid", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.300.1");
        return Http.SendAsync(request);
    }

    public async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"zfs host exited with {_process.ExitCode}:\n{Output}");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedFunctionAppCollection : ICollectionFixture<PublishedFunctionApp>
{
    public const string Name = "published function app";
}
