using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZorgfraudeSignalen.Tests.Shared;

/// <summary>
/// Azurite, the Azure Storage emulator, on 127.0.0.1 for the tests of one test process. An instance that already
/// listens on the default ports (as <c>.ci/run</c> starts one) is used as it is; otherwise this starts
/// <c>node_modules/.bin/azurite</c> from the repository root on free ports, in memory, and stops it when the
/// test process exits. Each test process gets its own instance, so parallel test projects never share one they
/// did not start.
/// </summary>
public static class Azurite
{
    private const string AccountName = "devstoreaccount1";
    // Azurite's well-known development account key (public, documented, valid only for the emulator).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static Process? _process;
    private static string? _location;

    /// <summary>The connection string of a running Azurite; starts one the first time it is asked for.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    /// <summary>A prefix no other test uses, for containers, tables and queues (lower-case letters and digits).</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static string ConnectionString(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};TableEndpoint=http://127.0.0.1:{table}/{AccountName};";

    private static async Task<string> StartAsync()
    {
        if (Listens(10000) && Listens(10001) && Listens(10002))
            return ConnectionString(10000, 10001, 10002);

        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in {root} (it is pinned in package.json).");

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        _location = Directory.CreateTempSubdirectory("zfs-azurite-").FullName;
        var start = new ProcessStartInfo(azurite)
        {
            // In-memory persistence excludes --location; anything Azurite still writes lands in this temp folder.
            WorkingDirectory = _location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                 })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var errors = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        var deadline = DateTime.UtcNow.AddSeconds(90); // slow to start on a busy machine
        while (!(Listens(blob) && Listens(queue) && Listens(table)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before it listened: {errors}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not listen within 90 seconds.");
            await Task.Delay(100);
        }
        return ConnectionString(blob, queue, table);
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
            _process?.WaitForExit(5000);
        }
        catch (InvalidOperationException) { } // already gone
        if (_location is not null && Directory.Exists(_location)) Directory.Delete(_location, recursive: true);
    }

    /// <summary>The folder that holds the solution and package.json, found upwards from the test's base directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ZorgfraudeSignalen.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                return dir.FullName;
        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }

    private static bool Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromMilliseconds(300)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
