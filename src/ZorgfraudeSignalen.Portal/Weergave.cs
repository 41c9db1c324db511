using System.Globalization;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>Small shared pieces of the pages: status badges, numbers in Dutch, links.</summary>
public static class Weergave
{
    public static Html Status(string status, bool overgenomen = false) =>
        Html.H($"<span class=\"status s-{status}\">{StatusTekst.Kort(status)}{(overgenomen ? " (overgenomen)" : "")}</span>");

    public static string Getal(double waarde, string formaat = "0.##") => waarde.ToString(formaat, Html.Nl);

    /// <summary>A size in bytes as a person reads it: "64 kB", "1,5 MB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("#,0", Html.Nl) + " bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("#,0.#", Html.Nl) + " kB",
        _ => (bytes / (1024.0 * 1024)).ToString("#,0.#", Html.Nl) + " MB",
    };

    public static string Datum(DateOnly d) => d.ToString("d MMMM yyyy", Html.Nl);

    public static string Tijd(DateTimeOffset t) => t.ToUniversalTime().ToString("d MMM yyyy HH:mm", Html.Nl) + " UTC";

    public static string SignaalUrl(string runId, string aanbiederId) =>
        $"/signalen/{Uri.EscapeDataString(runId)}/{Uri.EscapeDataString(aanbiederId)}";

    /// <summary>A number for an SVG attribute: always with a decimal point, whatever the culture.</summary>
    public static string N(double waarde) => Math.Round(waarde, 1).ToString(CultureInfo.InvariantCulture);

    public static Html Herhaling(SignaalRegel r)
    {
        if (r.Eerder is not { } e) return Html.Leeg;
        return r.Herhaling == Core.Review.Herhaling.OngewijzigdHerhaald
            ? Html.H($"<span class=\"herhaling ongewijzigd\" title=\"Eerder beoordeeld in run {e.RunId}: {StatusTekst.Kort(e.Status)}\">herhaald, feiten ongewijzigd · eerder: {StatusTekst.Kort(e.Status)}</span>")
            : Html.H($"<span class=\"herhaling\" title=\"Eerder beoordeeld in run {e.RunId}\">eerder beoordeeld: {StatusTekst.Kort(e.Status)} · feiten gewijzigd</span>");
    }

    public static string Resolutie(string resolutie) => resolutie switch
    {
        "bag_id" => "op BAG-id (zeker)",
        "bag_adres" => "op adres in de BAG (postcode, huisnummer, toevoeging)",
        "terugval" => "zonder BAG: op postcode en huisnummer (minder zeker)",
        _ => resolutie,
    };
}
