using System.Globalization;
using System.Text;

namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// <c>risicolijst.csv</c> per the output contract: <c>;</c>-separated, decimal comma, UTF-8 with BOM, CRLF line ends,
/// RFC 4180 quoting, and every text cell that a spreadsheet could run as a formula neutralised with a leading <c>'</c>
/// (<see cref="IsFormule"/>).
/// </summary>
public static class RiskListCsv
{
    public static readonly string[] Header = ["rang", "aanbieder_id", "aanbieder_naam", "risicoscore", "signalen", "anomaliescore", "toelichting", "cluster_id", "status", "run_id"];

    public static byte[] Write(IEnumerable<Signal> signals)
    {
        var text = new StringBuilder();
        text.Append(string.Join(';', Header)).Append("\r\n");
        foreach (var s in signals)
        {
            text.Append(s.Rang.ToString(CultureInfo.InvariantCulture)).Append(';')
                .Append(Text(s.AanbiederId)).Append(';')
                .Append(Text(s.AanbiederNaam)).Append(';')
                .Append(Number(s.Risicoscore, 1)).Append(';')
                .Append(Text(string.Join('|', s.Signalen))).Append(';')
                .Append(Number(s.Anomaliescore, 4)).Append(';')
                .Append(Text(s.Toelichting)).Append(';')
                .Append(Text(s.ClusterId ?? "")).Append(';')
                .Append(Text(s.Status)).Append(';')
                .Append(Text(s.RunId)).Append("\r\n");
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    private static string Number(double value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>Neutralises a formula, then quotes when the cell holds a separator, quote or line break.</summary>
    public static string Text(string value)
    {
        if (IsFormule(value)) value = "'" + value;
        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>
    /// OWASP's list for CSV injection: a cell that starts with <c>= + - @</c>, tab, carriage return or line feed. Checked
    /// after trimming as well, because spreadsheets skip leading spaces and line breaks before they look for a formula
    /// (<c>"\n=1+4"</c>, <c>" =1+4"</c>).
    /// </summary>
    public static bool IsFormule(string value)
    {
        if (value.Length == 0) return false;
        if (value[0] is '\t' or '\r' or '\n') return true;
        var getrimd = value.AsSpan().TrimStart();
        return getrimd.Length > 0 && getrimd[0] is '=' or '+' or '-' or '@';
    }
}
