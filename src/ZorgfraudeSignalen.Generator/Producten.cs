namespace ZorgfraudeSignalen.Generator;

/// <summary>An iWmo product as the municipality contracts it: category, unit, frequency and the contract tariff.</summary>
/// <param name="Granulariteit">Smallest declared step, in hundredths of the unit (0.25 hour = 25, whole units = 100, 15 minutes = 1500).</param>
internal sealed record Product(
    string Code, string Categorie, string Eenheid, string Frequentie, int TariefCent, int Granulariteit,
    int VolumeMinH, int VolumeMaxH, int VolumeStapH);

internal static class Producten
{
    public static readonly Product[] Alle =
    [
        new("01A01", "01", "04", "2", 3650, 25, 150, 400, 50),     // hulp bij het huishouden, uren per week
        new("01A02", "01", "01", "2", 61, 1500, 9000, 24000, 1500), // hulp bij het huishouden, minuten per week
        new("02A01", "02", "04", "2", 6840, 25, 200, 1000, 50),    // begeleiding individueel, uren per week
        new("02A02", "02", "01", "2", 114, 1500, 6000, 48000, 1500),// begeleiding individueel, minuten per week
        new("03A01", "03", "04", "2", 6210, 25, 100, 700, 50),     // persoonlijke verzorging, uren per week
        new("04A01", "04", "14", "4", 14800, 100, 200, 600, 100),   // kortdurend verblijf, etmalen per maand
        new("07A01", "07", "16", "2", 5280, 100, 100, 800, 100),    // dagbesteding, dagdelen per week
        new("08A01", "08", "82", "2", 1425, 100, 200, 1000, 100),   // vervoer naar dagbesteding, ritten per week
        new("15A01", "15", "14", "1", 16250, 100, 100, 100, 100),   // beschermd wonen, etmaal per dag
    ];

    public const int Begeleiding = 2;
    public const int BeschermdWonen = 8;

    /// <summary>Products per category, with their share within the category.</summary>
    public static int[] VanCategorie(string categorie) => categorie switch
    {
        "01" => [0, 0, 1],
        "02" => [2, 2, 3],
        "03" => [4],
        "04" => [5],
        "07" => [6],
        "08" => [7],
        "15" => [8],
        _ => throw new ArgumentOutOfRangeException(nameof(categorie), categorie, null),
    };

    /// <summary>Share of each ZIN category among ordinary allocations.</summary>
    public static readonly (string Categorie, double Aandeel)[] CategorieMix =
        [("01", 0.30), ("02", 0.30), ("03", 0.12), ("04", 0.02), ("07", 0.16), ("08", 0.10)];

    /// <summary>
    /// The allocated maximum for a declared period, in hundredths of the unit, per the contract: per dag × days, per week
    /// × 52/12 pro rata by days, per maand pro rata by days. Rounded half away from zero to hundredths.
    /// </summary>
    public static long MaximumH(long volumeH, string frequentie, int dagen, int dagenInMaand) => frequentie switch
    {
        "1" => volumeH * dagen,
        "2" => Deel(volumeH * 52 * dagen, 12L * dagenInMaand),
        "4" => Deel(volumeH * dagen, dagenInMaand),
        _ => throw new ArgumentOutOfRangeException(nameof(frequentie), frequentie, null),
    };

    /// <summary>Integer division rounded half away from zero (non-negative operands).</summary>
    public static long Deel(long teller, long noemer) => (2 * teller + noemer) / (2 * noemer);

    /// <summary>Amount in cents for a volume in hundredths at a tariff in cents per unit.</summary>
    public static long BedragCent(long volumeH, long tariefCent)
    {
        var bedrag = Deel(Math.Abs(volumeH) * tariefCent, 100);
        return volumeH < 0 ? -bedrag : bedrag;
    }

    // PGB hourly rates (cents): median per SVB agreement type, and the spread around it.
    public static int PgbMediaanCent(Core.Extracts.OvereenkomstType type, string categorie)
    {
        var basis = type switch
        {
            Core.Extracts.OvereenkomstType.Familie => 2200,
            Core.Extracts.OvereenkomstType.Arbeidsovereenkomst => 2500,
            Core.Extracts.OvereenkomstType.Opdracht => 4800,
            _ => 6200,
        };
        var factor = categorie switch { "01" => 0.75, "03" => 0.95, _ => 1.0 };
        return (int)Math.Round(basis * factor);
    }
}
