using System.Text;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// One pass over the declarations of the window. A declaration on an allocation counts for that allocation's
/// series; it is outside the allocation when the allocation is unknown, belongs to another client or provider, or
/// does not cover the period. A declaration without an allocation is PGB: outside unless an agreement between the
/// client and the provider covers the period. Only providers of the providers extract are counted.
/// </summary>
internal static class BillingPass
{
    private const int Maanden = ProviderFactsBuilder.Maanden;

    /// <summary>How many allocations after the previous line's the pass checks before it looks an allocation id up.</summary>
    private const int Lookahead = 8;

    /// <summary>A provider's billing over the window: totals, counts and per month the amount, volume and maximum.</summary>
    internal sealed class Billing
    {
        public int MonthsWithMaximum, MonthsAtMaximum, Series, IdenticalSeries, OutsideCount;
        /// <summary>PGB client-months with agreed hours, and of those with more hours declared than agreed (beyond the margin).</summary>
        public int PgbMonthsWithAgreement, PgbMonthsOverAgreement;
        public long Total, Outside;
        public readonly long[] Amount = new long[Maanden];
        public readonly double[] Volume = new double[Maanden];
        public readonly double[] Maximum = new double[Maanden];
        public readonly bool[] HasMaximum = new bool[Maanden];
        public IReadOnlyList<MonthAmount> Months = [];
    }

    internal static Billing?[] Run(RunTables inputs, DateOnly windowStart, DateOnly peildatum, IndicatorThresholds t, int batchSize = BatchSize)
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
        // Client ids are only looked up for PGB lines and unknown allocations. A PGB line's client matters only when it
        // has an agreement (for the share outside it and the agreed hours); other clients' lines are grouped by their
        // id. So PGB lines look their client up by its bytes among the clients with an agreement (an index of all 1.2
        // million clients took 150 MB more at the national peak), and otherwise by a string.
        int ClientOf(ReadOnlySpan<byte> id) => clientIds.IndexOf(Encoding.UTF8.GetString(id));
        var agreementClientIds = new IdTable(agreements.Count);
        var agreementClients = new List<int>();
        foreach (var (client, _) in inputs.AgreementParties)
            if (client >= 0 && agreementClientIds.GetOrAdd(clientIds[client]) == agreementClients.Count) agreementClients.Add(client);
        var agreementClientIndex = new Utf8IdIndex(agreementClientIds);
        // The key of each allocation's client beside the allocation: checking that a declaration is for the allocation's
        // client then reads nothing but the allocation's own entries, which lie in order when declarations do.
        var clientKeyOfAllocation = new IdKey[allocations.Count];
        for (var r = 0; r < allocations.Count; r++) clientKeyOfAllocation[r] = IdKey.Of(clientIds[allocations[r].Client]);
        var series = new SeriesTable(Maanden);
        var ofAllocation = new int[allocations.Ids.Count]; // series + 1 of an allocation billed by its own provider
        var other = new Dictionary<long, int>();           // (allocation, provider): another provider billing on it
        var pgb = new Dictionary<long, int>();             // (client, provider)
        var unknownAllocation = new Dictionary<(string Id, int Provider), int>(); // an allocation id not in the extract
        var byClientId = new Dictionary<(string Id, int Provider), int>();        // a PGB client without an agreement
        int windowFrom = windowStart.DayNumber, windowTo = peildatum.DayNumber;

        // Which series a declaration counts for and what it adds, from the line alone (the tables are only read).
        // `previous` is only a hint where to look first: the answer does not depend on it.
        void Resolve(DeclarationLine d, ref Resolved r, ref int previous)
        {
            r = default;
            if (d.End < windowFrom || d.Start > windowTo) return;
            var periodStart = d.PeriodeStart;
            var month = (periodStart.Year - windowStart.Year) * 12 + periodStart.Month - windowStart.Month;
            if (month is < 0 or >= Maanden) return;
            double outsideShare; // the part of the declared period outside the allocation or agreement, by days
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
                var provider = row >= 0 && providerIndex.Is(allocations[row].Provider, d.Provider, providerKey)
                    ? allocations[row].Provider : providerIndex.IndexOf(d.Provider, providerKey);
                if (provider < 0 || !counted[provider]) return;
                r.Provider = provider;
                if (row < 0)
                {
                    r.Kind = SeriesKind.UnknownAllocation;
                    r.Client = ClientOf(d.Client);
                    r.Id = Encoding.UTF8.GetString(d.Allocation);
                    outsideShare = 1;
                    r.Declared = d.Volume;
                }
                else
                {
                    ref readonly var allocation = ref allocations.Rows[row];
                    r.Kind = allocation.Provider == provider ? SeriesKind.Allocation : SeriesKind.OtherProvider;
                    r.Allocation = number;
                    r.Row = row;
                    var clientMatches = clientKeyOfAllocation[row] == IdKey.Of(d.Client)
                                        && (clientKeyOfAllocation[row].IsExact || IdKey.SameId(clientIds[allocation.Client], d.Client));
                    outsideShare = allocation.Provider != provider || !clientMatches ? 1 : OutsideShare(d.Start, d.End, allocation.Start, allocation.End);
                    r.Declared = allocation.Eenheid == d.Eenheid ? d.Volume : InUnitOf(d.Volume, d.Eenheid, allocation.Eenheid);
                }
            }
            else
            {
                var provider = providerIndex.IndexOf(d.Provider);
                if (provider < 0 || !counted[provider]) return;
                r.Provider = provider;
                var withAgreement = agreementClientIndex.IndexOf(d.Client);
                var client = r.Client = withAgreement < 0 ? -1 : agreementClients[withAgreement];
                if (client < 0)
                {
                    r.Kind = SeriesKind.ClientId;
                    r.Id = Encoding.UTF8.GetString(d.Client);
                }
                else r.Kind = SeriesKind.Pgb;
                outsideShare = 1;
                if (client >= 0 && agreements.TryGetValue(Pair(client, provider), out var list))
                    foreach (var o in list)
                        outsideShare = Math.Min(outsideShare, OutsideShare(d.Start, d.End, o.Ingangsdatum.DayNumber, o.Einddatum?.DayNumber ?? int.MaxValue));
                r.Declared = InUnitOf(d.Volume, d.Eenheid, "04"); // PGB declarations are in hours
            }
            r.Month = month;
            r.Cents = d.Cents;
            r.IsOutside = outsideShare > 0;
            if (r.IsOutside) r.OutsideCents = (long)Math.Round(d.Cents * outsideShare, MidpointRounding.AwayFromZero);
        }

        // Adds a resolved declaration to its series, in the order of the declarations file: the series are numbered
        // and their sums (the volumes in floating point) made in the same order as a single pass over the file.
        void Add(in Resolved r)
        {
            int s;
            switch (r.Kind)
            {
                case SeriesKind.Allocation:
                    s = ofAllocation[r.Allocation] - 1;
                    if (s < 0) ofAllocation[r.Allocation] = (s = series.Add(r.Provider, r.Row, -1)) + 1;
                    break;
                case SeriesKind.OtherProvider:
                    if (!other.TryGetValue(Pair(r.Allocation, r.Provider), out s))
                        other[Pair(r.Allocation, r.Provider)] = s = series.Add(r.Provider, r.Row, -1);
                    break;
                case SeriesKind.UnknownAllocation:
                    if (!unknownAllocation.TryGetValue((r.Id!, r.Provider), out s)) unknownAllocation[(r.Id!, r.Provider)] = s = series.Add(r.Provider, -1, r.Client);
                    break;
                case SeriesKind.Pgb:
                    if (!pgb.TryGetValue(Pair(r.Client, r.Provider), out s)) pgb[Pair(r.Client, r.Provider)] = s = series.Add(r.Provider, -1, r.Client);
                    break;
                case SeriesKind.ClientId:
                    if (!byClientId.TryGetValue((r.Id!, r.Provider), out s)) byClientId[(r.Id!, r.Provider)] = s = series.Add(r.Provider, -1, r.Client);
                    break;
                default:
                    return;
            }
            ref var info = ref series[s];
            info.Total += r.Cents;
            if (r.IsOutside)
            {
                info.Outside += r.OutsideCents;
                info.OutsideCount++;
            }
            info.Billed |= 1 << r.Month;
            series.AddMonth(s, r.Month, r.Cents, r.Declared);
        }

        PassInBatches(inputs.DeclarationLines, batchSize, Resolve, Add);
        // The maximum in the allocation's unit (ZIN), or the agreed hours (PGB): never an amount against a budget,
        // so that a high hourly rate is not counted again as 'billing the maximum' (the rate has its own indicator).
        // ZIN: counted for MAX_DECL except in woondiensten, beschermd wonen and opvang (05, 15-18), billed every day by
        // their nature, and in products with a fixed price per month (FixedPricePerMonth), billed in full every month by
        // theirs. PGB: counted for PGB_UREN only above the agreed hours — a zorgovereenkomst states the hours actually
        // worked, so declaring all of them is the norm, declaring more is not.
        var monthStarts = Enumerable.Range(0, Maanden).Select(m => windowStart.AddMonths(m)).ToArray();
        double? Maximum(in SeriesTable.Info info, int m) =>
            info.Allocation >= 0
                ? WholeUnitMaximum(MonthlyMaximum(allocations[info.Allocation], monthStarts[m]), allocations[info.Allocation].Eenheid)
                : info.Client >= 0 && agreements.TryGetValue(Pair(info.Client, info.Provider), out var pgbAgreements) ? AgreedHours(pgbAgreements, monthStarts[m]) : null;

        // The maxima (decimal arithmetic, the larger part of this loop) are worked out on both cores a block of series
        // at a time; the sums over series are then made in series order, as always.
        const int Block = 1 << 14;
        var maxima = new double[Block * Maanden]; // NaN: no maximum
        var countsForMaxDecl = new bool[Block];
        var fixedPrice = new bool[Block];
        var billing = new Billing?[providerIds.Count];
        for (var from = 0; from < series.Count; from += Block)
        {
            var to = Math.Min(series.Count, from + Block);
            Parallel.For(from, to, s =>
            {
                ref readonly var info = ref series[s];
                var i = s - from;
                fixedPrice[i] = info.Allocation >= 0 && FixedPricePerMonth(allocations[info.Allocation].Eenheid, allocations[info.Allocation].Frequentie);
                countsForMaxDecl[i] = info.Allocation >= 0 && !fixedPrice[i] && !BuildingOptions.Default.ExpectedCoLocationCategories.Contains(allocations[info.Allocation].Productcategorie);
                for (var m = 0; m < Maanden; m++)
                    if ((info.Billed & (1 << m)) != 0) maxima[i * Maanden + m] = Maximum(info, m) ?? double.NaN;
            });
            for (var s = from; s < to; s++)
            {
                var info = series[s];
                var b = billing[info.Provider] ??= new Billing();
                b.Total += info.Total;
                b.Outside += info.Outside;
                b.OutsideCount += info.OutsideCount;
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
                    var max = maxima[(s - from) * Maanden + m];
                    if (max > 0)
                    {
                        if (countsForMaxDecl[s - from])
                        {
                            b.MonthsWithMaximum++;
                            if (volumeM >= t.MaximumMarge * max) b.MonthsAtMaximum++;
                        }
                        else if (info.Allocation < 0)
                        {
                            b.PgbMonthsWithAgreement++;
                            if (volumeM > (1 + t.MargeBovenAfspraak) * max) b.PgbMonthsOverAgreement++;
                        }
                        b.Maximum[m] += max;
                        b.HasMaximum[m] = true;
                    }
                    if (amountM == 0) continue;
                    billedMonths++;
                    first ??= amountM;
                    identical &= amountM == first;
                }
                if (billedMonths >= t.MinimumMaanden && !fixedPrice[s - from])
                {
                    b.Series++;
                    if (identical) b.IdenticalSeries++;
                }
            }
        }
        foreach (var b in billing)
            if (b is not null)
                b.Months = Enumerable.Range(0, Maanden)
                    .Select(m => new MonthAmount(windowStart.AddMonths(m).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                        ProviderFactsBuilder.Cents(b.Amount[m]), Math.Round((decimal)b.Volume[m], 2), b.HasMaximum[m] ? Math.Round((decimal)b.Maximum[m], 2) : null))
                    .ToList();
        return billing;
    }

    /// <summary>
    /// An allocation of a fixed number of items per month in output (eenheid 82) or of an amount per month (83): a
    /// monthly price such as a rented hulpmiddel or an output-funded monthly rate. Billing it in full, the same amount
    /// every month, is the product itself, so it counts neither for MAX_DECL nor for GELIJK_BEDRAG.
    /// </summary>
    internal static bool FixedPricePerMonth(string eenheid, string frequentie) =>
        frequentie == "4" && eenheid is "82" or "83";

    private enum SeriesKind : byte { None, Allocation, OtherProvider, UnknownAllocation, Pgb, ClientId }

    /// <summary>A declaration as it counts: its series (kind, allocation or client, provider), month and sums.</summary>
    private struct Resolved
    {
        public SeriesKind Kind;
        public bool IsOutside;
        public int Month, Provider, Allocation, Row, Client;
        public long Cents, OutsideCents;
        public double Declared;
        public string? Id; // an allocation or client id not in the extracts
    }

    private delegate void ResolveLine(DeclarationLine line, ref Resolved resolved, ref int previous);
    private delegate void AddLine(in Resolved resolved);

    /// <summary>Declarations per batch handed from the reading thread to the adding one.</summary>
    private const int BatchSize = 4096;

    private sealed class Batch(int size)
    {
        public readonly DeclarationLine[] Lines = Enumerable.Range(0, size).Select(_ => new DeclarationLine()).ToArray();
        public readonly Resolved[] Resolved = new Resolved[size];
        public int Count;
    }

    /// <summary>
    /// The pass on two threads, for the machine's second core (a single thread left it mostly idle). Finding a
    /// declaration's series (lookups, dates, shares) depends on the line alone, so it may run anywhere; adding to the
    /// series must follow the file, so that series are numbered and floating-point sums made exactly as in one pass.
    /// One thread reads the snapshot (and checks its hash, as before) in batches and resolves the first half of each;
    /// this thread resolves the second half and then adds the whole batch, in file order. The result is the same as
    /// that of a single thread, on any machine; a read that fails (a damaged snapshot) fails the pass with its own
    /// exception.
    /// </summary>
    private static void PassInBatches(Func<IEnumerable<DeclarationLine>> lines, int batchSize, ResolveLine resolve, AddLine add)
    {
        var half = batchSize / 2;
        using var cancel = new CancellationTokenSource();
        using var full = new System.Collections.Concurrent.BlockingCollection<Batch>(boundedCapacity: 2);
        using var free = new System.Collections.Concurrent.BlockingCollection<Batch>();
        for (var i = 0; i < 4; i++) free.Add(new Batch(batchSize));

        var reader = Task.Run(() =>
        {
            try
            {
                var previous = -2;
                var batch = free.Take(cancel.Token);
                void Hand()
                {
                    for (var i = 0; i < Math.Min(half, batch.Count); i++) resolve(batch.Lines[i], ref batch.Resolved[i], ref previous);
                    full.Add(batch, cancel.Token);
                }
                foreach (var line in lines())
                {
                    batch.Lines[batch.Count++].CopyFrom(line);
                    if (batch.Count < batchSize) continue;
                    Hand();
                    batch = free.Take(cancel.Token);
                    batch.Count = 0;
                }
                if (batch.Count > 0) Hand();
            }
            finally
            {
                full.CompleteAdding();
            }
        });

        try
        {
            var previous = -2;
            foreach (var batch in full.GetConsumingEnumerable(cancel.Token))
            {
                for (var i = half; i < batch.Count; i++) resolve(batch.Lines[i], ref batch.Resolved[i], ref previous);
                for (var i = 0; i < batch.Count; i++) add(in batch.Resolved[i]);
                batch.Count = 0;
                free.Add(batch);
            }
        }
        catch
        {
            cancel.Cancel();
            try { reader.Wait(); } catch (AggregateException) { } // this thread's exception is the one to report
            throw;
        }
        reader.GetAwaiter().GetResult(); // the read's own exception, e.g. a damaged snapshot
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
}
