using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;

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
    public static DateOnly DefaultPeildatum(RunInputs inputs, DateOnly fallback)
    {
        DateOnly? latest = null;
        foreach (var d in inputs.Declaraties())
            if (latest is null || d.PeriodeEind > latest) latest = d.PeriodeEind;
        return latest ?? fallback;
    }

    /// <summary>The building analysis with the move-in window of the indicator thresholds.</summary>
    public static BuildingAnalysisResult AnalyseBuildings(RunInputs inputs, DateOnly peildatum, IndicatorThresholds t, BuildingOptions? options = null) =>
        BuildingAnalysis.Analyse(inputs, peildatum, (options ?? BuildingOptions.Default) with { MoveInWindowDays = t.DagenVoorStart });

    public static IReadOnlyList<ProviderFacts> Build(RunInputs inputs, DateOnly peildatum, IndicatorThresholds t, BuildingAnalysisResult buildings) =>
        Build(inputs, peildatum, t, Task.FromResult(buildings));

    /// <summary>
    /// As <see cref="Build(RunInputs, DateOnly, IndicatorThresholds, BuildingAnalysisResult)"/>, with the building
    /// analysis still running: the pass over the declarations does not need it, so the two share the machine's cores.
    /// Both are pure functions of the inputs, so the result does not depend on which finishes first.
    /// </summary>
    public static IReadOnlyList<ProviderFacts> Build(RunInputs inputs, DateOnly peildatum, IndicatorThresholds t, Task<BuildingAnalysisResult> buildingsTask)
    {
        var windowStart = new DateOnly(peildatum.Year, peildatum.Month, 1).AddMonths(-(Maanden - 1));
        var yearEarlier = peildatum.AddMonths(-12);

        // Start of care per (client, provider): the earliest allocation or agreement between them.
        var zorgStart = new Dictionary<(string, string), DateOnly>();
        void NoteStart(string client, string provider, DateOnly start)
        {
            if (!zorgStart.TryGetValue((client, provider), out var s) || start < s) zorgStart[(client, provider)] = start;
        }
        var active = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var activeYearEarlier = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        static void Add(Dictionary<string, HashSet<string>> map, string provider, string client)
        {
            if (!map.TryGetValue(provider, out var set)) map[provider] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(client);
        }
        static bool Covers(DateOnly start, DateOnly? end, DateOnly day) => start <= day && (end is null || end >= day);

        foreach (var a in inputs.Toewijzingen)
        {
            NoteStart(a.ClientId, a.AanbiederId, a.Ingangsdatum);
            if (Covers(a.Ingangsdatum, a.Einddatum, peildatum)) Add(active, a.AanbiederId, a.ClientId);
            if (Covers(a.Ingangsdatum, a.Einddatum, yearEarlier)) Add(activeYearEarlier, a.AanbiederId, a.ClientId);
        }
        foreach (var o in inputs.PgbOvereenkomsten)
        {
            NoteStart(o.ClientId, o.AanbiederId, o.Ingangsdatum);
            if (Covers(o.Ingangsdatum, o.Einddatum, peildatum)) Add(active, o.AanbiederId, o.ClientId);
            if (Covers(o.Ingangsdatum, o.Einddatum, yearEarlier)) Add(activeYearEarlier, o.AanbiederId, o.ClientId);
        }

        var billing = BillingPass(inputs, windowStart, peildatum, t);
        var pgb = PgbRates(inputs, peildatum);
        var buildings = buildingsTask.GetAwaiter().GetResult();

        var result = new List<ProviderFacts>(inputs.Aanbieders.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in inputs.Aanbieders.OrderBy(a => a.AanbiederId, StringComparer.Ordinal))
        {
            if (!seen.Add(p.AanbiederId)) continue;
            var nieuw = 0;
            var clients = active.GetValueOrDefault(p.AanbiederId);
            foreach (var clientId in clients ?? [])
                if (zorgStart[(clientId, p.AanbiederId)] > yearEarlier) nieuw++;

            var co = buildings.PerAanbieder.GetValueOrDefault(p.AanbiederId);
            var panden = co is null ? [] : buildings.BuildingEvidence(p.AanbiederId, minClients: 2);
            bool MovedShortly(ClientAtAddress c) => c.DagenTussen is >= 0 && c.DagenTussen <= t.DagenVoorStart;
            var own = panden.FirstOrDefault(b => b.IsVestiging);

            billing.TryGetValue(p.AanbiederId, out var bill);
            pgb.TryGetValue(p.AanbiederId, out var rate);
            var linked = (co?.LinkedByDirector ?? []).Concat(co?.LinkedByAccount ?? []).Distinct().Order(StringComparer.Ordinal).ToList();

            result.Add(new ProviderFacts
            {
                AanbiederId = p.AanbiederId,
                Naam = p.Naam,
                KvkInschrijving = p.KvkInschrijving,
                MaandenIngeschreven = p.KvkInschrijving is { } k ? (peildatum.Year - k.Year) * 12 + peildatum.Month - k.Month : null,
                VestigingPand = co?.VestigingPandKey,
                VestigingLabel = co?.VestigingLabel,
                VestigingRij = p.Vestiging?.Postcode,
                AlleClienten = clients?.Count ?? 0,
                Clienten = co?.ActiveClients ?? 0,
                VerwachteClienten = co?.ExpectedCoLocationClients ?? 0,
                ClientenJaarEerder = activeYearEarlier.GetValueOrDefault(p.AanbiederId)?.Count ?? 0,
                NieuweClienten = nieuw,
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
                ClientenMetReeks = bill?.Series ?? 0,
                ClientenGelijkBedrag = bill?.IdenticalSeries ?? 0,
                PgbOvereenkomsten = rate?.Agreements ?? 0,
                PgbMediaanTarief = rate?.MedianRate,
                PgbTariefFactor = rate?.Factor,
                PgbReferentie = rate?.Reference,
                BedragTotaal = Math.Round((decimal)(bill?.Total ?? 0), 2),
                BedragBuitenToewijzing = Math.Round((decimal)(bill?.Outside ?? 0), 2),
                DeclaratiesBuitenToewijzing = bill?.OutsideCount ?? 0,
                VerbondenAanbieders = linked,
                ViaBestuurder = co?.LinkedByDirector.Count ?? 0,
                ViaRekening = co?.LinkedByAccount.Count ?? 0,
                Budgethouders = rate?.BudgetHolders ?? 0,
                UrenPerWeek = rate?.HoursPerWeek ?? 0,
                Panden = panden,
                Maanden = bill?.Months ?? [],
            });
        }
        return result;
    }

    private sealed class Billing
    {
        public int MonthsWithMaximum, MonthsAtMaximum, Series, IdenticalSeries, OutsideCount;
        public double Total, Outside;
        public readonly double[] Amount = new double[Maanden];
        public readonly double[] Volume = new double[Maanden];
        public readonly double[] Maximum = new double[Maanden];
        public readonly bool[] HasMaximum = new bool[Maanden];
        public IReadOnlyList<MonthAmount> Months = [];
    }

    /// <summary>
    /// A billing series: one allocation (ZIN) or one client–provider pair (PGB), summed per month net of credits.
    /// Its monthly sums live in the pass's flat arrays at <see cref="Offset"/>; at national scale that is millions
    /// of series, so no per-series arrays.
    /// </summary>
    private sealed class Series
    {
        public readonly string Provider;
        public readonly string Client;
        public readonly Toewijzing? Allocation;
        public readonly int Offset;
        // Copied from the allocation (or the PGB agreements) so that the hot loop touches only this object.
        public readonly bool ProviderMatches; // the allocation belongs to this series' provider
        public readonly string? AllocationClient;
        public string? SeenClient; // the last declaration's client instance that matched AllocationClient
        public readonly int Start, End; // day numbers of the allocation's validity
        public readonly string? Eenheid;
        public readonly List<PgbOvereenkomst>? Agreements;
        public int Billed; // bit m = billed in month m
        public int OutsideCount;
        public double Total, Outside;

        public Series(string provider, string client, Toewijzing? allocation, List<PgbOvereenkomst>? agreements, int offset)
        {
            Provider = provider;
            Client = client;
            Allocation = allocation;
            Agreements = agreements;
            Offset = offset;
            if (allocation is null) return;
            ProviderMatches = allocation.AanbiederId == provider;
            AllocationClient = allocation.ClientId;
            Start = allocation.Ingangsdatum.DayNumber;
            End = allocation.Einddatum?.DayNumber ?? int.MaxValue;
            Eenheid = allocation.Eenheid;
        }
    }

    private static Dictionary<string, Billing> BillingPass(RunInputs inputs, DateOnly windowStart, DateOnly peildatum, IndicatorThresholds t)
    {
        var allocations = new Dictionary<string, Toewijzing>(inputs.Toewijzingen.Count, StringComparer.Ordinal);
        foreach (var a in inputs.Toewijzingen) allocations.TryAdd(a.ToewijzingId, a);
        var agreements = new Dictionary<(string, string), List<PgbOvereenkomst>>();
        foreach (var o in inputs.PgbOvereenkomsten)
        {
            if (!agreements.TryGetValue((o.ClientId, o.AanbiederId), out var list)) agreements[(o.ClientId, o.AanbiederId)] = list = [];
            list.Add(o);
        }
        var pgbAllocations = new Dictionary<string, List<Toewijzing>>(StringComparer.Ordinal);
        foreach (var a in inputs.Toewijzingen.Where(a => a.Leveringsvorm == Leveringsvorm.Pgb))
        {
            if (!pgbAllocations.TryGetValue(a.ClientId, out var list)) pgbAllocations[a.ClientId] = list = [];
            list.Add(a);
        }

        var zin = new Dictionary<string, Series>(allocations.Count, StringComparer.Ordinal);
        var pgb = new Dictionary<(string Client, string Provider), Series>();
        var all = new List<Series>(allocations.Count);
        // Amount and volume of a series-month side by side: one cache line per declaration, not two.
        var sums = new double[Math.Max(16, allocations.Count) * Maanden * 2];
        Series NewSeries(string provider, string client, Toewijzing? allocation, List<PgbOvereenkomst>? agreementList)
        {
            var series = new Series(provider, client, allocation, agreementList, all.Count * Maanden * 2);
            all.Add(series);
            if (series.Offset + Maanden * 2 > sums.Length) Array.Resize(ref sums, sums.Length * 2);
            return series;
        }

        Series? last = null;
        foreach (var d in inputs.Declaraties())
        {
            if (d.PeriodeEind < windowStart || d.PeriodeStart > peildatum) continue;
            var month = (d.PeriodeStart.Year - windowStart.Year) * 12 + d.PeriodeStart.Month - windowStart.Month;
            if (month < 0 || month >= Maanden) continue;
            Series? series;
            bool outside;
            double declared;
            if (d.ToewijzingId is { Length: > 0 } id)
            {
                // Declarations of one allocation often follow each other: try the previous series first.
                if (last is { Allocation: not null } && ReferenceEquals(last.Provider, d.AanbiederId) && last.Allocation.ToewijzingId == id) series = last;
                else if (!zin.TryGetValue(id, out series))
                    zin[id] = series = NewSeries(d.AanbiederId, d.ClientId, allocations.GetValueOrDefault(id), null);
                if (!ReferenceEquals(series.Provider, d.AanbiederId) && series.Provider != d.AanbiederId)
                {
                    // Another provider billing on this allocation: its own series, and outside the allocation below.
                    var key = id + "\u0001" + d.AanbiederId;
                    if (!zin.TryGetValue(key, out series)) zin[key] = series = NewSeries(d.AanbiederId, d.ClientId, allocations.GetValueOrDefault(id), null);
                }
                var clientMatches = ReferenceEquals(series.SeenClient, d.ClientId);
                if (!clientMatches && d.ClientId == series.AllocationClient)
                {
                    series.SeenClient = d.ClientId;
                    clientMatches = true;
                }
                outside = series.Allocation is null || !series.ProviderMatches || !clientMatches
                          || d.PeriodeStart.DayNumber < series.Start || d.PeriodeEind.DayNumber > series.End;
                declared = series.Eenheid is null || series.Eenheid == d.Eenheid ? (double)d.Volume : (double)InUnitOf(d.Volume, d.Eenheid, series.Eenheid);
            }
            else
            {
                if (!pgb.TryGetValue((d.ClientId, d.AanbiederId), out series))
                    pgb[(d.ClientId, d.AanbiederId)] = series = NewSeries(d.AanbiederId, d.ClientId, null, agreements.GetValueOrDefault((d.ClientId, d.AanbiederId)));
                outside = true;
                if (series.Agreements is { } list)
                    foreach (var o in list)
                        if (o.Ingangsdatum <= d.PeriodeStart && (o.Einddatum is null || o.Einddatum >= d.PeriodeEind)) { outside = false; break; }
                declared = (double)d.Volume;
            }
            last = series;
            var bedrag = (double)d.Bedrag;
            series.Total += bedrag;
            if (outside)
            {
                series.Outside += bedrag;
                series.OutsideCount++;
            }
            var at = series.Offset + 2 * month;
            sums[at] += bedrag;
            sums[at + 1] += declared;
            series.Billed |= 1 << month;
        }

        var billing = new Dictionary<string, Billing>(StringComparer.Ordinal);
        foreach (var series in all)
        {
            if (!billing.TryGetValue(series.Provider, out var b)) billing[series.Provider] = b = new Billing();
            b.Total += series.Total;
            b.Outside += series.Outside;
            b.OutsideCount += series.OutsideCount;
            var pgbBudgets = series.Allocation is null ? pgbAllocations.GetValueOrDefault(series.Client) : null;
            var identical = true;
            var billedMonths = 0;
            double? first = null;
            for (var m = 0; m < Maanden; m++)
            {
                var i = series.Offset + 2 * m;
                var amountM = sums[i];
                var volumeM = sums[i + 1];
                b.Amount[m] += amountM;
                b.Volume[m] += volumeM;
                if ((series.Billed & (1 << m)) == 0) continue;
                var monthStart = windowStart.AddMonths(m);
                if (series.Allocation is { } allocation)
                {
                    if (MonthlyMaximum(allocation, monthStart) is { } max && max > 0)
                    {
                        b.MonthsWithMaximum++;
                        if (volumeM >= t.MaximumMarge * (double)max) b.MonthsAtMaximum++;
                        b.Maximum[m] += (double)max;
                        b.HasMaximum[m] = true;
                    }
                }
                else if (pgbBudgets is not null)
                {
                    var monthEnd = monthStart.AddMonths(1).AddDays(-1);
                    var budget = pgbBudgets.Where(a => a.Ingangsdatum <= monthEnd && (a.Einddatum is null || a.Einddatum >= monthStart))
                        .OrderBy(a => a.Ingangsdatum).ThenBy(a => a.ToewijzingId, StringComparer.Ordinal).FirstOrDefault();
                    // eenheid 83: the PGB budget in eurocents
                    if (budget is not null && MonthlyMaximum(budget, monthStart) is { } cents && cents > 0)
                    {
                        b.MonthsWithMaximum++;
                        if (amountM >= t.MaximumMarge * (double)cents / 100) b.MonthsAtMaximum++;
                    }
                }
                var rounded = Math.Round(amountM, 2);
                if (rounded == 0) continue;
                billedMonths++;
                first ??= rounded;
                identical &= rounded == first;
            }
            if (billedMonths >= t.MinimumMaanden)
            {
                b.Series++;
                if (identical) b.IdenticalSeries++;
            }
        }
        foreach (var b in billing.Values)
            b.Months = Enumerable.Range(0, Maanden)
                .Select(m => new MonthAmount(windowStart.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    Math.Round((decimal)b.Amount[m], 2), Math.Round((decimal)b.Volume[m], 2), b.HasMaximum[m] ? Math.Round((decimal)b.Maximum[m], 2) : null))
                .ToList();
        return billing;
    }

    /// <summary>A declared volume in the allocation's unit: minutes, hours and dagdelen (4 hours) convert; other units must match.</summary>
    private static decimal InUnitOf(decimal volume, string from, string to)
    {
        if (from == to) return volume;
        static decimal? Hours(string unit) => unit switch { "01" => 1m / 60, "04" => 1m, "16" => 4m, _ => null };
        return Hours(from) is { } f && Hours(to) is { } t ? volume * f / t : volume;
    }

    /// <summary>
    /// The contract's allocated maximum for the part of a calendar month the allocation covers, in the allocation's
    /// unit: per day × days; per week × 52/12 pro rata; per month pro rata; 'totaal' has no monthly cap (null).
    /// </summary>
    public static decimal? MonthlyMaximum(Toewijzing a, DateOnly monthStart)
    {
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var from = a.Ingangsdatum > monthStart ? a.Ingangsdatum : monthStart;
        var to = a.Einddatum is { } e && e < monthEnd ? e : monthEnd;
        if (to < from) return 0;
        var days = to.DayNumber - from.DayNumber + 1;
        var daysInMonth = monthEnd.Day;
        return a.Frequentie switch
        {
            "1" => a.Volume * days,
            "2" => a.Volume * 52m / 12m * days / daysInMonth,
            "4" => a.Volume * days / daysInMonth,
            _ => null,
        };
    }

    private sealed record Rate(int Agreements, double? MedianRate, double? Factor, string? Reference, int BudgetHolders, double HoursPerWeek);

    /// <summary>PGB hourly rates against the median for the same agreement type and product category, over agreements active at the peildatum.</summary>
    private static Dictionary<string, Rate> PgbRates(RunInputs inputs, DateOnly peildatum)
    {
        var category = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in inputs.Toewijzingen.Where(a => a.Leveringsvorm == Leveringsvorm.Pgb && a.Ingangsdatum <= peildatum && (a.Einddatum is null || a.Einddatum >= peildatum))
                     .OrderBy(a => a.ToewijzingId, StringComparer.Ordinal))
            category.TryAdd(a.ClientId, a.Productcategorie);
        var activeAgreements = inputs.PgbOvereenkomsten
            .Where(o => o.Ingangsdatum <= peildatum && (o.Einddatum is null || o.Einddatum >= peildatum))
            .Select(o => (Agreement: o, Group: $"{o.OvereenkomstType.ToString().ToLowerInvariant()}/{category.GetValueOrDefault(o.ClientId, "??")}"))
            .ToList();
        var medians = activeAgreements.GroupBy(x => x.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Median(g.Select(x => (double)x.Agreement.Uurtarief)), StringComparer.Ordinal);
        var result = new Dictionary<string, Rate>(StringComparer.Ordinal);
        foreach (var g in activeAgreements.GroupBy(x => x.Agreement.AanbiederId, StringComparer.Ordinal))
        {
            var ratios = g.Select(x => medians[x.Group] > 0 ? (double)x.Agreement.Uurtarief / medians[x.Group] : 1).ToList();
            var commonGroup = g.GroupBy(x => x.Group, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            var persons = g.Where(x => x.Agreement.OvereenkomstType != OvereenkomstType.Instelling).ToList();
            result[g.Key] = new Rate(
                g.Count(),
                Median(g.Select(x => (double)x.Agreement.Uurtarief)),
                Median(ratios),
                $"{commonGroup} ({Nl.Euro((decimal)Math.Round(medians[commonGroup], 2))})",
                persons.Select(x => x.Agreement.ClientId).Distinct(StringComparer.Ordinal).Count(),
                persons.Sum(x => (double)x.Agreement.UrenPerWeek));
        }
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Model.RobustScaler.Quantile(sorted, 0.5);
    }
}
