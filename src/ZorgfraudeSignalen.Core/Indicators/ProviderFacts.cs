using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// What the run established about one provider at the peildatum: the facts every indicator and every model feature
/// is computed from. Clients appear only as pseudonyms, and only in <see cref="Plaatsingen"/> (evidence).
/// </summary>
public sealed record ProviderFacts
{
    public required string AanbiederId { get; init; }
    public required string Naam { get; init; }
    public DateOnly? KvkInschrijving { get; init; }
    /// <summary>Months between KvK registration and peildatum; null when unknown.</summary>
    public int? MaandenIngeschreven { get; init; }

    public string? VestigingPand { get; init; }
    public string? VestigingLabel { get; init; }
    public string? VestigingRij { get; init; }

    /// <summary>Clients with an allocation or PGB agreement with this provider active at the peildatum.</summary>
    public int AlleClienten { get; init; }
    /// <summary>
    /// Active clients outside woondiensten, beschermd wonen and opvang (productcategorie 05, 15-18) and not living at a care address
    /// (BAG gezondheidszorgfunctie), where living where the care is given is the point: the base of every co-location share.
    /// </summary>
    public int Clienten { get; init; }
    /// <summary>Active clients in woondiensten, beschermd wonen or opvang, or living at a care address.</summary>
    public int VerwachteClienten { get; init; }
    public int ClientenJaarEerder { get; init; }
    /// <summary>Active clients whose care with this provider started in the twelve months up to the peildatum.</summary>
    public int NieuweClienten { get; init; }

    public int InPand { get; init; }
    public int InRij { get; init; }
    /// <summary>Clients who moved to their address shortly before care started, into a building they share with other clients of the provider (or its own building).</summary>
    public int VerhuisdKort { get; init; }
    /// <summary>Clients who moved anywhere shortly before care started (the building analysis' count).</summary>
    public int VerhuisdKortTotaal { get; init; }
    /// <summary>Of <see cref="InPand"/>, how many moved there shortly before care started.</summary>
    public int VerhuisdKortInPand { get; init; }
    public int GrootstePandClienten { get; init; }
    public string? GrootstePandLabel { get; init; }
    /// <summary>Herfindahl index of the clients over buildings, 0..1 (1 = all in one building).</summary>
    public double Concentratie { get; init; }

    /// <summary>ZIN client-months with an allocated maximum (beschermd wonen and opvang left out), and of those billed at the maximum.</summary>
    public int MaandenMetMaximum { get; init; }
    public int MaandenOpMaximum { get; init; }
    /// <summary>PGB client-months with agreed hours, and of those with more hours declared than agreed (beyond the margin).</summary>
    public int PgbMaandenMetAfspraak { get; init; }
    public int PgbMaandenBovenAfspraak { get; init; }

    /// <summary>Clients of providers linked by director or account living in the same buildings as this provider's clients.</summary>
    public int ClientenVerbondenInZelfdePanden { get; init; }
    public string? ClusterId { get; init; }

    public int ClientenMetReeks { get; init; }
    public int ClientenGelijkBedrag { get; init; }

    public int PgbOvereenkomsten { get; init; }
    public double? PgbMediaanTarief { get; init; }
    public double? PgbTariefFactor { get; init; }
    public string? PgbReferentie { get; init; }

    public decimal BedragTotaal { get; init; }
    public decimal BedragBuitenToewijzing { get; init; }
    public int DeclaratiesBuitenToewijzing { get; init; }

    public IReadOnlyList<string> VerbondenAanbieders { get; init; } = [];
    public int ViaBestuurder { get; init; }
    public int ViaRekening { get; init; }

    public int Budgethouders { get; init; }
    public double UrenPerWeek { get; init; }

    /// <summary>The vestiging's building and every building with two or more active clients, with the clients' moves against the start of care.</summary>
    public IReadOnlyList<BuildingEvidence> Panden { get; init; } = [];
    /// <summary>Declared per month over the twelve months up to the peildatum, with the allocated maximum where known.</summary>
    public IReadOnlyList<MonthAmount> Maanden { get; init; } = [];

    /// <summary>Peer group: ZIN or PGB (or <c>geen</c> without active care).</summary>
    public string Leveringsvorm { get; init; } = "geen";
    /// <summary>Peer group: the most common productcategorie of the provider's active care.</summary>
    public string Productcategorie { get; init; } = "??";
    /// <summary>Peer group: <c>instelling</c>, or in PGB the most common agreement type (opdracht, arbeidsovereenkomst, familie, instelling).</summary>
    public string Soort { get; init; } = "instelling";
    /// <summary>The peer group's key, e.g. <c>PGB/02/opdracht</c>.</summary>
    public string PeerGroep => $"{Leveringsvorm}/{Productcategorie}/{Soort}";

    /// <summary>Active clients in buildings where this provider has more clients than chance predicts (Poisson, outside multi-provider buildings).</summary>
    public int ClientenInGedeeldePanden { get; init; }
    /// <summary>How many such buildings.</summary>
    public int PandenMetClienten { get; init; }
    /// <summary>Active clients in six-position postcodes (rows) where this provider has more clients than chance predicts.</summary>
    public int ClientenInGedeeldeRijen { get; init; }
    /// <summary>The row with most of those clients, and how many live there.</summary>
    public string? DrukkeRij { get; init; }
    public int DrukkeRijClienten { get; init; }

    /// <summary>A count as a share of <see cref="Clienten"/> (co-location base).</summary>
    public double Aandeel(int count) => Clienten == 0 ? 0 : (double)count / Clienten;

    /// <summary>New clients as a share of all active clients.</summary>
    public double AandeelNieuw => AlleClienten == 0 ? 0 : (double)NieuweClienten / AlleClienten;
}

