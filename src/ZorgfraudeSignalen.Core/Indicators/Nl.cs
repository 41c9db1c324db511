using System.Globalization;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>Numbers in Dutch texts, the same on every machine: decimal comma, no thousands separators, no culture data.</summary>
public static class Nl
{
    public static string Getal(double value, int decimals = 1) =>
        value.ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('.', ',');

    public static string Euro(decimal value) => "€ " + value.ToString("F2", CultureInfo.InvariantCulture).Replace('.', ',');

    public static string Procent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("F0", CultureInfo.InvariantCulture) + " %";

    /// <summary>The singular for exactly one, else the plural: "1 pand", "3 panden".</summary>
    public static string Meervoud(long count, string one, string many) => count == 1 ? one : many;

    public static string Datum(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
