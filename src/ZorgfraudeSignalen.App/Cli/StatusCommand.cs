using System.CommandLine;
using System.Globalization;
using System.Text;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// <c>status [--cadans type=dagen,...] [--max-wijziging PCT]</c>: the deliveries per extract type, as the portal's
/// Leveringen page shows them. Exit code 0 when nothing needs attention, 1 when there is a warning, 2 for bad options.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var cadans = new Option<string?>("--cadans") { Description = "Verwachte dagen tussen twee extracten per type, bv. declaraties=31,bag_adressen=0 (standaard 31, BAG 0 = geen verwachting; of ZFS_LEVERING_CADANS)." };
        var max = new Option<string?>("--max-wijziging") { Description = "Waarschuw boven deze wijziging van het aantal rijen t.o.v. het vorige extract, in procent (standaard 30; of ZFS_LEVERING_MAX_WIJZIGING)." };
        var command = new Command("status", "Leveringen per extracttype: wat van kracht is, laatste levering, quarantaine, te laat, wijziging in rijen en wat te doen.") { cadans, max };
        command.SetAction(async (parse, ct) =>
        {
            DeliverySettings settings;
            try { settings = DeliverySettings.FromEnvironment().With(parse.GetValue(cadans), parse.GetValue(max)); }
            catch (FormatException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }
            var nu = DateTimeOffset.UtcNow;
            var overzicht = await DeliveryOverview.ForStoreAsync(StoreOption.Open(parse), settings, nu, ct);
            await parse.InvocationConfiguration.Output.WriteAsync(Tekst(overzicht, settings, nu));
            return overzicht.Any(s => s.Waarschuwingen.Count > 0) ? 1 : 0;
        });
        return command;
    }

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    internal static string Tekst(IReadOnlyList<DeliveryStatus> overzicht, DeliverySettings settings, DateTimeOffset nu)
    {
        var sb = new StringBuilder();
        var waarschuwingen = overzicht.Sum(s => s.Waarschuwingen.Count);
        sb.AppendLine($"Leveringen op {DeliveryOverview.Datum(nu)}: {(waarschuwingen == 0 ? "alles in orde" : $"{waarschuwingen} {(waarschuwingen == 1 ? "waarschuwing" : "waarschuwingen")}")} " +
                      $"(waarschuwing bij meer dan {(settings.MaxRijWijziging * 100).ToString("0.#", Nl)} % wijziging in rijen).");
        foreach (var s in overzicht)
        {
            sb.AppendLine();
            sb.AppendLine(s.Type.Name() + (s.Waarschuwingen.Count > 0 ? "  [LET OP]" : ""));
            if (s.VanKracht is { } k)
            {
                sb.AppendLine($"  van kracht:        {Path.GetFileName(k.SourceName)}, extractdatum {DeliveryOverview.Datum(k.ExtractDate)}, {k.RowsAccepted.ToString("N0", Nl)} rijen, sha-256 {k.Sha256[..16]}…, sinds {Tijd(k.IngestedAt)}");
                if (s.Vorige is { } v)
                    sb.AppendLine($"  vorige:            extractdatum {DeliveryOverview.Datum(v.ExtractDate)}, {v.RowsAccepted.ToString("N0", Nl)} rijen; wijziging {Wijziging(s.RijWijziging)}");
            }
            else sb.AppendLine("  van kracht:        geen");
            if (s.LaatsteLevering is { } l)
                sb.AppendLine($"  laatste levering:  {Path.GetFileName(l.SourceName)} op {Tijd(l.IngestedAt)}: {IngestReport.StatusText(l.Status)}");
            sb.AppendLine(s.CadansDagen == 0
                ? "  cadans:            geen verwachting"
                : $"  cadans:            elke {s.CadansDagen} dagen" + (s.VerwachtUiterlijk is { } u ? $"; volgende uiterlijk {DeliveryOverview.Datum(u)}" : "") + (s.TeLaat ? $"  TE LAAT ({s.DagenTeLaat} {(s.DagenTeLaat == 1 ? "dag" : "dagen")})" : ""));
            foreach (var q in s.Quarantaine)
            {
                sb.AppendLine($"  quarantaine:       {Path.GetFileName(q.SourceName)} ({Tijd(q.IngestedAt)}): {q.Message}");
                foreach (var e in q.Errors.Take(DeliveryOverview.RegelsGetoond))
                    sb.AppendLine($"                       regel {e.Line}, kolom {e.Column}: {e.Reason}");
                if (q.Errors.Count > DeliveryOverview.RegelsGetoond)
                    sb.AppendLine($"                       ... en nog {(q.Errors.Count - DeliveryOverview.RegelsGetoond).ToString("N0", Nl)} afgekeurde regels in {q.ReportBlob}");
            }
            foreach (var w in s.Waarschuwingen) sb.AppendLine($"  waarschuwing:      {w.Tekst}");
            foreach (var a in s.Advies) sb.AppendLine($"  te doen:           {a}");
        }
        return sb.ToString();
    }

    private static string Tijd(DateTimeOffset t) => t.UtcDateTime.ToString("d MMMM yyyy HH:mm", Nl) + " UTC";

    private static string Wijziging(double? w) => w is { } x ? (x >= 0 ? "+" : "−") + Math.Abs(x * 100).ToString("0", Nl) + " %" : "onbekend";
}
