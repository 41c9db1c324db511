using System.Globalization;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Deliveries;

/// <summary>
/// What the municipality expects of its deliveries: per extract type how many days may pass between two extracts
/// (0 = no expectation, e.g. the optional BAG subset), and how large a change in row count against the previous
/// snapshot is still normal (0.30 = 30 % more or fewer rows).
/// </summary>
public sealed record DeliverySettings(IReadOnlyDictionary<ExtractType, int> CadansDagen, double MaxRijWijziging)
{
    public static DeliverySettings Default { get; } = new(
        ExtractTypes.All.ToDictionary(t => t, t => t == ExtractType.BagAdressen ? 0 : 31),
        0.30);

    public int Cadans(ExtractType type) => CadansDagen.TryGetValue(type, out var dagen) ? dagen : 0;

    /// <summary>The defaults, with <c>ZFS_LEVERING_CADANS</c> (<c>declaraties=31,bag_adressen=92</c>) and <c>ZFS_LEVERING_MAX_WIJZIGING</c> (percent) when set.</summary>
    public static DeliverySettings FromEnvironment() =>
        Default.With(Environment.GetEnvironmentVariable("ZFS_LEVERING_CADANS"), Environment.GetEnvironmentVariable("ZFS_LEVERING_MAX_WIJZIGING"));

    /// <summary>
    /// These settings with a cadence list (<c>type=dagen</c>, separated by commas) and a maximum change in percent
    /// applied; null or empty leaves a part as it is. Throws <see cref="FormatException"/> with a Dutch message.
    /// </summary>
    public DeliverySettings With(string? cadans, string? maxWijzigingProcent)
    {
        var dagen = new Dictionary<ExtractType, int>(CadansDagen);
        foreach (var deel in (cadans ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var paar = deel.Split('=', 2, StringSplitOptions.TrimEntries);
            if (paar.Length != 2 || !ExtractTypes.TryParse(paar[0], out var type))
                throw new FormatException($"Cadans '{deel}' is niet te lezen: schrijf type=dagen, bijvoorbeeld declaraties=31. Typen: {string.Join(", ", ExtractTypes.All.Select(t => t.Name()))}.");
            if (!int.TryParse(paar[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 3660)
                throw new FormatException($"Cadans '{deel}': het aantal dagen moet een geheel getal van 0 tot en met 3660 zijn (0 = geen verwachting).");
            dagen[type] = n;
        }
        var max = MaxRijWijziging;
        if (!string.IsNullOrWhiteSpace(maxWijzigingProcent))
        {
            if (!double.TryParse(maxWijzigingProcent.Trim().TrimEnd('%').Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var procent) || procent <= 0 || procent > 1000)
                throw new FormatException($"Maximale wijziging '{maxWijzigingProcent}' is geen percentage boven 0, bijvoorbeeld 30.");
            max = procent / 100;
        }
        return new DeliverySettings(dagen, max);
    }
}
