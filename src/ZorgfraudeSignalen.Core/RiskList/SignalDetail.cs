namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// Everything the portal shows on a signal's page: the explanation's parts and the evidence behind them.
/// Clients appear only by pseudonym. Stored per run and provider, next to the risk list.
/// </summary>
public sealed record SignalDetail(
    Signal Signal,
    IReadOnlyList<IndicatorFinding> Indicatoren,
    IReadOnlyList<FeatureDeviation> Afwijkingen,
    BaseRate Basisfrequentie,
    IReadOnlyList<BuildingEvidence> Panden,
    IReadOnlyList<MonthAmount> DeclaratiesPerMaand,
    ClusterPicture? Cluster,
    /// <summary>A hash of the facts behind the signal, so that a re-flag with unchanged facts is recognised.</summary>
    string FeitenHash,
    /// <summary>Set when the client-level evidence was removed under the retention rule (Core/Retention); null while it is whole.</summary>
    DateTimeOffset? OpgeschoondOp = null,
    /// <summary>The learned part's per-feature contributions (docs/leren.md); null when the run did not learn.</summary>
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<LearnedContribution>? Geleerd = null);

/// <summary>A feature's share in the learned part of a provider's score.</summary>
public sealed record LearnedContribution(string Kenmerk, string Omschrijving, double Waarde, double Bijdrage);

/// <summary>One indicator of the catalogue as evaluated for this provider.</summary>
/// <param name="Code">The indicator's code, e.g. <c>COLOC_PAND</c>.</param>
/// <param name="Naam">Its Dutch name.</param>
/// <param name="Afgegaan">Whether it fired: the value reached the minimum and lies beyond the peer group's usual spread.</param>
/// <param name="Waarde">The measured value.</param>
/// <param name="Drempel">The threshold it is held against: the larger of the minimum and the peer group's limit for this
/// provider (for a share, widened by the share's binomial variance at the provider's own count).</param>
/// <param name="Feiten">The facts in plain Dutch, with numbers.</param>
/// <param name="Referentie">The peer group's median of the value (what is usual).</param>
/// <param name="Groep">The peer group compared with, e.g. <c>PGB/02/opdracht</c> or <c>alle</c>; null when none was large enough.</param>
/// <param name="GroepGrootte">Providers in that group for whom the indicator applies.</param>
/// <param name="Gewicht">What it adds to the risicoscore when it fired: −ln of how often it fires in the peer group (0 when it did not fire).</param>
/// <param name="Eenheid">How the value reads (share, factor, hours, count).</param>
/// <param name="Minimum">The indicator's configured minimum on the same scale (a setting of the run).</param>
public sealed record IndicatorFinding(string Code, string Naam, bool Afgegaan, double Waarde, double Drempel, string Feiten,
    double Referentie = 0, string? Groep = null, int GroepGrootte = 0, double Gewicht = 0, Eenheid Eenheid = Eenheid.Aandeel,
    double Minimum = 0);

/// <summary>A model feature on which the provider deviates, from the anomaly model's reconstruction residual.</summary>
/// <param name="Kenmerk">The feature's code.</param>
/// <param name="Omschrijving">The feature in plain Dutch.</param>
/// <param name="Waarde">The provider's value.</param>
/// <param name="Typisch">The median over all providers in the run.</param>
/// <param name="Aandeel">This feature's share of the provider's squared reconstruction error, 0..1.</param>
public sealed record FeatureDeviation(string Kenmerk, string Omschrijving, double Waarde, double Typisch, double Aandeel);

/// <summary>How many providers are on the list (published for review) of how many scored.</summary>
public sealed record BaseRate(int Gepubliceerd, int Gescoord);

/// <summary>A building where the provider's clients live or where the provider is registered.</summary>
/// <param name="Label">Street and number, or postcode and number without BAG.</param>
/// <param name="Resolutie">How the addresses were resolved to this building: <c>bag_id</c>, <c>bag_adres</c> or <c>terugval</c>.</param>
/// <param name="IsVestiging">Whether the provider is registered in this building.</param>
/// <param name="Woningen">Dwellings in the building where the BAG says so.</param>
public sealed record BuildingEvidence(
    string PandKey,
    string Label,
    string Resolutie,
    bool IsVestiging,
    int? Woningen,
    IReadOnlyList<ClientAtAddress> Clienten);

/// <summary>A client (pseudonym) of the provider in a building, with the move against the start of care.</summary>
public sealed record ClientAtAddress(string ClientId, DateOnly AdresSinds, DateOnly? ZorgStart, int? DagenTussen);

/// <summary>Declared amount and volume in one calendar month, and the allocated maximum for that month where known.</summary>
public sealed record MonthAmount(string Maand, decimal Bedrag, decimal Volume, decimal? MaximumVolume);

/// <summary>The building cluster as a graph for the SVG picture.</summary>
public sealed record ClusterPicture(string ClusterId, IReadOnlyList<ClusterNode> Knopen, IReadOnlyList<ClusterEdge> Verbindingen);

/// <param name="Soort"><c>aanbieder</c> or <c>pand</c>.</param>
public sealed record ClusterNode(string Id, string Soort, string Label);

/// <param name="Soort"><c>vestiging</c>, <c>clienten</c>, <c>bestuurder</c> or <c>rekening</c>.</param>
/// <param name="Gewicht">E.g. the number of clients for a <c>clienten</c> edge.</param>
public sealed record ClusterEdge(string Van, string Naar, string Soort, int Gewicht);

/// <summary>How an indicator's value reads in a sentence.</summary>
public enum Eenheid { Aandeel, Factor, Uren, Aantal }
