using System.Globalization;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>Small shared pieces of the pages: status badges, numbers in Dutch, links.</summary>
public static class Weergave
{
    public static Html Status(string status, bool overgenomen = false) =>
        Html.H($"<span class=\"status s-{status}\">{StatusTekst.Kort(status)}{(overgenomen ? " (overgenomen)" : "")}</span>");

    /// <summary>A number in Dutch: decimal comma, thousands separator ("12.345,6").</summary>
    public static string Getal(double waarde, string formaat = "#,0.##") => waarde.ToString(formaat, Html.Nl);

    public static string Getal(int waarde) => waarde.ToString("#,0", Html.Nl);

    /// <summary>A share 0..1 as a percentage, one way everywhere: "12,5 %" (as the indicator texts write it).</summary>
    public static string Procent(double aandeel, string formaat = "#,0.#") => (aandeel * 100).ToString(formaat, Html.Nl) + "\u00a0%";

    public static string Euro(double bedrag, string formaat = "#,0.00") => "€\u00a0" + bedrag.ToString(formaat, Html.Nl);

    /// <summary>"1 pand", "3 panden": no "(en)".</summary>
    public static string Aantal(int n, string enkelvoud, string meervoud) => Getal(n) + " " + (n == 1 ? enkelvoud : meervoud);

    /// <summary>
    /// An indicator's value and threshold from the finding's own fields: a threshold below 1 is a share and reads as a
    /// percentage, anything else as a number.
    /// </summary>
    public static string IndicatorWaarde(double waarde, double drempel) => drempel is > 0 and < 1 ? Procent(waarde, "#,0") : Getal(waarde);

    /// <summary>The Dutch name of an indicator code from the catalogue; the code itself when the catalogue does not know it.</summary>
    public static string IndicatorNaam(string code) =>
        Core.Indicators.IndicatorCatalogue.All.FirstOrDefault(i => i.Code == code)?.Naam ?? code;

    /// <summary>An indicator as it appears in lists: its name, the code as a small secondary label.</summary>
    public static Html Indicator(string code) =>
        Html.H($"<span class=\"indicator\" title=\"{code}\">{IndicatorNaam(code)} <span class=\"code\">{code}</span></span>");

    /// <summary>A size in bytes as a person reads it: "64 kB", "1,5 MB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("#,0", Html.Nl) + " bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("#,0.#", Html.Nl) + " kB",
        _ => (bytes / (1024.0 * 1024)).ToString("#,0.#", Html.Nl) + " MB",
    };

    public static string Datum(DateOnly d) => d.ToString("d MMMM yyyy", Html.Nl);

    /// <summary>The municipality's clock: every time is shown in Dutch time, summer and winter alike.</summary>
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string Tijd(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Amsterdam).ToString("d MMMM yyyy 'om' HH:mm", Html.Nl);

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
