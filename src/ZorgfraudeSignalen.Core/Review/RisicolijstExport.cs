using System.Globalization;
using System.Text;

namespace ZorgfraudeSignalen.Core.Review;

/// <summary>
/// <c>risicolijst.csv</c> as the output contract describes it, with each signal's current review status:
/// <c>;</c>-separated, decimal comma, UTF-8 with BOM, CRLF line ends, and every cell that a spreadsheet would read as
/// a formula neutralised by a leading <c>'</c>, by the same rule as the run's own file (<see cref="RiskList.RiskListCsv.IsFormule"/>). Written by hand: ten columns and two rules (quote, neutralise) are smaller than a mapping layer.
/// </summary>
public static class RisicolijstExport
{
    public static readonly string[] Kolommen =
        ["rang", "aanbieder_id", "aanbieder_naam", "risicoscore", "signalen", "anomaliescore", "toelichting", "cluster_id", "status", "run_id"];

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static async Task SchrijfAsync(Stream uit, IEnumerable<SignaalRegel> regels, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(uit, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(string.Join(';', Kolommen) + "\r\n");
        var regel = new StringBuilder(512);
        foreach (var r in regels)
        {
            ct.ThrowIfCancellationRequested();
            var s = r.Signal;
            regel.Clear();
            Veld(regel, s.Rang.ToString(CultureInfo.InvariantCulture));
            Veld(regel, s.AanbiederId);
            Veld(regel, s.AanbiederNaam);
            Veld(regel, s.Risicoscore.ToString("0.##", Nl));
            Veld(regel, string.Join('|', s.Signalen));
            Veld(regel, s.Anomaliescore.ToString("0.####", Nl));
            Veld(regel, s.Toelichting);
            Veld(regel, s.ClusterId ?? "");
            Veld(regel, r.Status);
            Veld(regel, s.RunId, laatste: true);
            await writer.WriteAsync(regel, ct);
        }
    }

    /// <summary>One cell: neutralised when it could start a formula, quoted when it holds a separator, quote or line break.</summary>
    public static string Cel(string waarde) => RiskList.RiskListCsv.Text(waarde);

    private static void Veld(StringBuilder regel, string waarde, bool laatste = false) =>
        regel.Append(Cel(waarde)).Append(laatste ? "\r\n" : ";");
}
