using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary><c>ingest PATH</c>: a single extract file, or a folder laid out as <c>extracts/{type}/{name}.csv</c>.</summary>
public static class IngestCommand
{
    /// <summary>Exit code when an extract was quarantined or rejected: the data engineer must look at the report.</summary>
    public const int ExitQuarantined = 2;

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Een extract (.csv) of een map met {type}/{naam}.csv." };
        var type = new Option<string?>("--type") { Description = "Het type van een los extract, als het niet uit de map blijkt (clienten, aanbieders, toewijzingen, pgb_overeenkomsten, declaraties, bag_adressen)." };
        var threshold = new Option<double>("--threshold")
        {
            Description = "Het aandeel afgekeurde regels (0..1) waarboven het hele extract in quarantaine gaat.",
            DefaultValueFactory = _ => IngestOptions.Default.QuarantineThreshold,
        };
        var json = new Option<bool>("--json") { Description = "Schrijf de rapporten als JSON in plaats van als tekst." };
        var command = new Command("ingest", "Lees extracten in: valideren, rapporteren, in quarantaine zetten of als snapshot accepteren.") { path, type, threshold, json };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(threshold) is var share && share is < 0 or > 1)
            {
                Console.Error.WriteLine($"--threshold is een aandeel tussen 0 en 1 (0,05 = 5 %), niet {share}.");
                return 1;
            }
            var store = StoreOption.Open(parse);
            var ingestor = new Ingestor(store, new IngestOptions { QuarantineThreshold = parse.GetValue(threshold) });
            var target = parse.GetValue(path)!;
            ExtractType? forced = null;
            if (parse.GetValue(type) is { } typeName)
            {
                if (!ExtractTypes.TryParse(typeName, out var t))
                {
                    Console.Error.WriteLine($"Onbekend type '{typeName}'.");
                    return 1;
                }
                forced = t;
            }
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                Console.Error.WriteLine($"'{target}' bestaat niet.");
                return 1;
            }

            var reports = await WithProgress(progress => Directory.Exists(target)
                ? ingestor.IngestFolderAsync(target, progress, ct)
                : ingestor.IngestFileAsync(target, forced, progress, ct).ContinueWith(t => (IReadOnlyList<IngestReport>)[t.Result], ct));

            var asJson = parse.GetValue(json);
            if (asJson)
                Console.Out.WriteLine("[" + string.Join(",\n", reports.Select(r => r.ToJson())) + "]");
            else
            {
                foreach (var report in reports.Where(r => r.Status != IngestStatus.Accepted || r.RowsRejected > 0))
                    Console.Out.WriteLine(report.ToText(maxErrors: 50));
                AnsiConsole.Write(Summary(reports));
            }
            return reports.Any(r => r.Status is IngestStatus.Quarantined or IngestStatus.Rejected) ? ExitQuarantined : 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<IngestReport>> WithProgress(Func<IProgress<IngestProgress>?, Task<IReadOnlyList<IngestReport>>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await work(null);
        IReadOnlyList<IngestReport> result = [];
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            result = await work(new SyncProgress(p =>
            {
                var key = p.SourceName + "|" + p.Phase;
                if (!tasks.TryGetValue(key, out var task))
                    tasks[key] = task = ctx.AddTask($"{Markup.Escape(Path.GetFileName(p.SourceName))}: {p.Phase}", maxValue: Math.Max(1, p.BytesTotal ?? 1));
                task.Value = Math.Min(task.MaxValue, p.BytesDone);
            }));
        });
        return result;
    }

    internal static Table Summary(IEnumerable<IngestReport> reports)
    {
        var nl = CultureInfo.GetCultureInfo("nl-NL");
        var table = new Table().AddColumns("extract", "type", "resultaat", "regels", "goedgekeurd", "afgekeurd", "van kracht");
        foreach (var r in reports)
        {
            var status = r.Status switch
            {
                IngestStatus.Accepted => "[green]geaccepteerd[/]",
                IngestStatus.Duplicate => "[grey]dubbel[/]",
                IngestStatus.Quarantined => "[red]quarantaine[/]",
                _ => "[red]geweigerd[/]",
            };
            table.AddRow(
                Markup.Escape(Path.GetFileName(r.SourceName)), r.Type?.Name() ?? "-", status,
                r.RowsTotal.ToString("N0", nl), r.RowsAccepted.ToString("N0", nl), r.RowsRejected.ToString("N0", nl),
                r.Status == IngestStatus.Accepted ? (r.InForce ? "ja" : "nee") : "-");
        }
        return table;
    }

    /// <summary>Reports on the calling thread (System.Progress would post to the thread pool and reorder updates).</summary>
    private sealed class SyncProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
