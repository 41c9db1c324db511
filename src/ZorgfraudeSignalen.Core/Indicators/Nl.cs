using System.Globalization;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>Numbers in Dutch texts, the same on every machine: decimal comma, no culture data; amounts with a thousands point.</summary>
public static class Nl
{
    public static string Getal(double value, int decimals = 1) =>
        value.ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>"€ 48.016,80": decimal comma and a thousands point, as the portal shows amounts.</summary>
    public static string Euro(decimal value) =>
        "€ " + value.ToString("#,0.00", CultureInfo.InvariantCulture).Replace(',', '_').Replace('.', ',').Replace('_', '.');

    public static string Procent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("F0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A percentage in a numeric format of its own: "1,4 %" with "0.#".</summary>
    public static string Procent(double share, string format) => (share * 100).ToString(format, CultureInfo.InvariantCulture).Replace('.', ',') + " %";

    /// <summary>The singular for exactly one, else the plural: "1 pand", "3 panden".</summary>
    public static string Meervoud(long count, string one, string many) => count == 1 ? one : many;

    public static string Datum(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
