namespace ZorgfraudeSignalen.Core.Buildings;

/// <summary>How an address was resolved to a building; the explanation says how sure it is from this.</summary>
public enum Resolutie
{
    /// <summary>Through the BAG nummeraanduiding_id carried by the extract: nummeraanduiding → verblijfsobject → pand.</summary>
    BagId,
    /// <summary>Through a match of the normalised address on the BAG extract.</summary>
    BagAdres,
    /// <summary>No BAG match: the building is postcode + huisnummer (+ huisletter).</summary>
    Terugval,
}

public static class ResolutieCodes
{
    /// <summary>The codes used in reports and in <see cref="RiskList.BuildingEvidence.Resolutie"/>.</summary>
    public static string Code(this Resolutie resolutie) => resolutie switch
    {
        Resolutie.BagId => "bag_id",
        Resolutie.BagAdres => "bag_adres",
        _ => "terugval",
    };
}

/// <summary>The documented thresholds of building analysis (docs/gebouwen-en-clusters.md).</summary>
public sealed record BuildingOptions
{
    /// <summary>k: a provider with at least this many active clients in one building is co-located there.</summary>
    public int MinClientsPerBuilding { get; init; } = 3;

    /// <summary>A client who registered at the address at most this many days before care started 'moved in before care'.</summary>
    public int MoveInWindowDays { get; init; } = 90;

    /// <summary>
    /// A building whose clients are served by at least this many unrelated provider groups (providers not linked by a
    /// director or account) is a multi-provider building (a senior complex): co-location there is expected.
    /// </summary>
    public int MultiProviderMinUnrelatedGroups { get; init; } = 4;

    /// <summary>...unless one provider group serves more than this share of the building's clients.</summary>
    public double MultiProviderMaxDominantShare { get; init; } = 0.5;

    /// <summary>
    /// ...or at least this many of the building's clients get their care from other, unrelated providers only: the
    /// residents choose their own providers (a senior flat with one large home-care provider), which a provider that
    /// houses its clients in a building it controls does not leave them.
    /// </summary>
    public int MultiProviderMinClientsOutsideDominant { get; init; } = 3;

    /// <summary>
    /// k clients in a building count as co-location only when that many would be a coincidence of less than this chance,
    /// given the provider's size and the building's clients (Poisson): a large provider in a large block of flats is not.
    /// </summary>
    public double MaxChanceByCoincidence { get; init; } = 0.001;

    /// <summary>An account shared by more providers than this is a service account (administratiekantoor) and links nobody.</summary>
    public int MaxProvidersPerSharedAccount { get; init; } = 10;

    /// <summary>A director shared by more providers than this links nobody (a registry artefact rather than a network).</summary>
    public int MaxProvidersPerSharedDirector { get; init; } = 25;

    /// <summary>iWmo productcategorieën where living where the care is given is the point: woondiensten, beschermd wonen and opvang.</summary>
    public IReadOnlySet<string> ExpectedCoLocationCategories { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "05", "15", "16", "17", "18" };

    /// <summary>
    /// Clients living at an address the BAG registers for healthcare (gezondheidszorgfunctie) count as expected
    /// co-location too, whatever the product: a care home or a cluster of care dwellings is where living where the care
    /// is given is the point. Only with a BAG extract; ordinary dwellings (woonfunctie only) stay in every share.
    /// </summary>
    public bool CareAddressesExpected { get; init; } = true;

    public static BuildingOptions Default { get; } = new();
}

/// <summary>
/// Co-location facts of one provider on the peildatum, each a number an explanation can cite. Unless said otherwise,
/// client counts are of active clients (an allocation or PGB agreement in force on the peildatum) whose relation with
/// this provider is not expected co-location (a category 05 or 15-18, or an address the BAG registers for healthcare); those are counted in
/// <see cref="ExpectedCoLocationClients"/> only.
/// </summary>
/// <param name="ActiveClients">Active clients, expected-co-location clients excluded.</param>
/// <param name="ExpectedCoLocationClients">Active clients in woondiensten, beschermd wonen or opvang (05, 15-18) with this provider, or living at a care address (gezondheidszorgfunctie).</param>
/// <param name="VestigingPandKey">The building of the registered place of business, when known.</param>
/// <param name="VestigingLabel">Its label (street and number, or postcode and number without BAG).</param>
/// <param name="ClientsInOwnBuilding">Clients living in the provider's vestiging building.</param>
/// <param name="ClientsInOwnRow">Clients living in the vestiging's row (its six-position postcode(s)); includes the own building.</param>
/// <param name="BuildingsWithAtLeastKClients">Co-located buildings: at least k clients of this provider, not a multi-provider building, and more than its size explains (chance by coincidence below the threshold). These are the buildings that make clusters.</param>
/// <param name="MaxClientsInOneBuilding">Most clients of this provider in one building, multi-provider buildings left out.</param>
/// <param name="ClientHhi">Concentration of the clients over buildings (Herfindahl: sum of squared shares, 0..1; 0 without clients).</param>
/// <param name="ClientsMovedInBeforeCare">Clients whose adres_sinds lies 0..window days before the start of their care with this provider.</param>
/// <param name="ClientsOfLinkedProvidersInSameBuildings">Distinct clients of directly linked providers (director/account) in the buildings where this provider has clients, this provider's own clients not counted.</param>
/// <param name="LinkedByDirector">Providers sharing a director (bestuurder) with this one.</param>
/// <param name="LinkedByAccount">Providers sharing a bank account (rekening) with this one.</param>
/// <param name="ClusterId">The building cluster this provider belongs to, if any.</param>
/// <param name="CoLocatedClients">Clients living in the co-located buildings of <paramref name="BuildingsWithAtLeastKClients"/>.</param>
/// <param name="RowCoLocatedClients">Clients outside those buildings living in rows (six-position postcodes) where the provider has more of them than chance explains.</param>
public sealed record CoLocationFacts(
    string AanbiederId,
    int ActiveClients,
    int ExpectedCoLocationClients,
    string? VestigingPandKey,
    string? VestigingLabel,
    int ClientsInOwnBuilding,
    int ClientsInOwnRow,
    int BuildingsWithAtLeastKClients,
    int MaxClientsInOneBuilding,
    double ClientHhi,
    int ClientsMovedInBeforeCare,
    int ClientsOfLinkedProvidersInSameBuildings,
    IReadOnlyList<string> LinkedByDirector,
    IReadOnlyList<string> LinkedByAccount,
    string? ClusterId,
    int CoLocatedClients,
    int RowCoLocatedClients = 0,
    string? BusiestRow = null,
    int BusiestRowClients = 0);

/// <summary>One address in a building and how it was resolved.</summary>
/// <param name="AdresSleutel">The canonical address key (<see cref="Addresses.AdresNormalisatie"/>).</param>
/// <param name="Clienten">Active clients living at this address (any provider, any category).</param>
public sealed record AdresInPand(string AdresSleutel, Resolutie Resolutie, string? NummeraanduidingId, int Clienten);

/// <summary>A building as the analysis sees it.</summary>
/// <param name="PandKey">The BAG pand id, the adresseerbaar object id of a ligplaats/standplaats, or the fallback key <c>1234AB-12A</c>.</param>
/// <param name="Resolutie">The least certain way any of its addresses was resolved.</param>
/// <param name="Woningen">Verblijfsobjecten with woonfunctie in the pand, where the BAG says so.</param>
/// <param name="Rijen">The six-position postcodes (rows) the building belongs to.</param>
/// <param name="IsMeerAanbiedersPand">Served by many unrelated providers: co-location here is expected (senior complex).</param>
/// <param name="ClientenPerAanbieder">Active clients per provider, expected-co-location relations excluded.</param>
/// <param name="VerwachteClientenPerAanbieder">Active clients per provider in woondiensten, beschermd wonen or opvang (05, 15-18) or at a care address.</param>
/// <param name="VestigingVan">Providers registered in this building.</param>
public sealed record PandInfo(
    string PandKey,
    string Label,
    Resolutie Resolutie,
    int? Woningen,
    IReadOnlyList<string> Rijen,
    bool IsMeerAanbiedersPand,
    IReadOnlyDictionary<string, int> ClientenPerAanbieder,
    IReadOnlyDictionary<string, int> VerwachteClientenPerAanbieder,
    IReadOnlyList<string> VestigingVan,
    IReadOnlyList<AdresInPand> Adressen);

/// <summary>An edge of a cluster.</summary>
/// <param name="Soort"><c>vestiging</c> or <c>clienten</c> (provider → building), <c>bestuurder</c> or <c>rekening</c> (provider → provider).</param>
/// <param name="Gewicht">Clients for a <c>clienten</c> edge, 1 otherwise.</param>
/// <param name="Via">The pseudonymised director or account id for a <c>bestuurder</c>/<c>rekening</c> edge.</param>
public sealed record ClusterLink(string Van, string Naar, string Soort, int Gewicht, string? Via);

/// <summary>A connected group of providers and buildings (see docs/gebouwen-en-clusters.md for the definition and id scheme).</summary>
/// <param name="ClusterId"><c>CL-</c> + hash of the anchor building's key: stable for the same data and when a smaller member joins.</param>
/// <param name="AnchorPandKey">The building with most co-located clients in the cluster (ties: lowest key).</param>
public sealed record Cluster(
    string ClusterId,
    string AnchorPandKey,
    IReadOnlyList<string> Aanbieders,
    IReadOnlyList<PandInfo> Panden,
    IReadOnlyList<ClusterLink> Links);

/// <summary>How many addresses (clients' and vestigingen) were resolved in which way.</summary>
public sealed record ResolutieOverzicht(int ViaBagId, int ViaBagAdres, int Terugval, int OngeldigAdres, int RelatiesZonderBekendeClient);
