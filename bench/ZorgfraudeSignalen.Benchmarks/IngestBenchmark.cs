using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>ingest</c>: writes a declaraties extract of about the given size with the generator (the whole municipality is
/// generated; only its declarations are ingested), then ingests it in a fresh child process so that the peak working
/// set is the ingest's own, and reads the snapshot back.
/// </summary>
public static class IngestBenchmark
{
    public static Command Create()
    {
        var sizeMb = new Option<int>("--size-mb") { Description = "Grootte van het synthetische extract in MB.", DefaultValueFactory = _ => 1024 };
        var folder = new Option<string?>("--folder") { Description = "Werkmap (standaard een tijdelijke map, na afloop verwijderd)." };
        var child = new Option<string?>("--measure-file") { Description = "Intern: lees dit bestand in en meet (in het kindproces).", Hidden = true };
        var storeRoot = new Option<string?>("--store") { Description = "Intern: de opslag van het kindproces.", Hidden = true };
        var command = new Command("ingest", "Meet de doorvoer (MB/s) en het piekgeheugen van het inlezen van een groot declaratie-extract.") { sizeMb, folder, child, storeRoot };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(child) is { } file)
                return await MeasureInChild(file, parse.GetValue(storeRoot)!, ct);

            var work = parse.GetValue(folder) ?? Directory.CreateTempSubdirectory("zfs-bench-").FullName;
            var owned = parse.GetValue(folder) is null;
            try
            {
                var sw = Stopwatch.StartNew();
                var generated = SynthetischeExtracten.Genereer(ForDeclarationBytes((long)parse.GetValue(sizeMb) * 1024 * 1024), Path.Combine(work, "data"));
                var (extract, rows) = generated.Bestanden[ExtractType.Declaraties];
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"extract gegenereerd: {new FileInfo(extract).Length / 1048576.0:F0} MB, {rows:N0} regels, in {sw.Elapsed.TotalSeconds:F1} s"));

                var store = Path.Combine(work, "store");
                var start = ChildProcess.Self("ingest", "--measure-file", extract, "--store", store);
                start.Environment["DOTNET_PROCESSOR_COUNT"] = "1"; // measure one core's throughput
                using var process = Process.Start(start)!;
                var childOutput = await process.StandardOutput.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                await output.WriteAsync(childOutput);
                return process.ExitCode;
            }
            finally
            {
                if (owned) Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    /// <summary>
    /// Generator options whose declaraties extract is about <paramref name="bytes"/> long: the national set's
    /// 1.26 GB come from 1.2 million clients (about 1,050 bytes a client), with 120 clients a provider.
    /// </summary>
    public static GeneratorOptions ForDeclarationBytes(long bytes)
    {
        var clients = (int)Math.Clamp(bytes / 1_050, 2_500, 1_500_000);
        return new GeneratorOptions { Seed = 20251, Aanbieders = Math.Max(25, clients / 120), Clienten = clients, Wereld = Wereldprofiel.Referentie };
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
}
