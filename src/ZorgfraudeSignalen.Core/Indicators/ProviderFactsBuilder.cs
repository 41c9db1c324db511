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

    public static IReadOnlyList<ProviderFacts> Build(RunInputs inputs, DateOnly peildatum, IndicatorThresholds t)
    {
        var buildings = new BuildingKeys(inputs.BagAdressen);
        var windowStart = new DateOnly(peildatum.Year, peildatum.Month, 1).AddMonths(-(Maanden - 1));
        var yearEarlier = peildatum.AddMonths(-12);

        var clients = new Dictionary<string, Client>(inputs.Clienten.Count, StringComparer.Ordinal);
        foreach (var c in inputs.Clienten) clients.TryAdd(c.ClientId, c);

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
        var links = Links(inputs);

        var result = new List<ProviderFacts>(inputs.Aanbieders.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in inputs.Aanbieders.OrderBy(a => a.AanbiederId, StringComparer.Ordinal))
        {
            if (!seen.Add(p.AanbiederId)) continue;
            var vestiging = p.Vestiging is null ? null : buildings.Resolve(p.Vestiging, p.VestigingNummeraanduidingId);

            var plaatsingen = new List<Plaatsing>();
            var nieuw = 0;
            foreach (var clientId in (active.GetValueOrDefault(p.AanbiederId) ?? []).Order(StringComparer.Ordinal))
            {
                var start = zorgStart[(clientId, p.AanbiederId)];
                if (start > yearEarlier) nieuw++;
                if (!clients.TryGetValue(clientId, out var client)) continue;
                var pand = buildings.Resolve(client.Adres, client.NummeraanduidingId);
                plaatsingen.Add(new Plaatsing(clientId, pand.Key, pand.Label, pand.Resolutie, pand.Rij, client.AdresSinds, start));
            }
            var clientCount = active.GetValueOrDefault(p.AanbiederId)?.Count ?? 0;
            var perPand = plaatsingen.GroupBy(x => x.PandKey, StringComparer.Ordinal)
                .Select(g => (Key: g.Key, Label: g.First().PandLabel, Count: g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var shared = new HashSet<string>(perPand.Where(g => g.Count >= 2).Select(g => g.Key), StringComparer.Ordinal);
            if (vestiging is not null) shared.Add(vestiging.Key);
            bool MovedShortly(Plaatsing x) => x.DagenVoorStart >= 0 && x.DagenVoorStart <= t.DagenVoorStart;
            var inPand = vestiging is null ? 0 : plaatsingen.Count(x => x.PandKey == vestiging.Key);
            var hhi = plaatsingen.Count == 0 ? 0 : perPand.Sum(g => Math.Pow((double)g.Count / plaatsingen.Count, 2));

            billing.TryGetValue(p.AanbiederId, out var bill);
            pgb.TryGetValue(p.AanbiederId, out var rate);
            links.TryGetValue(p.AanbiederId, out var link);

            result.Add(new ProviderFacts
            {
                AanbiederId = p.AanbiederId,
                Naam = p.Naam,
                KvkInschrijving = p.KvkInschrijving,
                MaandenIngeschreven = p.KvkInschrijving is { } k ? (peildatum.Year - k.Year) * 12 + peildatum.Month - k.Month : null,
                VestigingPand = vestiging?.Key,
                VestigingLabel = vestiging?.Label,
                VestigingRij = vestiging?.Rij,
                Clienten = clientCount,
                ClientenJaarEerder = activeYearEarlier.GetValueOrDefault(p.AanbiederId)?.Count ?? 0,
                NieuweClienten = nieuw,
                InPand = inPand,
                InRij = vestiging is null ? 0 : plaatsingen.Count(x => x.Rij == vestiging.Rij),
                VerhuisdKort = plaatsingen.Count(x => shared.Contains(x.PandKey) && MovedShortly(x)),
                VerhuisdKortInPand = vestiging is null ? 0 : plaatsingen.Count(x => x.PandKey == vestiging.Key && MovedShortly(x)),
                GrootstePandClienten = perPand.Count == 0 ? 0 : perPand[0].Count,
                GrootstePandLabel = perPand.Count == 0 ? null : perPand[0].Label,
                Concentratie = hhi,
                MaandenMetMaximum = bill?.MonthsWithMaximum ?? 0,
                MaandenOpMaximum = bill?.MonthsAtMaximum ?? 0,
                ClientenMetReeks = bill?.Series ?? 0,
                ClientenGelijkBedrag = bill?.IdenticalSeries ?? 0,
                PgbOvereenkomsten = rate?.Agreements ?? 0,
                PgbMediaanTarief = rate?.MedianRate,
                PgbTariefFactor = rate?.Factor,
                PgbReferentie = rate?.Reference,
                BedragTotaal = bill?.Total ?? 0,
                BedragBuitenToewijzing = bill?.Outside ?? 0,
                DeclaratiesBuitenToewijzing = bill?.OutsideCount ?? 0,
                VerbondenAanbieders = link?.Providers ?? [],
                GedeeldeBestuurders = link?.Directors ?? [],
                GedeeldeRekeningen = link?.Accounts ?? [],
                Budgethouders = rate?.BudgetHolders ?? 0,
                UrenPerWeek = rate?.HoursPerWeek ?? 0,
                Plaatsingen = plaatsingen,
                Maanden = bill?.Months ?? [],
            });
        }
        return result;
    }

    private sealed class Billing
    {
        public int MonthsWithMaximum, MonthsAtMaximum, Series, IdenticalSeries, OutsideCount;
        public decimal Total, Outside;
        public decimal[] Amount = new decimal[Maanden];
        public decimal[] Volume = new decimal[Maanden];
        public decimal[] Maximum = new decimal[Maanden];
        public bool[] HasMaximum = new bool[Maanden];
        public IReadOnlyList<MonthAmount> Months = [];
    }

    /// <summary>A billing series: one allocation (ZIN) or one client–provider pair (PGB), summed per month net of credits.</summary>
    private sealed class Series(string provider)
    {
        public readonly string Provider = provider;
        public readonly decimal[] Amount = new decimal[Maanden];
        public readonly decimal[] Volume = new decimal[Maanden];
        public readonly bool[] Billed = new bool[Maanden];
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

        var zin = new Dictionary<string, Series>(StringComparer.Ordinal);
        var pgb = new Dictionary<(string Client, string Provider), Series>();
        var billing = new Dictionary<string, Billing>(StringComparer.Ordinal);
        Billing For(string provider)
        {
            if (!billing.TryGetValue(provider, out var b)) billing[provider] = b = new Billing();
            return b;
        }

        foreach (var d in inputs.Declaraties())
        {
            if (d.PeriodeEind < windowStart || d.PeriodeStart > peildatum) continue;
            var month = (d.PeriodeStart.Year - windowStart.Year) * 12 + d.PeriodeStart.Month - windowStart.Month;
            if (month < 0 || month >= Maanden) continue;
            var b = For(d.AanbiederId);
            b.Total += d.Bedrag;
            Series series;
            bool outside;
            if (d.ToewijzingId is { Length: > 0 } id)
            {
                outside = !allocations.TryGetValue(id, out var a) || a.ClientId != d.ClientId || a.AanbiederId != d.AanbiederId
                          || d.PeriodeStart < a.Ingangsdatum || (a.Einddatum is { } end && d.PeriodeEind > end);
                if (!zin.TryGetValue(id + "\u0001" + d.AanbiederId, out series!)) zin[id + "\u0001" + d.AanbiederId] = series = new Series(d.AanbiederId);
            }
            else
            {
                outside = !agreements.TryGetValue((d.ClientId, d.AanbiederId), out var list)
                          || !list.Any(o => o.Ingangsdatum <= d.PeriodeStart && (o.Einddatum is null || o.Einddatum >= d.PeriodeEind));
                if (!pgb.TryGetValue((d.ClientId, d.AanbiederId), out series!)) pgb[(d.ClientId, d.AanbiederId)] = series = new Series(d.AanbiederId);
            }
            if (outside)
            {
                b.Outside += d.Bedrag;
                b.OutsideCount++;
            }
            series.Amount[month] += d.Bedrag;
            series.Volume[month] += d.ToewijzingId is { Length: > 0 } allocationId && allocations.TryGetValue(allocationId, out var own)
                ? InUnitOf(d.Volume, d.Eenheid, own.Eenheid)
                : d.Volume;
            series.Billed[month] = true;
        }

        foreach (var (key, series) in zin)
        {
            var b = billing[series.Provider];
            var allocation = allocations.GetValueOrDefault(key[..key.IndexOf('\u0001')]);
            for (var m = 0; m < Maanden; m++)
            {
                if (!series.Billed[m]) continue;
                var maximum = allocation is null ? null : MonthlyMaximum(allocation, windowStart.AddMonths(m));
                if (maximum is { } max && max > 0)
                {
                    var declared = series.Volume[m];
                    b.MonthsWithMaximum++;
                    if (declared >= (decimal)t.MaximumMarge * max) b.MonthsAtMaximum++;
                    b.Maximum[m] += max;
                    b.HasMaximum[m] = true;
                }
            }
            Accumulate(b, series, t);
        }
        foreach (var ((client, _), series) in pgb)
        {
            var b = billing[series.Provider];
            var budgets = pgbAllocations.GetValueOrDefault(client);
            for (var m = 0; m < Maanden; m++)
            {
                if (!series.Billed[m] || budgets is null) continue;
                var first = windowStart.AddMonths(m);
                var allocation = budgets.Where(a => a.Ingangsdatum <= first.AddMonths(1).AddDays(-1) && (a.Einddatum is null || a.Einddatum >= first))
                    .OrderBy(a => a.Ingangsdatum).ThenBy(a => a.ToewijzingId, StringComparer.Ordinal).FirstOrDefault();
                if (allocation is null || MonthlyMaximum(allocation, first) is not { } cents || cents <= 0) continue;
                var budget = cents / 100m; // eenheid 83: the PGB budget in eurocents
                b.MonthsWithMaximum++;
                if (series.Amount[m] >= (decimal)t.MaximumMarge * budget) b.MonthsAtMaximum++;
            }
            Accumulate(b, series, t);
        }
        foreach (var b in billing.Values)
            b.Months = Enumerable.Range(0, Maanden)
                .Select(m => new MonthAmount(windowStart.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    b.Amount[m], b.Volume[m], b.HasMaximum[m] ? Math.Round(b.Maximum[m], 2) : null))
                .ToList();
        return billing;
    }

    private static void Accumulate(Billing b, Series series, IndicatorThresholds t)
    {
        var amounts = new List<decimal>();
        for (var m = 0; m < Maanden; m++)
        {
            b.Amount[m] += series.Amount[m];
            b.Volume[m] += series.Volume[m];
            if (series.Billed[m] && series.Amount[m] != 0) amounts.Add(Math.Round(series.Amount[m], 2));
        }
        if (amounts.Count < t.MinimumMaanden) return;
        b.Series++;
        if (amounts.All(a => a == amounts[0])) b.IdenticalSeries++;
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
                $"{commonGroup} (mediaan {medians[commonGroup].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)})",
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

    private sealed record Link(IReadOnlyList<string> Providers, IReadOnlyList<string> Directors, IReadOnlyList<string> Accounts);

    /// <summary>Providers linked by a shared director or a shared bank account (from the provider register and the PGB agreements).</summary>
    private static Dictionary<string, Link> Links(RunInputs inputs)
    {
        var byDirector = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var byAccount = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        static void Add(Dictionary<string, SortedSet<string>> map, string key, string provider)
        {
            if (!map.TryGetValue(key, out var set)) map[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(provider);
        }
        foreach (var p in inputs.Aanbieders)
        {
            foreach (var d in p.BestuurderIds) Add(byDirector, d, p.AanbiederId);
            foreach (var r in p.RekeningIds) Add(byAccount, r, p.AanbiederId);
        }
        foreach (var o in inputs.PgbOvereenkomsten)
            if (o.RekeningId is { Length: > 0 } r) Add(byAccount, r, o.AanbiederId);

        var providers = new Dictionary<string, (SortedSet<string> P, SortedSet<string> D, SortedSet<string> A)>(StringComparer.Ordinal);
        (SortedSet<string> P, SortedSet<string> D, SortedSet<string> A) For(string id)
        {
            if (!providers.TryGetValue(id, out var x)) providers[id] = x = (new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
            return x;
        }
        foreach (var (director, set) in byDirector.Where(x => x.Value.Count > 1))
            foreach (var id in set) { var x = For(id); x.D.Add(director); x.P.UnionWith(set.Where(o => o != id)); }
        foreach (var (account, set) in byAccount.Where(x => x.Value.Count > 1))
            foreach (var id in set) { var x = For(id); x.A.Add(account); x.P.UnionWith(set.Where(o => o != id)); }
        return providers.ToDictionary(x => x.Key, x => new Link(x.Value.P.ToList(), x.Value.D.ToList(), x.Value.A.ToList()), StringComparer.Ordinal);
    }
}
