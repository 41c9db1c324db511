namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// The configurable thresholds of the indicator catalogue (docs/indicatoren.md). Shares are 0..1. A run records the
/// thresholds it used, so changing one changes the run's configuration hash.
/// </summary>
public sealed record IndicatorThresholds
{
    /// <summary>Indicators about shares of clients need at least this many clients, so that 1 of 2 does not count as 50 %.</summary>
    public int MinimumClienten { get; init; } = 4;

    /// <summary>COLOC_PAND: share of the provider's clients living in the building of its place of business.</summary>
    public double AandeelInPand { get; init; } = 0.30;
    /// <summary>COLOC_PAND: and at least this many clients there.</summary>
    public int MinimumInPand { get; init; } = 3;

    /// <summary>COLOC_RIJ: share of clients in the provider's row (six-position postcode), its own building included.</summary>
    public double AandeelInRij { get; init; } = 0.40;
    public int MinimumInRij { get; init; } = 4;

    /// <summary>VERHUIS_START: a move counts when the client registered at the address at most this many days before care started.</summary>
    public int DagenVoorStart { get; init; } = 60;
    /// <summary>VERHUIS_START: share of clients who moved shortly before care started and live in a building with other clients of the provider.</summary>
    public double AandeelVerhuisdKort { get; init; } = 0.30;
    public int MinimumVerhuisdKort { get; init; } = 3;

    /// <summary>MAX_DECL: a month counts as 'the maximum' when the declared volume is at least this share of the allocated maximum.</summary>
    public double MaximumMarge { get; init; } = 0.98;
    /// <summary>MAX_DECL: share of the provider's client-months declared at the maximum.</summary>
    public double AandeelMaandenOpMaximum { get; init; } = 0.85;

    /// <summary>GELIJK_BEDRAG: share of clients whose monthly amount is the same (to the cent) in every month they were billed, over at least <see cref="MinimumMaanden"/> months.</summary>
    public double AandeelGelijkeBedragen { get; init; } = 0.80;
    public int MinimumMaanden { get; init; } = 4;

    /// <summary>PGB_TARIEF: the provider's median hourly rate as a multiple of the median for the same agreement type and product category.</summary>
    public double TariefFactor { get; init; } = 1.5;

    /// <summary>BUITEN_TOEW: share of the provider's declared amount outside an allocation (none, someone else's, or outside its period).</summary>
    public double AandeelBuitenToewijzing { get; init; } = 0.05;

    /// <summary>GROEI: new clients in the last twelve months as a share of current clients, with at least <see cref="MinimumNieuweClienten"/> new.</summary>
    public double AandeelNieuweClienten { get; init; } = 0.60;
    public int MinimumNieuweClienten { get; init; } = 8;
    /// <summary>GROEI: a provider registered with the KvK less than this many months before the peildatum needs only <see cref="MinimumNieuweClienten"/> new clients.</summary>
    public int RecentIngeschrevenMaanden { get; init; } = 24;

    /// <summary>VERBONDEN: number of other providers sharing a director or a bank account.</summary>
    public int MinimumVerbonden { get; init; } = 1;

    /// <summary>VEEL_BUDGETHOUDERS: one carer (not an institution) with this many active budget holders ...</summary>
    public int MinimumBudgethouders { get; init; } = 6;
    /// <summary>... or contracted for more hours per week than one person can work.</summary>
    public double MaximumUrenPerWeek { get; init; } = 60;
}
