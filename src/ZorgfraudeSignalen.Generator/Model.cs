using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Generator;

internal enum AanbiederSoort : byte
{
    /// <summary>A Wmo contract partner delivering zorg in natura (some also take PGB agreements as an instelling).</summary>
    Zin,
    /// <summary>An organisation working only for PGB budget holders.</summary>
    PgbInstelling,
    /// <summary>A self-employed carer (zzp'er) working under 'overeenkomst van opdracht'.</summary>
    Zzp,
    /// <summary>A private carer employed by budget holders (arbeidsovereenkomst).</summary>
    Particulier,
    /// <summary>A partner or family member caring for one budget holder (familie agreement).</summary>
    Familie,
}

internal enum ZinProfiel : byte { Thuiszorg, Begeleiding, Dagbesteding, Huishouden, Breed, BeschermdWonen }

internal sealed class AanbiederModel
{
    public int Index;
    public string Id = "";
    public string Naam = "";
    public AanbiederSoort Soort;
    public ZinProfiel Profiel;
    public string? Kvk;
    public int KvkInschrijving = -1;
    public int Vestiging = -1;
    public bool VestigingNadBekend;
    public readonly List<string> Bestuurders = [];
    public readonly List<string> Rekeningen = [];
    public Patroon Patronen;
    /// <summary>Relative size among ordinary ZIN allocations (heavy-tailed).</summary>
    public double Gewicht;
    /// <summary>Receives ordinary clients by weight; planted providers with their own client model do not.</summary>
    public bool InPool;
    public bool DoetPgb;
    public int Netwerk = -1;
    public readonly List<int> Panden = [];
    public int DoelClienten;
    /// <summary>Woonzorg: how many buildings of its own house its clients (the first of <see cref="Panden"/>).</summary>
    public int WoonzorgPanden = 1;
    /// <summary>For identical-amount billing: every allocation gets this weekly volume (hundredths of an hour).</summary>
    public int UniformVolumeH;
    public int PgbSlots;
    public double TariefFactor = 1;
    public bool JongeRegulier;
    public int BuitenGezien;
    public int BuitenGemarkeerd;

    public bool IsFraude => Patronen.HasFlag(Patroon.Woonzorg) || Patronen.HasFlag(Patroon.MaximumDeclareren)
        || Patronen.HasFlag(Patroon.IdentiekeBedragen) || Patronen.HasFlag(Patroon.PgbTarief) || Patronen.HasFlag(Patroon.Netwerk)
        || Patronen.HasFlag(Patroon.BuitenToewijzing) || Patronen.HasFlag(Patroon.SnelleGroei) || Patronen.HasFlag(Patroon.VeelBudgethouders);

    public bool HeleMaanden => Patronen.HasFlag(Patroon.HeleMaanden);

    public string[] Categorieen => Profiel switch
    {
        ZinProfiel.Thuiszorg => ["01", "03"],
        ZinProfiel.Begeleiding => ["02", "07"],
        ZinProfiel.Dagbesteding => ["07", "08"],
        ZinProfiel.Huishouden => ["01"],
        ZinProfiel.Breed => ["01", "02", "03", "04", "07", "08"],
        _ => ["02"],
    };
}

/// <summary>How a provider bills an allocation.</summary>
internal enum Gedrag : byte
{
    /// <summary>Usually a bit below the maximum, varying month to month.</summary>
    Normaal,
    /// <summary>Exactly the allocated maximum of every period.</summary>
    Maximum,
    /// <summary>One flat volume every whole month (pro rata for part of a month).</summary>
    Vast,
    /// <summary>Beschermd wonen: the days the client stayed, nearly always every day of the period.</summary>
    Etmalen,
}

[Flags]
internal enum Buiten : byte
{
    Geen = 0,
    /// <summary>Keeps billing one to three months after the allocation ended.</summary>
    NaEinde = 1,
    /// <summary>Bills the whole month before the allocation started.</summary>
    VoorIngang = 2,
}

internal struct ClientModel
{
    public int Adres;
    public int AdresSinds;
    /// <summary>An ordinary client (no planted placement): may be moved into a senior complex.</summary>
    public bool Generiek;
}

internal struct ToewijzingModel
{
    public const int Open = int.MaxValue;
    public const byte PgbProduct = 255;

    public int Client;
    public int Aanbieder;
    public byte Product;
    public byte PgbCategorie;
    public int Besluit;
    public int Ingang;
    public int Eind;
    /// <summary>Hundredths of the unit; for PGB the unit is the eurocent (monthly budget).</summary>
    public int VolumeH;
    public Gedrag Gedrag;
    public Buiten Buiten;
    public int VastH;

    public readonly bool IsPgb => Product == PgbProduct;
    public readonly string Categorie => IsPgb ? PgbCategorie.ToString("D2") : Producten.Alle[Product].Categorie;
}

internal struct OvereenkomstModel
{
    public int Client;
    public int Aanbieder;
    public int Toewijzing;
    public OvereenkomstType Type;
    public int Ingang;
    public int Eind;
    public int UurtariefCent;
    public int UrenH;
}
