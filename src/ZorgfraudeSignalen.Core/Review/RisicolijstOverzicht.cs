using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Review;

/// <summary>How a signal relates to earlier runs.</summary>
public enum Herhaling
{
    /// <summary>No earlier run's assessment of this provider.</summary>
    Nieuw,
    /// <summary>Assessed in an earlier run, and the facts behind the signal have changed since.</summary>
    EerderBeoordeeld,
    /// <summary>Assessed in an earlier run, and flagged again on exactly the same facts.</summary>
    OngewijzigdHerhaald,
}

/// <summary>One row of the risk list as a reviewer sees it: the published signal with its current review state.</summary>
/// <param name="Status">The effective status today.</param>
/// <param name="Eerder">The latest assessment of the same provider in an earlier run.</param>
/// <param name="Overgenomen">True when a still valid <c>buiten_beschouwing</c> of an earlier run carries over because the facts are unchanged.</param>
public sealed record SignaalRegel(Signal Signal, string Status, Beoordeling? Beoordeling, HistorieRegel? Eerder, Herhaling Herhaling, bool Overgenomen);

/// <summary>Which rows to show, in what order, which page.</summary>
public sealed record RisicolijstFilter(
    string? Status = null,
    string? Indicator = null,
    string? Cluster = null,
    double? MinScore = null,
    double? MaxScore = null,
    string Sortering = RisicolijstFilter.OpRang,
    bool Aflopend = false,
    int Pagina = 1,
    int PerPagina = 50)
{
    public const string OpRang = "rang";
    public const string OpScore = "score";
    public const string OpAnomalie = "anomalie";
    public const string OpNaam = "naam";
    public const string OpStatus = "status";
    public const string OpCluster = "cluster";
    public static readonly IReadOnlyList<string> Sorteringen = [OpRang, OpScore, OpAnomalie, OpNaam, OpStatus, OpCluster];

    /// <summary>Status filter value for every status a reviewer still has work on.</summary>
    public const string Open = "open";
}

public sealed record Pagina<T>(IReadOnlyList<T> Items, int Totaal, int Nummer, int PerPagina)
{
    public int AantalPaginas => Math.Max(1, (Totaal + PerPagina - 1) / PerPagina);
}

/// <summary>Combines a run's signals with assessments and earlier runs' outcomes, and filters, sorts and pages them.</summary>
public static class RisicolijstOverzicht
{
    public static SignaalRegel Regel(Signal signal, Beoordeling? beoordeling, IReadOnlyList<HistorieRegel>? historie, string? huidigeFeitenHash, DateOnly vandaag)
    {
        var eerder = historie?.LastOrDefault(h => string.CompareOrdinal(h.RunId, signal.RunId) < 0);
        var herhaling = eerder is null ? Herhaling.Nieuw
            : huidigeFeitenHash is not null && eerder.FeitenHash == huidigeFeitenHash ? Herhaling.OngewijzigdHerhaald
            : Herhaling.EerderBeoordeeld;

        if (signal.Status == ReviewStatus.NietGepubliceerd)
            return new SignaalRegel(signal, ReviewStatus.NietGepubliceerd, null, eerder, herhaling, false);
        if (beoordeling is not null)
            return new SignaalRegel(signal, beoordeling.StatusOp(vandaag), beoordeling, eerder, herhaling, false);
        // A person set this provider aside until a date on these very facts: that judgement still holds.
        if (herhaling == Herhaling.OngewijzigdHerhaald && eerder!.Status == ReviewStatus.BuitenBeschouwing && eerder.VerlooptOp >= vandaag)
            return new SignaalRegel(signal, ReviewStatus.BuitenBeschouwing, null, eerder, herhaling, true);
        return new SignaalRegel(signal, ReviewStatus.TeBeoordelen, null, eerder, herhaling, false);
    }

    public static Pagina<SignaalRegel> Toepassen(IEnumerable<SignaalRegel> regels, RisicolijstFilter filter)
    {
        var query = regels;
        if (!string.IsNullOrEmpty(filter.Status))
            query = filter.Status == RisicolijstFilter.Open
                ? query.Where(r => r.Status is ReviewStatus.TeBeoordelen or ReviewStatus.NaderOnderzoekVoorgesteld)
                : query.Where(r => r.Status == filter.Status);
        if (!string.IsNullOrEmpty(filter.Indicator)) query = query.Where(r => r.Signal.Signalen.Contains(filter.Indicator));
        if (!string.IsNullOrEmpty(filter.Cluster)) query = query.Where(r => r.Signal.ClusterId == filter.Cluster);
        if (filter.MinScore is { } min) query = query.Where(r => r.Signal.Risicoscore >= min);
        if (filter.MaxScore is { } max) query = query.Where(r => r.Signal.Risicoscore <= max);

        IOrderedEnumerable<SignaalRegel> sorted = filter.Sortering switch
        {
            RisicolijstFilter.OpScore => Order(query, r => r.Signal.Risicoscore, filter.Aflopend),
            RisicolijstFilter.OpAnomalie => Order(query, r => r.Signal.Anomaliescore, filter.Aflopend),
            RisicolijstFilter.OpNaam => Order(query, r => r.Signal.AanbiederNaam, filter.Aflopend, StringComparer.CurrentCultureIgnoreCase),
            RisicolijstFilter.OpStatus => Order(query, r => r.Status, filter.Aflopend, StringComparer.Ordinal),
            RisicolijstFilter.OpCluster => Order(query, r => r.Signal.ClusterId ?? "", filter.Aflopend, StringComparer.Ordinal),
            _ => Order(query, r => r.Signal.Rang, filter.Aflopend),
        };
        var all = sorted.ThenBy(r => r.Signal.Rang).ToList();
        var perPagina = Math.Clamp(filter.PerPagina, 1, 500);
        var aantal = Math.Max(1, (all.Count + perPagina - 1) / perPagina);
        var nummer = Math.Clamp(filter.Pagina, 1, aantal);
        return new Pagina<SignaalRegel>(all.Skip((nummer - 1) * perPagina).Take(perPagina).ToList(), all.Count, nummer, perPagina);
    }

    private static IOrderedEnumerable<SignaalRegel> Order<TKey>(IEnumerable<SignaalRegel> q, Func<SignaalRegel, TKey> key, bool aflopend, IComparer<TKey>? comparer = null) =>
        aflopend ? q.OrderByDescending(key, comparer) : q.OrderBy(key, comparer);
}
