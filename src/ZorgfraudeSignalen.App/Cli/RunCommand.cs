using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>run</c>: a risk run on the snapshots in force. Publishes the risk list to the store (status te_beoordelen),
/// writes risicolijst.csv (runs container and a local file), prints progress and the top signals.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var peildatum = new Option<string?>("--peildatum") { Description = "Peildatum (jjjj-mm-dd); standaard de laatste periode_eind in de declaraties." };
        var runId = new Option<string?>("--run-id") { Description = "Vaste run-id (een herhaalde aanroep publiceert niet opnieuw)." };
        var seed = new Option<int?>("--seed") { Description = "Seed van het anomaliemodel." };
        var threshold = new Option<double?>("--drempel") { Description = "Publicatiedrempel op de risicoscore (standaard 40)." };
        var output = new Option<string>("--uit") { Description = "Waar risicolijst.csv lokaal komt.", DefaultValueFactory = _ => "risicolijst.csv" };
        var top = new Option<int>("--top") { Description = "Aantal signalen in het overzicht.", DefaultValueFactory = _ => 15 };
        var command = new Command("run", "Risicorun: indicatoren en anomaliemodel op de geldende snapshots, publiceer de risicolijst ter beoordeling.")
            { peildatum, runId, seed, threshold, output, top };
        command.SetAction(async (parse, ct) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var configuration = new RiskConfiguration();
            if (parse.GetValue(peildatum) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    await error.WriteLineAsync($"--peildatum '{text}' is geen datum jjjj-mm-dd.");
                    return 2;
                }
                configuration = configuration with { Peildatum = date };
            }
            if (parse.GetValue(seed) is { } s) configuration = configuration with { Seed = s };
            if (parse.GetValue(threshold) is { } d) configuration = configuration with { PublicatieDrempel = d };

            var clock = Stopwatch.StartNew();
            var progress = new LineProgress(line => writer.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {line}"));
            var store = StoreOption.Open(parse);
            progress.Report("geldende snapshots laden");
            var loaded = await SnapshotLoader.LoadInForceAsync(store, ct, progress);
            if (loaded.Inputs.Aanbieders.Count == 0)
            {
                await error.WriteLineAsync("Er is geen geaccepteerde snapshot van aanbieders. Lees eerst extracten in met 'zfs ingest'.");
                return 2;
            }
            var snapshots = InputSnapshot.From(loaded);
            var outcome = await new RiskRunner(store).RunAsync(loaded.Inputs, snapshots,
                new RiskRunRequest("cli", parse.GetValue(runId), configuration, parse.GetValue(output), Environment.UserName), progress, ct);

            if (outcome.AlreadyPublished)
            {
                await writer.WriteLineAsync($"Run {outcome.RunId} was al gepubliceerd; de lijst is niet opnieuw gepubliceerd. risicolijst.csv: {parse.GetValue(output)}");
                return 0;
            }
            var result = outcome.Result!;
            await writer.WriteLineAsync();
            await writer.WriteLineAsync($"Run {outcome.RunId}, peildatum {result.Peildatum:yyyy-MM-dd}: {result.Signals.Count} aanbieders gescoord, " +
                                        $"{result.Details.Count} signalen te beoordelen (drempel {configuration.PublicatieDrempel.ToString(CultureInfo.InvariantCulture)}).");
            foreach (var beperking in result.Model.Beperkingen) await writer.WriteLineAsync("Let op: " + beperking);
            await writer.WriteLineAsync(Table(result, parse.GetValue(top)));
            await writer.WriteLineAsync($"risicolijst.csv: {Path.GetFullPath(parse.GetValue(output)!)} (sha-256 {outcome.Record.UitvoerHash})");
            await writer.WriteLineAsync($"Modelrun vastgelegd: runs/{ModelRunRecord.BlobName(outcome.RunId)}; {clock.Elapsed.TotalSeconds:F1} s.");
            if (outcome.Record.Fairness is { } f)
                await writer.WriteLineAsync(f.Passed ? "Fairnessrapport: in orde." : $"Fairnessrapport: aandacht nodig ({f.ForbiddenFeatures} verboden kenmerken, {f.UnexplainedWarnings} onverklaarde concentraties); zie {f.Blob} of /runs in het portaal.");
            return 0;
        });
        return command;
    }

    /// <summary>The top signals as a fixed-width table.</summary>
    internal static string Table(RiskResult result, int top)
    {
        var rows = result.Signals.Take(Math.Max(0, top)).Select(s => new[]
        {
            s.Rang.ToString(CultureInfo.InvariantCulture), s.AanbiederId, Cut(s.AanbiederNaam, 28),
            s.Risicoscore.ToString("F1", CultureInfo.InvariantCulture), s.Anomaliescore.ToString("F2", CultureInfo.InvariantCulture),
            Cut(string.Join('|', s.Signalen), 44), s.Status,
        }).ToList();
        string[] header = ["rang", "aanbieder", "naam", "score", "anomalie", "signalen", "status"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string> { string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))) };
        lines.Add(string.Join("  ", widths.Select(w => new string('-', w))));
        lines.AddRange(rows.Select(r => string.Join("  ", r.Select((c, i) => i is 0 or 3 or 4 ? c.PadLeft(widths[i]) : c.PadRight(widths[i])))));
        for (var i = 0; i < lines.Count; i++) lines[i] = lines[i].TrimEnd();
        return string.Join(Environment.NewLine, lines);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Progress lines as they come, one at a time (snapshots are loaded side by side).</summary>
    private sealed class LineProgress(Action<string> write) : IProgress<string>
    {
        private readonly Lock _lock = new();

        public void Report(string value)
        {
            lock (_lock) write(value);
        }
    }
}
