namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// The configurable settings of the indicator catalogue (docs/indicatoren.md). Shares are 0..1. The per-indicator values
/// are minimums: a value below one never counts, but reaching it is not enough — the value must also lie beyond the
/// usual spread of the provider's peer group (<see cref="RobuusteZ"/>). None is fitted to a data set: each is a
/// statement of what is material, written down with its reason. A run records the settings it used, so changing one
/// changes the run's configuration hash.
/// </summary>
public sealed record IndicatorThresholds
{
    /// <summary>Indicators about shares of clients need at least this many clients, so that 1 of 2 does not count as 50 %.</summary>
    public int MinimumClienten { get; init; } = 4;

    /// <summary>COLOC_PAND: share of the provider's clients living in the building of its place of business.</summary>
    public double AandeelInPand { get; init; } = 0.20;
    /// <summary>COLOC_PAND, COLOC_PANDEN: and at least this many clients there (three unrelated people in one building of a provider is already unusual).</summary>
    public int MinimumInPand { get; init; } = 3;

    /// <summary>COLOC_PANDEN: share of the provider's clients in buildings where it has more clients than chance explains.</summary>
    public double AandeelInGedeeldePanden { get; init; } = 0.20;

    /// <summary>COLOC_RIJ: share of clients in six-position postcodes where the provider has more clients than chance explains.</summary>
    public double AandeelInRij { get; init; } = 0.20;
    public int MinimumInRij { get; init; } = 4;

    /// <summary>VERHUIS_START: a move counts when the client registered at the address at most this many days before care started.</summary>
    public int DagenVoorStart { get; init; } = 60;
    /// <summary>VERHUIS_START: share of clients who moved shortly before care started and live in a building with other clients of the provider.</summary>
    public double AandeelVerhuisdKort { get; init; } = 0.20;
    public int MinimumVerhuisdKort { get; init; } = 3;

    /// <summary>MAX_DECL: a month counts as 'the maximum' when the declared volume is at least this share of the allocated maximum.</summary>
    public double MaximumMarge { get; init; } = 0.98;
    /// <summary>MAX_DECL: share of the provider's client-months declared at the maximum (at least half).</summary>
    public double AandeelMaandenOpMaximum { get; init; } = 0.50;

    /// <summary>GELIJK_BEDRAG: share of clients whose monthly amount is the same (to the cent) in every month they were billed, over at least <see cref="MinimumMaanden"/> months.</summary>
    public double AandeelGelijkeBedragen { get; init; } = 0.50;
    public int MinimumMaanden { get; init; } = 4;

    /// <summary>PGB_TARIEF: the provider's median hourly rate as a multiple of the median for the same agreement type and product category.</summary>
    public double TariefFactor { get; init; } = 1.25;

    /// <summary>
    /// PGB_UREN: a PGB client-month counts when the declared hours exceed the agreed hours (uren_per_week × 52/12, pro rata)
    /// by more than this share: more than a month with an extra working week (31/7 against 52/12 weeks, +2 %) and
    /// rounding to half hours can explain.
    /// </summary>
    public double MargeBovenAfspraak { get; init; } = 0.10;
    /// <summary>PGB_UREN: share of the provider's PGB client-months above the agreed hours.</summary>
    public double AandeelMaandenBovenAfspraak { get; init; } = 0.25;

    /// <summary>BUITEN_TOEW: share of the provider's declared amount outside an allocation (none, someone else's, or outside its period, by days).</summary>
    public double AandeelBuitenToewijzing { get; init; } = 0.02;

    /// <summary>GROEI: new clients in the last twelve months as a share of current clients, with at least <see cref="MinimumNieuweClienten"/> new.</summary>
    public double AandeelNieuweClienten { get; init; } = 0.50;
    public int MinimumNieuweClienten { get; init; } = 8;

    /// <summary>NETWERK: clients of linked providers (shared director or account) living in the same buildings as this provider's clients.</summary>
    public int MinimumClientenNetwerk { get; init; } = 2;

    /// <summary>UREN_ZORGVERLENER: contracted hours per week, over all budget holders, that one person cannot work.</summary>
    public double MaximumUrenPerWeek { get; init; } = 60;

    /// <summary>
    /// Peer groups: a provider is compared with providers of the same leveringsvorm × productcategorie × soort; a group
    /// with fewer than this many providers to compare with is widened (leveringsvorm × soort, then leveringsvorm, then
    /// all), because a spread estimated from a handful of providers means little.
    /// </summary>
    public int MinimumGroep { get; init; } = 20;

    /// <summary>
    /// Beyond the usual spread: a value counts when its robust z in the peer group, (value − median) / (1.4826 × MAD),
    /// exceeds this. 3.5 is the customary cut-off for outliers of the modified z-score (Iglewicz and Hoaglin).
    /// </summary>
    public double RobuusteZ { get; init; } = 3.5;

}
