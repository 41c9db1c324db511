using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.App.Cli;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>pipeline</c>: the whole job end to end at growing sizes. Per scale it generates the extracts, then runs
/// <c>zfs ingest</c> and <c>zfs run</c> exactly as a user would, each in a fresh child process, and prints per stage the
/// wall time, CPU time, peak working set, rows per second and how cost grows against the previous size.
/// </summary>
public static class PipelineBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var scales = new Option<string>("--scales")
        {
            Description = "Schalen, kommagescheiden (mid = middelgrote gemeente; 100x valt samen met national).",
            DefaultValueFactory = _ => "mid,10x,national",
        };
        var folder = new Option<string?>("--folder") { Description = "Werkmap (standaard een tijdelijke map, na afloop verwijderd)." };
        var seed = new Option<int>("--seed") { Description = "Seed van de generator.", DefaultValueFactory = _ => 8 };
        var command = new Command("pipeline", "Inlezen en risicorun van begin tot eind op oplopende schaal: tijd, processortijd, piekgeheugen, groei.")
            { scales, folder, seed };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var work = parse.GetValue(folder) ?? Directory.CreateTempSubdirectory("zfs-bench-pipeline-").FullName;
            var owned = parse.GetValue(folder) is null;
            try
            {
                var measured = new List<StageFigures>();
                output.WriteLine($"werkmap {work}; {Environment.ProcessorCount} kernen");
                output.WriteLine("schaal     stap        regels       MB    wand s   proc s   piek MB    regels/s   groei wand/regels");
                foreach (var scale in parse.GetValue(scales)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var dir = Path.Combine(work, scale);
                    var data = Path.Combine(dir, "data");
                    var store = Path.Combine(dir, "store");
                    var generate = await Measure(dir, "genereren", ["generate", "--out", data, "--seed", parse.GetValue(seed).ToString(Inv), "--scale", scale, "--reference-world"], ct);
                    var (rows, bytes) = CountRows(Path.Combine(data, "extracts"));
                    var ingest = await Measure(dir, "inlezen", ["ingest", Path.Combine(data, "extracts"), "--store", store], ct);
                    var run = await Measure(dir, "risicorun", ["run", "--store", store, "--uit", Path.Combine(dir, "risicolijst.csv")], ct);
                    var total = new Stage("totaal", ingest.Wall + run.Wall, ingest.Cpu + run.Cpu, Math.Max(ingest.Peak, run.Peak));
                    foreach (var stage in new[] { generate, ingest, run, total })
                    {
                        var previous = measured.LastOrDefault(m => m.Stage.Name == stage.Name);
                        var figures = new StageFigures(scale, stage, rows, bytes);
                        measured.Add(figures);
                        output.WriteLine(figures.Line(previous));
                    }
                }
                return 0;
            }
            finally
            {
                if (owned) Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    private sealed record Stage(string Name, double Wall, double Cpu, long Peak);

    private sealed record StageFigures(string Scale, Stage Stage, long Rows, long Bytes)
    {
        public string Line(StageFigures? previous)
        {
            // Growth: how much more wall time per how many more rows; 1.0 is linear.
            var growth = previous is null ? "" : string.Create(Inv, $"{Stage.Wall / previous.Stage.Wall / ((double)Rows / previous.Rows):F2}");
            return string.Create(Inv,
                $"{Scale,-10} {Stage.Name,-10} {Rows,11:N0} {Bytes / 1048576.0,8:F0} {Stage.Wall,9:F1} {Stage.Cpu,8:F1} {Stage.Peak / 1048576.0,9:F0} {Rows / Stage.Wall,11:N0}   {growth}");
        }
    }

    /// <summary>Runs one verb of <c>zfs</c> in a child process; its output goes to a log beside the data.</summary>
    private static async Task<Stage> Measure(string dir, string name, string[] args, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var report = Path.Combine(dir, name + ".resources.json");
        var log = Path.Combine(dir, name + ".log");
        var start = ChildProcess.Zfs(args);
        start.RedirectStandardError = true; // kept in the stage's log with its output
        start.Environment[ResourceReport.Variable] = report;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var wall = clock.Elapsed.TotalSeconds;
        await File.WriteAllTextAsync(log, await stdout + await stderr, ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', args)}' eindigde met code {process.ExitCode}; zie {log}.");
        var resources = ResourceReport.Read(report);
        return new Stage(name, wall, resources.CpuSeconds, resources.PeakWorkingSet);
    }

    /// <summary>Data rows (lines less the header) and bytes of every extract under the folder.</summary>
    private static (long Rows, long Bytes) CountRows(string extracts)
    {
        long rows = 0, bytes = 0;
        var buffer = new byte[1 << 20];
        foreach (var file in Directory.EnumerateFiles(extracts, "*.csv", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            bytes += stream.Length;
            int read;
            while ((read = stream.Read(buffer)) > 0) rows += buffer.AsSpan(0, read).Count((byte)'\n');
            rows--; // the header
        }
        return (rows, bytes);
    }
}
