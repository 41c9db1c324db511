using System.CommandLine;
using System.Diagnostics;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>generate --out DIR --seed N [--scale sample|mid|10x|100x|national] [--providers N --clients N --months N] [--reference-world]</c>:
/// realistic synthetic extracts with planted patterns and their ground truth (truth.csv). See docs/generator.md.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var uit = new Option<string>("--out") { Description = "Uitvoermap: extracts/{type}/{type}_{datum}.csv en truth.csv.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Startwaarde: dezelfde seed geeft byte-identieke bestanden.", DefaultValueFactory = _ => 20251 };
        var schaal = new Option<string>("--scale") { Description = "Voorinstelling: sample, mid (standaard), 10x, 100x of national." };
        var aanbieders = new Option<int?>("--providers") { Description = "Aantal aanbieders (overschrijft de schaal)." };
        var clienten = new Option<int?>("--clients") { Description = "Aantal cliënten (overschrijft de schaal)." };
        var maanden = new Option<int?>("--months") { Description = "Maanden declaraties, tot en met december 2025 (standaard 12)." };
        var fraude = new Option<double?>("--fraud-share") { Description = "Beoogd aandeel aanbieders met een geplant fraudepatroon (standaard 0,07)." };
        var referentie = new Option<bool>("--reference-world") { Description = "De vaste referentiewereld van data-samples in plaats van een wereld getrokken uit de seed." };
        var command = new Command("generate", "Genereer realistische synthetische extracten met geplante patronen en de grondwaarheid.")
        {
            uit, seed, schaal, aanbieders, clienten, maanden, fraude, referentie,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            GeneratorOptions opties;
            try
            {
                opties = GeneratorOptions.ForScale(parse.GetValue(schaal) ?? "mid", parse.GetValue(seed));
                opties = opties with
                {
                    Aanbieders = parse.GetValue(aanbieders) ?? opties.Aanbieders,
                    Clienten = parse.GetValue(clienten) ?? opties.Clienten,
                    Maanden = parse.GetValue(maanden) ?? opties.Maanden,
                    FraudeAandeel = parse.GetValue(fraude) ?? opties.FraudeAandeel,
                    Wereld = parse.GetValue(referentie) ? Wereldprofiel.Referentie : null,
                };
                opties.Validate();
            }
            catch (ArgumentException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }
            var klok = Stopwatch.StartNew();
            GeneratieResultaat resultaat;
            try
            {
                resultaat = SynthetischeExtracten.Genereer(opties, parse.GetValue(uit)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Kan niet schrijven in '{parse.GetValue(uit)}': {e.Message}");
                return 1;
            }
            klok.Stop();
            output.WriteLine($"wereld               {resultaat.Wereld.Samenvatting()}");
            foreach (var (type, (pad, regels)) in resultaat.Bestanden)
                output.WriteLine($"{type.Name(),-20} {regels,12:N0} regels  {pad}");
            var fraudeAantal = resultaat.Waarheid.Count(w => Patronen.IsFraude(w.Patronen));
            output.WriteLine($"truth.csv            {resultaat.Waarheid.Count,12:N0} aanbieders, waarvan {fraudeAantal:N0} met een fraudepatroon ({100.0 * fraudeAantal / resultaat.Waarheid.Count:0.0} %)");
            foreach (var (patroon, code) in Patronen.Codes)
            {
                var ids = resultaat.Waarheid.Where(w => w.Patronen.HasFlag(patroon)).Select(w => w.AanbiederId).ToList();
                output.WriteLine($"  {code,-20} {ids.Count,5}  {string.Join(' ', ids.Take(12))}{(ids.Count > 12 ? " ..." : "")}");
            }
            using var proces = Process.GetCurrentProcess();
            output.WriteLine($"klaar in {klok.Elapsed.TotalSeconds:0.0} s, piek werkgeheugen {proces.PeakWorkingSet64 / (1024 * 1024):N0} MB");
            return 0;
        });
        return command;
    }
}
