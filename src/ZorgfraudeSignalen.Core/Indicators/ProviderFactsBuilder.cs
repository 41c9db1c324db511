using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// Computes <see cref="ProviderFacts"/> for every provider from the run's inputs in one pass over the declarations
/// (the largest input, streamed). Declarations count over the twelve calendar months up to the peildatum's month.
/// Everything is keyed and sorted ordinally so that the result does not depend on input order or culture.
/// </summary>
public static class ProviderFactsBuilder
{
    public const int Maanden = 12;

    /// <summary>The contract's default peildatum: the latest periode_eind in the declarations, else <paramref name="fallback"/>.</summary>
    public static DateOnly DefaultPeildatum(RunTables inputs, DateOnly fallback)
    {
        if (inputs.LaatstePeriodeEind is { } recorded) return recorded;
        int? latest = null;
        foreach (var d in inputs.DeclarationLines())
            if (latest is null || d.End > latest) latest = d.End;
        return latest is { } day ? DateOnly.FromDayNumber(day) : fallback;
    }

    /// <summary>The building analysis with the move-in window of the indicator thresholds.</summary>
    public static BuildingAnalysisResult AnalyseBuildings(RunTables inputs, DateOnly peildatum, IndicatorThresholds t, BuildingOptions? options = null) =>
        BuildingAnalysis.Analyse(inputs, peildatum, (options ?? BuildingOptions.Default) with { MoveInWindowDays = t.DagenVoorStart });


    public static IReadOnlyList<ProviderFacts> Build(RunTables inputs, DateOnly peildatum, IndicatorThresholds t, BuildingAnalysisResult buildings) =>
        Build(inputs, peildatum, t, Task.FromResult(buildings));

    /// <summary>
    /// As <see cref="Build(RunTables, DateOnly, IndicatorThresholds, BuildingAnalysisResult)"/>, with the building
    /// analysis still running: the pass over the declarations does not need it, so the two share the machine's cores.
    /// Both are pure functions of the inputs, so the result does not depend on which finishes first.
    /// </summary>
    public static IReadOnlyList<ProviderFacts> Build(RunTables inputs, DateOnly peildatum, IndicatorThresholds t, Task<BuildingAnalysisResult> buildingsTask)
    {
        var windowStart = new DateOnly(peildatum.Year, peildatum.Month, 1).AddMonths(-(Maanden - 1));
        var yearEarlier = peildatum.AddMonths(-12);
        var relations = Relations.Count(inputs, peildatum, yearEarlier);
        var billing = BillingPass.Run(inputs, windowStart, peildatum, t);
        var pgb = PgbRates.Compute(inputs, peildatum);
        var zinCategories = ZinCategories(inputs, peildatum);
        var buildings = buildingsTask.GetAwaiter().GetResult();

        var result = new List<ProviderFacts>(inputs.Aanbieders.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in inputs.Aanbieders.OrderBy(a => a.AanbiederId, StringComparer.Ordinal))
        {
            if (!seen.Add(p.AanbiederId)) continue;
            var number = inputs.ProviderIds.IndexOf(p.AanbiederId);
            var co = buildings.PerAanbieder.GetValueOrDefault(p.AanbiederId);
            var panden = co is null ? [] : buildings.BuildingEvidence(p.AanbiederId, minClients: 2);
            bool MovedShortly(ClientAtAddress c) => c.DagenTussen is >= 0 && c.DagenTussen <= t.DagenVoorStart;
            var own = panden.FirstOrDefault(b => b.IsVestiging);

            var bill = billing[number];
            pgb.TryGetValue(p.AanbiederId, out var rate);
            var linked = (co?.LinkedByDirector ?? []).Concat(co?.LinkedByAccount ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
            var peer = PeerOf(zinCategories[number], rate);

            result.Add(new ProviderFacts
            {
                AanbiederId = p.AanbiederId,
                Naam = p.Naam,
                KvkInschrijving = p.KvkInschrijving,
                MaandenIngeschreven = p.KvkInschrijving is { } k ? (peildatum.Year - k.Year) * 12 + peildatum.Month - k.Month : null,
                VestigingPand = co?.VestigingPandKey,
                VestigingLabel = co?.VestigingLabel,
                VestigingRij = p.Vestiging?.Postcode,
                AlleClienten = relations.Active[number],
                Clienten = co?.ActiveClients ?? 0,
                VerwachteClienten = co?.ExpectedCoLocationClients ?? 0,
                ClientenJaarEerder = relations.ActiveYearEarlier[number],
                NieuweClienten = relations.New[number],
                InPand = co?.ClientsInOwnBuilding ?? 0,
                InRij = co?.ClientsInOwnRow ?? 0,
                VerhuisdKort = panden.Sum(b => b.Clienten.Count(MovedShortly)),
                VerhuisdKortInPand = own?.Clienten.Count(MovedShortly) ?? 0,
                VerhuisdKortTotaal = co?.ClientsMovedInBeforeCare ?? 0,
                GrootstePandClienten = co?.MaxClientsInOneBuilding ?? 0,
                GrootstePandLabel = panden.Where(b => !b.IsVestiging).Select(b => b.Label).FirstOrDefault(),
                Concentratie = co?.ClientHhi ?? 0,
                ClientenVerbondenInZelfdePanden = co?.ClientsOfLinkedProvidersInSameBuildings ?? 0,
                ClusterId = co?.ClusterId,
                MaandenMetMaximum = bill?.MonthsWithMaximum ?? 0,
                MaandenOpMaximum = bill?.MonthsAtMaximum ?? 0,
                PgbMaandenMetAfspraak = bill?.PgbMonthsWithAgreement ?? 0,
                PgbMaandenBovenAfspraak = bill?.PgbMonthsOverAgreement ?? 0,

                ClientenMetReeks = bill?.Series ?? 0,
                ClientenGelijkBedrag = bill?.IdenticalSeries ?? 0,
                PgbOvereenkomsten = rate?.Agreements ?? 0,
                PgbMediaanTarief = rate?.MedianRate,
                PgbTariefFactor = rate?.Factor,
                PgbReferentie = rate?.Reference,
                BedragTotaal = bill is null ? 0 : Cents(bill.Total),
                BedragBuitenToewijzing = bill is null ? 0 : Cents(bill.Outside),
                DeclaratiesBuitenToewijzing = bill?.OutsideCount ?? 0,
                VerbondenAanbieders = linked,
                ViaBestuurder = co?.LinkedByDirector.Count ?? 0,
                ViaRekening = co?.LinkedByAccount.Count ?? 0,
                Budgethouders = rate?.BudgetHolders ?? 0,
                UrenPerWeek = rate?.HoursPerWeek ?? 0,
                Panden = panden,
                Maanden = bill?.Months ?? [],
                Leveringsvorm = peer.Leveringsvorm,
                Productcategorie = peer.Categorie,
                Soort = peer.Soort,
                ClientenInGedeeldePanden = co?.CoLocatedClients ?? 0,
                PandenMetClienten = co?.BuildingsWithAtLeastKClients ?? 0,
                ClientenInGedeeldeRijen = co?.RowCoLocatedClients ?? 0,
                DrukkeRij = co?.BusiestRow,
                DrukkeRijClienten = co?.BusiestRowClients ?? 0,
            });
        }
        return result;
    }

    internal static decimal Cents(long cents) => cents / 100m;

    /// <summary>
    /// A provider's peer group: how it delivers (ZIN or PGB), its most common productcategorie, and what kind of
    /// provider it is (an institution in ZIN; in PGB the most common agreement type: instelling, opdracht,
    /// arbeidsovereenkomst or familie). Ties go to the ordinally first value, so the group does not depend on input order.
    /// </summary>
    private static (string Leveringsvorm, string Categorie, string Soort) PeerOf(Dictionary<string, int>? zin, PgbRates.Rate? pgb)
    {
        var zinCount = zin?.Values.Sum() ?? 0;
        if (zinCount == 0 && pgb is { Agreements: > 0 })
            return ("PGB", pgb.Category, pgb.Kind);
        var category = zin is null || zin.Count == 0 ? "??" : zin.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        return (zinCount == 0 ? "geen" : "ZIN", category, "instelling");
    }

    /// <summary>Per provider number: its ZIN allocations in force at the peildatum, counted per productcategorie.</summary>
    private static Dictionary<string, int>?[] ZinCategories(RunTables inputs, DateOnly peildatum)
    {
        var result = new Dictionary<string, int>?[inputs.ProviderIds.Count];
        var day = peildatum.DayNumber;
        foreach (ref readonly var a in inputs.Toewijzingen.Rows)
        {
            if (a.Leveringsvorm != Leveringsvorm.Zin || !a.Covers(day)) continue;
            var counts = result[a.Provider] ??= new Dictionary<string, int>(StringComparer.Ordinal);
            counts[a.Productcategorie] = counts.GetValueOrDefault(a.Productcategorie) + 1;
        }
        return result;
    }
}
