using System.Text;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
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
        var relations = Relations(inputs, peildatum, yearEarlier);
        var pgbAllocations = PgbAllocationsByClient(inputs.Toewijzingen);
        var billing = BillingPass(inputs, windowStart, peildatum, t);
        var pgb = PgbRates(inputs, peildatum, pgbAllocations);
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

    private static decimal Cents(long cents) => cents / 100m;

    /// <summary>Per provider number: distinct clients in care at the peildatum, a year earlier, and of those now, how many started within the year.</summary>
    private sealed record RelationCounts(int[] Active, int[] ActiveYearEarlier, int[] New);

    /// <summary>
    /// Counts distinct (provider, client) relations by sorting rather than hashing: every allocation and agreement is
    /// one key with its start and whether it is in force now and a year earlier; care starts at the earliest start.
    /// </summary>
    private static RelationCounts Relations(RunTables inputs, DateOnly peildatum, DateOnly yearEarlier)
    {
        var allocations = inputs.Toewijzingen.Rows;
        var n = allocations.Length + inputs.PgbOvereenkomsten.Count;
        var keys = new long[n];
        var items = new long[n]; // start << 2 | in force now (1) | in force a year earlier (2)
        int now = peildatum.DayNumber, before = yearEarlier.DayNumber, k = 0;
        static long Item(int start, int end, int now, int before) =>
            (long)start << 2 | (start <= now && now <= end ? 1L : 0) | (start <= before && before <= end ? 2L : 0);
        foreach (ref readonly var a in allocations)
        {
            keys[k] = (long)a.Provider << 32 | (uint)a.Client;
            items[k++] = Item(a.Start, a.End, now, before);
        }
        for (var i = 0; i < inputs.PgbOvereenkomsten.Count; i++)
        {
            var o = inputs.PgbOvereenkomsten[i];
            var (client, provider) = inputs.AgreementParties[i];
            keys[k] = (long)provider << 32 | (uint)client;
            items[k++] = Item(o.Ingangsdatum.DayNumber, o.Einddatum?.DayNumber ?? int.MaxValue, now, before);
        }
        Array.Sort(keys, items);
        var providers = inputs.ProviderIds.Count;
        var counts = new RelationCounts(new int[providers], new int[providers], new int[providers]);
        for (var i = 0; i < n;)
        {
            var j = i;
            var start = long.MaxValue;
            long flags = 0;
            for (; j < n && keys[j] == keys[i]; j++)
            {
                start = Math.Min(start, items[j] >> 2);
                flags |= items[j] & 3;
            }
            var provider = (int)(keys[i] >> 32);
            if ((flags & 1) != 0) counts.Active[provider]++;
            if ((flags & 2) != 0) counts.ActiveYearEarlier[provider]++;
            if ((flags & 1) != 0 && start > before) counts.New[provider]++;
            i = j;
        }
        return counts;
    }

    /// <summary>How many allocations after the previous line's the pass checks before it looks an allocation id up.</summary>
    private const int Lookahead = 8;

    private sealed class Billing
    {
        public int MonthsWithMaximum, MonthsAtMaximum, Series, IdenticalSeries, OutsideCount;
        public long Total, Outside;
        public readonly long[] Amount = new long[Maanden];
        public readonly double[] Volume = new double[Maanden];
        public readonly double[] Maximum = new double[Maanden];
        public readonly bool[] HasMaximum = new bool[Maanden];
        public IReadOnlyList<MonthAmount> Months = [];
    }

    /// <summary>
    /// The billing series of the pass: one per allocation (ZIN, billed by the allocation's provider), per allocation
    /// and other provider, or per client–provider pair (PGB). Per series its totals, and per month the amount in cents
    /// and the volume in the allocation's unit. At national scale that is millions of series: plain arrays, in chunks.
    /// </summary>
    private sealed class SeriesTable
    {
        private const int ChunkBits = 16;
        private const int ChunkMask = (1 << ChunkBits) - 1;
        public struct Info
        {
            public int Provider;     // number in RunTables.ProviderIds
            public int Allocation;   // first row of the allocation, or -1
            public int Client;       // the declaring client of a series without an allocation (for its PGB budget), or -1
            public int Billed;       // bit m = billed in month m
            public int OutsideCount;
            public long Total, Outside;
        }
        private readonly List<Info[]> _infos = new();
        private readonly List<int[]> _cents = new();
        private readonly List<float[]> _volume = new();
        // Sums beyond an int of cents (more than 21 million euro in one month of one series) continue here.
        private Dictionary<long, long>? _large;

        public int Count { get; private set; }

        public ref Info this[int series] => ref _infos[series >> ChunkBits][series & ChunkMask];

        public int Add(int provider, int allocation, int client)
        {
            var s = Count++;
            if ((s & ChunkMask) == 0)
            {
                _infos.Add(new Info[1 << ChunkBits]);
                _cents.Add(new int[(1 << ChunkBits) * Maanden]);
                _volume.Add(new float[(1 << ChunkBits) * Maanden]);
            }
            this[s] = new Info { Provider = provider, Allocation = allocation, Client = client };
            return s;
        }

        public void AddMonth(int series, int month, long cents, double volume)
        {
            var chunk = series >> ChunkBits;
            var at = (series & ChunkMask) * Maanden + month;
            var sum = _cents[chunk][at] + cents;
            if (sum is > int.MaxValue or < int.MinValue)
            {
                var key = (long)series * Maanden + month;
                (_large ??= new())[key] = _large.GetValueOrDefault(key) + sum;
                sum = 0;
            }
            _cents[chunk][at] = (int)sum;
            _volume[chunk][at] += (float)volume;
        }

        public long Cents(int series, int month) =>
            _cents[series >> ChunkBits][(series & ChunkMask) * Maanden + month] + (_large?.GetValueOrDefault((long)series * Maanden + month) ?? 0);

        public double Volume(int series, int month) => _volume[series >> ChunkBits][(series & ChunkMask) * Maanden + month];
    }

    /// <summary>
    /// One pass over the declarations of the window. A declaration on an allocation counts for that allocation's
    /// series; it is outside the allocation when the allocation is unknown, belongs to another client or provider, or
    /// does not cover the period. A declaration without an allocation is PGB: outside unless an agreement between the
    /// client and the provider covers the period. Only providers of the providers extract are counted.
    /// </summary>
    /// <summary>Per client number the rows of its PGB allocations (its budgets), in extract order.</summary>
    private static Dictionary<int, List<int>> PgbAllocationsByClient(AllocationTable allocations)
    {
        var byClient = new Dictionary<int, List<int>>();
        for (var r = 0; r < allocations.Count; r++)
        {
            if (allocations[r].Leveringsvorm != Leveringsvorm.Pgb) continue;
            if (!byClient.TryGetValue(allocations[r].Client, out var list)) byClient[allocations[r].Client] = list = [];
            list.Add(r);
        }
        return byClient;
    }

    private static Billing?[] BillingPass(RunTables inputs, DateOnly windowStart, DateOnly peildatum, IndicatorThresholds t)
    {
        var allocations = inputs.Toewijzingen;
        var providerIds = inputs.ProviderIds;
        var clientIds = inputs.ClientIds;
        var counted = new bool[providerIds.Count];
        foreach (var p in inputs.Aanbieders) counted[providerIds.IndexOf(p.AanbiederId)] = true;

        static long Pair(int a, int b) => (long)a << 32 | (uint)b;
        var agreements = new Dictionary<long, List<PgbOvereenkomst>>();
        for (var i = 0; i < inputs.PgbOvereenkomsten.Count; i++)
        {
            var (client, provider) = inputs.AgreementParties[i];
            if (!agreements.TryGetValue(Pair(client, provider), out var list)) agreements[Pair(client, provider)] = list = [];
            list.Add(inputs.PgbOvereenkomsten[i]);
        }

        // Ids are looked up by their bytes: the declarations are read without making strings.
        var allocationIndex = new Utf8IdIndex(allocations.Ids);
        var providerIndex = new Utf8IdIndex(providerIds);
        // Client ids are only looked up for PGB lines and unknown allocations; a string lookup does for those.
        int ClientOf(ReadOnlySpan<byte> id) => clientIds.IndexOf(Encoding.UTF8.GetString(id));
        // The key of each allocation's client beside the allocation: checking that a declaration is for the allocation's
        // client then reads nothing but the allocation's own entries, which lie in order when declarations do.
        var clientKeyOfAllocation = new IdKey[allocations.Count];
        for (var r = 0; r < allocations.Count; r++) clientKeyOfAllocation[r] = IdKey.Of(clientIds[allocations[r].Client]);
        var series = new SeriesTable();
        var ofAllocation = new int[allocations.Ids.Count]; // series + 1 of an allocation billed by its own provider
        var other = new Dictionary<long, int>();           // (allocation, provider): another provider billing on it
        var pgb = new Dictionary<long, int>();             // (client, provider)
        var unknownAllocation = new Dictionary<(string Id, int Provider), int>(); // an allocation id not in the extract
        var unknownClient = new Dictionary<(string Id, int Provider), int>();     // a PGB client id not in the extracts
        int windowFrom = windowStart.DayNumber, windowTo = peildatum.DayNumber, previous = -2;

        foreach (var d in inputs.DeclarationLines())
        {
            if (d.End < windowFrom || d.Start > windowTo) continue;
            var periodStart = d.PeriodeStart;
            var month = (periodStart.Year - windowStart.Year) * 12 + periodStart.Month - windowStart.Month;
            if (month is < 0 or >= Maanden) continue;
            int s, provider;
            double outsideShare; // the part of the declared period outside the allocation or agreement, by days
            double declared;
            if (!d.Allocation.IsEmpty)
            {
                // Declaration files come in runs: the same allocation as the line before, or one of the next few (those
                // without a declaration that month are skipped). Those are checked before a lookup, and the provider
                // is checked against the allocation's own.
                var key = IdKey.Of(d.Allocation);
                var number = -1;
                for (var n = previous; n <= previous + Lookahead; n++)
                    if (allocationIndex.Is(n, d.Allocation, key)) { number = n; break; }
                if (number < 0) number = allocationIndex.IndexOf(d.Allocation, key);
                if (number >= 0) previous = number;
                var row = number < 0 ? -1 : allocations.FirstRow(number);
                var providerKey = IdKey.Of(d.Provider);
                provider = row >= 0 && providerIndex.Is(allocations[row].Provider, d.Provider, providerKey)
                    ? allocations[row].Provider : providerIndex.IndexOf(d.Provider, providerKey);
                if (provider < 0 || !counted[provider]) continue;
                if (row < 0)
                {
                    var client = ClientOf(d.Client);
                    var id = Encoding.UTF8.GetString(d.Allocation);
                    if (!unknownAllocation.TryGetValue((id, provider), out s)) unknownAllocation[(id, provider)] = s = series.Add(provider, -1, client);
                    outsideShare = 1;
                    declared = d.Volume;
                }
                else
                {
                    ref readonly var allocation = ref allocations.Rows[row];
                    if (allocation.Provider == provider)
                    {
                        s = ofAllocation[number] - 1;
                        if (s < 0) ofAllocation[number] = (s = series.Add(provider, row, -1)) + 1;
                    }
                    else if (!other.TryGetValue(Pair(number, provider), out s))
                        other[Pair(number, provider)] = s = series.Add(provider, row, -1);
                    var clientMatches = clientKeyOfAllocation[row] == IdKey.Of(d.Client)
                                        && (clientKeyOfAllocation[row].IsExact || IdKey.SameId(clientIds[allocation.Client], d.Client));
                    outsideShare = allocation.Provider != provider || !clientMatches ? 1 : OutsideShare(d.Start, d.End, allocation.Start, allocation.End);
                    declared = allocation.Eenheid == d.Eenheid ? d.Volume : InUnitOf(d.Volume, d.Eenheid, allocation.Eenheid);
                }
            }
            else
            {
                provider = providerIndex.IndexOf(d.Provider);
                if (provider < 0 || !counted[provider]) continue;
                var client = ClientOf(d.Client);
                if (client < 0)
                {
                    var id = Encoding.UTF8.GetString(d.Client);
                    if (!unknownClient.TryGetValue((id, provider), out s)) unknownClient[(id, provider)] = s = series.Add(provider, -1, client);
                }
                else if (!pgb.TryGetValue(Pair(client, provider), out s))
                    pgb[Pair(client, provider)] = s = series.Add(provider, -1, client);
                outsideShare = 1;
                if (client >= 0 && agreements.TryGetValue(Pair(client, provider), out var list))
                    foreach (var o in list)
                        outsideShare = Math.Min(outsideShare, OutsideShare(d.Start, d.End, o.Ingangsdatum.DayNumber, o.Einddatum?.DayNumber ?? int.MaxValue));
                declared = InUnitOf(d.Volume, d.Eenheid, "04"); // PGB declarations are in hours
            }
            ref var info = ref series[s];
            info.Total += d.Cents;
            if (outsideShare > 0)
            {
                info.Outside += (long)Math.Round(d.Cents * outsideShare, MidpointRounding.AwayFromZero);
                info.OutsideCount++;
            }
            info.Billed |= 1 << month;
            series.AddMonth(s, month, d.Cents, declared);
        }

        var billing = new Billing?[providerIds.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var info = series[s];
            var b = billing[info.Provider] ??= new Billing();
            b.Total += info.Total;
            b.Outside += info.Outside;
            b.OutsideCount += info.OutsideCount;
            var pgbAgreements = info.Allocation < 0 && info.Client >= 0 ? agreements.GetValueOrDefault(Pair(info.Client, info.Provider)) : null;
            var identical = true;
            var billedMonths = 0;
            long? first = null;
            for (var m = 0; m < Maanden; m++)
            {
                var amountM = series.Cents(s, m);
                var volumeM = series.Volume(s, m);
                b.Amount[m] += amountM;
                b.Volume[m] += volumeM;
                if ((info.Billed & (1 << m)) == 0) continue;
                var monthStart = windowStart.AddMonths(m);
                // The maximum in the allocation's unit (ZIN), or the agreed hours (PGB): never an amount against a budget,
                // so that a high hourly rate is not counted again as 'billing the maximum' (the rate has its own indicator).
                // ZIN: the allocated maximum, counted for MAX_DECL except in beschermd wonen and opvang (15-18), which are
                // billed every day by their nature. PGB: the agreed hours, shown beside the declared hours only — a
                // zorgovereenkomst states the hours actually worked, so declaring all of them is the norm, not a signal,
                // and the amount is never held against the budget (a high rate has its own indicator).
                var maximum = info.Allocation >= 0
                    ? WholeUnitMaximum(MonthlyMaximum(allocations[info.Allocation], monthStart), allocations[info.Allocation].Eenheid)
                    : pgbAgreements is not null ? AgreedHours(pgbAgreements, monthStart) : null;
                if (maximum is { } max && max > 0)
                {
                    if (info.Allocation >= 0 && !BuildingOptions.Default.ExpectedCoLocationCategories.Contains(allocations[info.Allocation].Productcategorie))
                    {
                        b.MonthsWithMaximum++;
                        if (volumeM >= t.MaximumMarge * max) b.MonthsAtMaximum++;
                    }
                    b.Maximum[m] += max;
                    b.HasMaximum[m] = true;
                }
                if (amountM == 0) continue;
                billedMonths++;
                first ??= amountM;
                identical &= amountM == first;
            }
            if (billedMonths >= t.MinimumMaanden)
            {
                b.Series++;
                if (identical) b.IdenticalSeries++;
            }
        }
        foreach (var b in billing)
            if (b is not null)
                b.Months = Enumerable.Range(0, Maanden)
                    .Select(m => new MonthAmount(windowStart.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                        Cents(b.Amount[m]), Math.Round((decimal)b.Volume[m], 2), b.HasMaximum[m] ? Math.Round((decimal)b.Maximum[m], 2) : null))
                    .ToList();
        return billing;
    }

    /// <summary>The share of the days of a declared period [start, end] outside a validity [from, to]: 0 inside, 1 wholly outside.</summary>
    internal static double OutsideShare(int start, int end, int from, int to)
    {
        var days = end - start + 1;
        if (days <= 0) return start >= from && start <= to ? 0 : 1;
        var covered = Math.Max(0, Math.Min(end, to) - Math.Max(start, from) + 1);
        return 1 - (double)covered / days;
    }

    /// <summary>
    /// Care in whole units (etmaal 14, dagdeel 16, stuks 82 and 84) cannot be billed in fractions: 2 dagdelen a week
    /// allows 8 in a month, not 8.67. The maximum is then the whole number of units the month allows.
    /// </summary>
    internal static double? WholeUnitMaximum(decimal? maximum, string eenheid) =>
        maximum is not { } max ? null : eenheid is "14" or "16" or "82" or "84" ? Math.Floor((double)max + 1e-9) : (double)max;

    /// <summary>A PGB client–carer pair's agreed hours in a month: uren_per_week × 52/12, pro rata by the days each agreement covers.</summary>
    private static double? AgreedHours(List<PgbOvereenkomst> agreements, DateOnly monthStart)
    {
        double? hours = null;
        foreach (var o in agreements)
            if (MonthlyMaximum(o.Ingangsdatum.DayNumber, o.Einddatum?.DayNumber ?? int.MaxValue, o.UrenPerWeek, "2", monthStart) is { } h && h > 0)
                hours = (hours ?? 0) + (double)h;
        return hours;
    }

    /// <summary>A declared volume in the allocation's unit: minutes, hours and dagdelen (4 hours) convert; other units must match.</summary>
    private static double InUnitOf(double volume, string from, string to)
    {
        if (from == to) return volume;
        static double? Hours(string unit) => unit switch { "01" => 1.0 / 60, "04" => 1.0, "16" => 4.0, _ => null };
        return Hours(from) is { } f && Hours(to) is { } t ? volume * f / t : volume;
    }

    /// <summary>
    /// The contract's allocated maximum for the part of a calendar month the allocation covers, in the allocation's
    /// unit: per day × days; per week × 52/12 pro rata; per month pro rata; 'totaal' has no monthly cap (null).
    /// </summary>
    public static decimal? MonthlyMaximum(Toewijzing a, DateOnly monthStart) =>
        MonthlyMaximum(a.Ingangsdatum.DayNumber, a.Einddatum?.DayNumber ?? int.MaxValue, a.Volume, a.Frequentie, monthStart);

    private static decimal? MonthlyMaximum(in AllocationTable.Row a, DateOnly monthStart) =>
        MonthlyMaximum(a.Start, a.End, a.Volume, a.Frequentie, monthStart);

    private static decimal? MonthlyMaximum(int start, int end, decimal volume, string frequentie, DateOnly monthStart)
    {
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var from = Math.Max(start, monthStart.DayNumber);
        var to = Math.Min(end, monthEnd.DayNumber);
        if (to < from) return 0;
        var days = to - from + 1;
        var daysInMonth = monthEnd.Day;
        return frequentie switch
        {
            "1" => volume * days,
            "2" => volume * 52m / 12m * days / daysInMonth,
            "4" => volume * days / daysInMonth,
            _ => null,
        };
    }

    /// <summary>
    /// A provider's peer group: how it delivers (ZIN or PGB), its most common productcategorie, and what kind of
    /// provider it is (an institution in ZIN; in PGB the most common agreement type: instelling, opdracht,
    /// arbeidsovereenkomst or familie). Ties go to the ordinally first value, so the group does not depend on input order.
    /// </summary>
    private static (string Leveringsvorm, string Categorie, string Soort) PeerOf(Dictionary<string, int>? zin, Rate? pgb)
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

    private sealed record Rate(int Agreements, double? MedianRate, double? Factor, string? Reference, int BudgetHolders, double HoursPerWeek,
        string Category, string Kind);

    /// <summary>PGB hourly rates against the median for the same agreement type and product category, over agreements active at the peildatum.</summary>
    private static Dictionary<string, Rate> PgbRates(RunTables inputs, DateOnly peildatum, Dictionary<int, List<int>> pgbAllocations)
    {
        var allocations = inputs.Toewijzingen;
        var day = peildatum.DayNumber;
        // A client's category: that of its PGB allocation in force at the peildatum with the (ordinally) lowest id.
        var category = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (client, rows) in pgbAllocations)
        {
            var inForce = rows.Where(r => allocations[r].Covers(day)).ToList();
            if (inForce.Count > 0)
                category.Add(inputs.ClientIds[client], allocations[inForce.MinBy(r => allocations.Ids[allocations[r].Id], StringComparer.Ordinal)].Productcategorie);
        }
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
            string Most(Func<(PgbOvereenkomst Agreement, string Group), string> key) =>
                g.GroupBy(key, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            result[g.Key] = new Rate(
                g.Count(),
                Median(g.Select(x => (double)x.Agreement.Uurtarief)),
                Median(ratios),
                $"{commonGroup} ({Nl.Euro((decimal)Math.Round(medians[commonGroup], 2))})",
                persons.Select(x => x.Agreement.ClientId).Distinct(StringComparer.Ordinal).Count(),
                persons.Sum(x => (double)x.Agreement.UrenPerWeek),
                Most(x => category.GetValueOrDefault(x.Agreement.ClientId, "??")),
                Most(x => x.Agreement.OvereenkomstType.ToString().ToLowerInvariant()));
        }
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Model.RobustScaler.Quantile(sorted, 0.5);
    }
}
