using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>bench MODE</c>: measurements that print figures (never timed tests). Each mode is a subcommand; add new modes
/// to <see cref="Create"/>.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Meet doorvoer en geheugengebruik (benchmarks).");
        command.Subcommands.Add(IngestMode());
        command.Subcommands.Add(BenchBuildingsCommand.Create());
        command.Subcommands.Add(BenchRiskCommands.Evaluate());
        command.Subcommands.Add(BenchRiskCommands.Run());
        command.Subcommands.Add(PortalMode());
        command.Subcommands.Add(BenchPipelineCommand.Create());
        command.Subcommands.Add(BenchLearningCommand.Create());
        return command;
    }

    /// <summary>
    /// <c>bench ingest</c>: writes a synthetic declaraties extract of the given size (streaming), then ingests it in a
    /// fresh child process so that the peak working set is the ingest's own, and reads the snapshot back.
    /// </summary>
    private static Command IngestMode()
    {
        var sizeMb = new Option<int>("--size-mb") { Description = "Grootte van het synthetische extract in MB.", DefaultValueFactory = _ => 1024 };
        var folder = new Option<string?>("--folder") { Description = "Werkmap (standaard een tijdelijke map, na afloop verwijderd)." };
        var child = new Option<string?>("--measure-file") { Description = "Intern: lees dit bestand in en meet (in het kindproces).", Hidden = true };
        var command = new Command("ingest", "Meet de doorvoer (MB/s) en het piekgeheugen van het inlezen van een groot declaratie-extract.") { sizeMb, folder, child };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(child) is { } file)
                return await MeasureInChild(file, parse.GetValue(StoreOption.Instance)!, ct);

            var work = parse.GetValue(folder) ?? Directory.CreateTempSubdirectory("zfs-bench-").FullName;
            var owned = parse.GetValue(folder) is null;
            try
            {
                var extract = Path.Combine(work, "extracts", "declaraties", "declaraties_20250131.csv");
                Directory.CreateDirectory(Path.GetDirectoryName(extract)!);
                var sw = Stopwatch.StartNew();
                var rows = WriteSyntheticDeclaraties(extract, (long)parse.GetValue(sizeMb) * 1024 * 1024);
                Console.WriteLine($"extract geschreven: {new FileInfo(extract).Length / 1048576.0:F0} MB, {rows:N0} regels, in {sw.Elapsed.TotalSeconds:F1} s");

                var store = Path.Combine(work, "store");
                var start = SelfStart("bench", "ingest", "--measure-file", extract, "--store", store);
                start.Environment["DOTNET_PROCESSOR_COUNT"] = "1"; // measure one core's throughput
                using var process = Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                Console.Write(output);
                return process.ExitCode;
            }
            finally
            {
                if (owned) Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    /// <summary><c>bench portal</c>: the risk list page with many signals, measured server-side (see <see cref="PortalBenchmark"/>).</summary>
    private static Command PortalMode()
    {
        var signalen = new Option<int>("--signalen") { Description = "Aantal signalen per run.", DefaultValueFactory = _ => 5000 };
        var verzoeken = new Option<int>("--verzoeken") { Description = "Aantal gemeten verzoeken.", DefaultValueFactory = _ => 100 };
        var command = new Command("portal", "De risicolijstpagina met veel signalen, gemeten aan de serverkant.") { signalen, verzoeken };
        command.SetAction((parse, ct) => PortalBenchmark.RunAsync(parse.GetValue(signalen), parse.GetValue(verzoeken), Console.Out, ct));
        return command;
    }

    /// <summary>
    /// How to start this executable again with the given arguments, standard output redirected: the apphost, or
    /// <c>dotnet zfs.dll</c>. Benchmarks measure in a fresh child so that its peak working set is the work's own.
    /// </summary>
    internal static ProcessStartInfo SelfStart(params string[] args)
    {
        var process = Environment.ProcessPath!;
        var start = new ProcessStartInfo(process) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(process) == "dotnet") start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private static async Task<int> MeasureInChild(string file, string storeRoot, CancellationToken ct)
    {
        var store = LocalStore.Open(storeRoot);
        var bytes = new FileInfo(file).Length;
        var sw = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var report = await new Ingestor(store).IngestFileAsync(file, ExtractType.Declaraties, null, ct);
        var ingestSeconds = sw.Elapsed.TotalSeconds;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var ingestCpu = (cpu1 - cpu0).TotalSeconds;
        var peakIngest = Process.GetCurrentProcess().PeakWorkingSet64;

        sw.Restart();
        var loaded = await SnapshotLoader.LoadInForceAsync(store, ct);
        long rows = 0;
        decimal total = 0;
        foreach (var d in loaded.Inputs.Declaraties()) { rows++; total += d.Bedrag; }
        var readSeconds = sw.Elapsed.TotalSeconds;
        var readCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu1).TotalSeconds;
        var snapshotBytes = new FileInfo(Path.Combine(storeRoot, "blobs", "snapshots", report.SnapshotBlob!["snapshots/".Length..])).Length;
        var peakAll = Process.GetCurrentProcess().PeakWorkingSet64;

        var mb = bytes / 1048576.0;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"status:               {report.Status}, {report.RowsAccepted:N0} regels"));
        Console.WriteLine(string.Create(inv, $"inlezen:              {mb:F0} MB in {ingestSeconds:F1} s = {mb / ingestSeconds:F0} MB/s, {report.RowsTotal / ingestSeconds:N0} regels/s; processortijd {ingestCpu:F1} s = {mb / ingestCpu:F0} MB/s per kern"));
        Console.WriteLine(string.Create(inv, $"piekgeheugen inlezen: {peakIngest / 1048576.0:F0} MB (PeakWorkingSet64)"));
        Console.WriteLine(string.Create(inv, $"snapshot:             {snapshotBytes / 1048576.0:F0} MB ({100.0 * snapshotBytes / bytes:F0} % van de CSV)"));
        Console.WriteLine(string.Create(inv, $"teruglezen:           {rows:N0} declaraties in {readSeconds:F1} s = {rows / readSeconds:N0} regels/s; processortijd {readCpu:F1} s = {rows / readCpu:N0} regels/s (controlesom {total})"));
        Console.WriteLine(string.Create(inv, $"piekgeheugen totaal:  {peakAll / 1048576.0:F0} MB"));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            bytes, ingestSeconds, ingestCpu, readCpu, mbPerSecond = mb / ingestSeconds, peakWorkingSetIngest = peakIngest, rows = report.RowsTotal,
            snapshotBytes, readSeconds, readRowsPerSecond = rows / readSeconds, peakWorkingSetTotal = peakAll,
        }));
        return report.Status == IngestStatus.Accepted ? 0 : 1;
    }

    /// <summary>Writes realistic declaratie rows (about 90 bytes each) until the file reaches the size; returns the row count.</summary>
    public static long WriteSyntheticDeclaraties(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var line = new byte[256];
        var header = Encoding.UTF8.GetBytes("declaratie_id;client_id;aanbieder_id;toewijzing_id;periode_start;periode_eind;productcategorie;volume;eenheid;tarief;bedrag\r\n");
        stream.Write(header);
        long written = header.Length, rows = 0;
        var random = new Random(42);
        string[] categories = ["01", "02", "03", "06", "07", "15"];
        string[] units = ["01", "04", "16", "82"];
        while (written < size)
        {
            rows++;
            var month = (int)(rows % 12) + 1;
            var client = random.Next(1, (int)Math.Max(1000, size / 2000)); // about 20 lines per client, as a year of monthly declarations
            var provider = random.Next(1, 5_000);
            var pgb = rows % 10 == 0;
            var volume = random.Next(1, 4000);
            var tariff = random.Next(2000, 9000);
            var amount = (long)volume * tariff / 100;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"D{rows:D10};CL{client:D8};AGB{provider:D5};{(pgb ? "" : $"TW{rows / 7:D9}")};2025-{month:D2}-01;{(month == 2 ? 28 : 30)}-{month:D2}-2025;{(pgb ? "" : categories[rows % categories.Length])};{volume / 100},{volume % 100:D2};{units[rows % units.Length]};{tariff / 100}.{tariff % 100:D2};{amount / 100},{amount % 100:D2}\r\n");
            var n = Encoding.UTF8.GetBytes(text, line);
            stream.Write(line, 0, n);
            written += n;
        }
        return rows;
    }
}
