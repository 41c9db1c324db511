namespace ZorgfraudeSignalen.Generator;

/// <summary>What the generator planted at a provider: fraud patterns and benign look-alikes (ground truth).</summary>
[Flags]
public enum Patroon
{
    Geen = 0,
    Woonzorg = 1 << 0,
    MaximumDeclareren = 1 << 1,
    IdentiekeBedragen = 1 << 2,
    PgbTarief = 1 << 3,
    Netwerk = 1 << 4,
    BuitenToewijzing = 1 << 5,
    SnelleGroei = 1 << 6,
    VeelBudgethouders = 1 << 7,
    BeschermdWonen = 1 << 8,
    GroteOrganisatie = 1 << 9,
    Seniorencomplex = 1 << 10,
    Familiezorg = 1 << 11,
    /// <summary>An honest PGB specialist charging 1.4 × the median rate or more.</summary>
    HoogTarief = 1 << 12,
    /// <summary>An honest zzp or private carer with many budget holders, a few hours each.</summary>
    GroteZzp = 1 << 13,
    /// <summary>An honest ZIN provider whose bills cover whole months, also where an allocation starts or ends mid-month.</summary>
    HeleMaanden = 1 << 14,
}

public static class Patronen
{
    public const Patroon Fraude = Patroon.Woonzorg | Patroon.MaximumDeclareren | Patroon.IdentiekeBedragen | Patroon.PgbTarief
        | Patroon.Netwerk | Patroon.BuitenToewijzing | Patroon.SnelleGroei | Patroon.VeelBudgethouders;

    public const Patroon LookAlike = Patroon.BeschermdWonen | Patroon.GroteOrganisatie | Patroon.Seniorencomplex | Patroon.Familiezorg
        | Patroon.HoogTarief | Patroon.GroteZzp | Patroon.HeleMaanden;

    /// <summary>The codes of truth.csv, in the order they are written.</summary>
    public static readonly IReadOnlyList<(Patroon Patroon, string Code)> Codes =
    [
        (Patroon.Woonzorg, "woonzorg"),
        (Patroon.MaximumDeclareren, "maximum_declareren"),
        (Patroon.IdentiekeBedragen, "identieke_bedragen"),
        (Patroon.PgbTarief, "pgb_tarief"),
        (Patroon.Netwerk, "netwerk"),
        (Patroon.BuitenToewijzing, "buiten_toewijzing"),
        (Patroon.SnelleGroei, "snelle_groei"),
        (Patroon.VeelBudgethouders, "veel_budgethouders"),
        (Patroon.BeschermdWonen, "beschermd_wonen"),
        (Patroon.GroteOrganisatie, "grote_organisatie"),
        (Patroon.Seniorencomplex, "seniorencomplex"),
        (Patroon.Familiezorg, "familiezorg"),
        (Patroon.HoogTarief, "hoog_tarief"),
        (Patroon.GroteZzp, "grote_zzp"),
        (Patroon.HeleMaanden, "hele_maanden"),
    ];

    public const string Regulier = "regulier";

    public static string ToCodes(Patroon patronen)
    {
        if (patronen == Patroon.Geen) return Regulier;
        return string.Join('|', Codes.Where(c => patronen.HasFlag(c.Patroon)).Select(c => c.Code));
    }

    public static Patroon Parse(string codes)
    {
        var result = Patroon.Geen;
        foreach (var code in codes.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (code == Regulier) continue;
            var match = Codes.FirstOrDefault(c => c.Code == code);
            if (match.Code is null) throw new FormatException($"Onbekend patroon '{code}'.");
            result |= match.Patroon;
        }
        return result;
    }

    public static bool IsFraude(Patroon patronen) => (patronen & Fraude) != 0;
}
