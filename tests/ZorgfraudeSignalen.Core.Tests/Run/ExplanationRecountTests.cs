using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Run;

/// <summary>
/// Every number in a published explanation is what a reviewer counts by hand from the extracts. The recount here is
/// written apart from the run's code, plainly over the records (slow and obvious), and held against the text of each
/// fired indicator of the top of a generated municipality's list. The run is made without a BAG extract, so that a
/// building is a run of house numbers under one postcode and the recount needs no BAG logic of its own.
/// </summary>
public sealed class RecountMunicipality : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-recount-").FullName;
    public RunInputs Inputs { get; private set; } = null!;
    public RiskResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SynthetischeExtracten.Genereer(new GeneratorOptions { Seed = 4711, Aanbieders = 150, Clienten = 15_000 }, _root);
        var store = LocalStore.Open(Path.Combine(_root, "store"));
        await new Ingestor(store).IngestFolderAsync(Path.Combine(_root, "extracts"));
        var loaded = await SnapshotLoader.LoadInForceAsync(store);
        Inputs = (await loaded.ReadRecordsAsync()) with { BagAdressen = null };
        Result = RiskEngine.Compute(RunTables.From(Inputs), new RiskConfiguration(), "recount");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class ExplanationRecountTests(RecountMunicipality municipality) : IClassFixture<RecountMunicipality>
{
    private readonly RunInputs _inputs = municipality.Inputs;
    private readonly RiskResult _result = municipality.Result;

    private DateOnly Peil => _result.Peildatum;

    private static bool Covers(DateOnly start, DateOnly? end, DateOnly day) => start <= day && (end is null || end >= day);

    private static readonly HashSet<string> Expected = ["05", "15", "16", "17", "18"];

    /// <summary>The provider's active clients outside beschermd wonen and opvang, with their addresses.</summary>
    private List<Client> ActiveClients(string provider)
    {
        var allocations = _inputs.Toewijzingen.Where(t => Covers(t.Ingangsdatum, t.Einddatum, Peil)).ToList();
        var pgbExpected = allocations.Where(t => t.Leveringsvorm == Leveringsvorm.Pgb && Expected.Contains(t.Productcategorie)).Select(t => t.ClientId).ToHashSet();
        var relations = allocations.Where(t => t.AanbiederId == provider).Select(t => (t.ClientId, Expected: Expected.Contains(t.Productcategorie)))
            .Concat(_inputs.PgbOvereenkomsten.Where(o => o.AanbiederId == provider && Covers(o.Ingangsdatum, o.Einddatum, Peil))
                .Select(o => (o.ClientId, Expected: pgbExpected.Contains(o.ClientId))))
            .GroupBy(r => r.ClientId)
            .Where(g => !g.Any(r => r.Expected))
            .Select(g => g.Key).ToHashSet();
        return _inputs.Clienten.Where(c => relations.Contains(c.ClientId)).GroupBy(c => c.ClientId).Select(g => g.First()).ToList();
    }

    private static string Postcode(Adres a) => a.Postcode.Replace(" ", "").ToUpperInvariant();

    private Dictionary<string, HashSet<int>>? _numbers;

    /// <summary>Without BAG a building is a run of house numbers under one postcode, numbers at most 2 apart (docs/gebouwen-en-clusters.md).</summary>
    private string Building(Adres a)
    {
        _numbers ??= _inputs.Clienten.Select(c => c.Adres).Concat(_inputs.Aanbieders.Where(p => p.Vestiging is not null).Select(p => p.Vestiging!))
            .GroupBy(Postcode).ToDictionary(g => g.Key, g => g.Select(x => x.Huisnummer).ToHashSet());
        var numbers = _numbers.GetValueOrDefault(Postcode(a)) ?? [];
        var first = a.Huisnummer;
        while (numbers.Contains(first - 1) || numbers.Contains(first - 2)) first = numbers.Contains(first - 1) ? first - 1 : first - 2;
        return $"{Postcode(a)}-{first}";
    }

    private IEnumerable<(Signal Signal, IndicatorFinding Finding)> FiredInTop20() =>
        _result.Details.Where(d => d.Signal.Rang <= 20).SelectMany(d => d.Indicatoren.Where(f => f.Afgegaan).Select(f => (d.Signal, f)));

    [Fact]
    public void The_top_of_the_list_has_explanations_to_check()
    {
        Assert.True(_result.Details.Count(d => d.Signal.Rang <= 20) >= 5, $"only {_result.Details.Count} published");
        Assert.True(FiredInTop20().Select(x => x.Finding.Code).Distinct().Count() >= 3);
    }

    [Fact]
    public void Clients_in_the_providers_own_building_match_a_recount()
    {
        var checkedFindings = 0;
        foreach (var (signal, finding) in FiredInTop20().Where(x => x.Finding.Code == "COLOC_PAND"))
        {
            checkedFindings++;
            var clients = ActiveClients(signal.AanbiederId);
            var vestiging = _inputs.Aanbieders.First(a => a.AanbiederId == signal.AanbiederId).Vestiging!;
            var building = Building(vestiging);
            var inBuilding = clients.Count(c => Postcode(c.Adres) == Postcode(vestiging) && Building(c.Adres) == building);
            Assert.StartsWith($"{inBuilding} van de {clients.Count} cliënten van deze aanbieder wonen in het pand van de vestiging", finding.Feiten);
        }
        Assert.True(checkedFindings > 0, "no COLOC_PAND in the top 20 to check: " + string.Join("; ", _result.Signals.Take(20).Select(s => string.Join('|', s.Signalen))));
    }

    [Fact]
    public void Moves_shortly_before_care_match_a_recount()
    {
        // A client counts who registered at the address 0-60 days before the start of care with this provider (the
        // earliest start of the relations active on the peildatum) and lives in a building where another active client
        // of the provider lives, or in the building of its vestiging.
        var fired = FiredInTop20().Where(x => x.Finding.Code == "VERHUIS_START").ToList();
        Assert.NotEmpty(fired);
        foreach (var (signal, finding) in fired)
        {
            var provider = signal.AanbiederId;
            var clients = ActiveClients(provider);
            var starts = _inputs.Toewijzingen.Where(t => t.AanbiederId == provider && Covers(t.Ingangsdatum, t.Einddatum, Peil)).Select(t => (t.ClientId, Start: t.Ingangsdatum))
                .Concat(_inputs.PgbOvereenkomsten.Where(o => o.AanbiederId == provider && Covers(o.Ingangsdatum, o.Einddatum, Peil)).Select(o => (o.ClientId, Start: o.Ingangsdatum)))
                .GroupBy(r => r.ClientId).ToDictionary(g => g.Key, g => g.Min(r => r.Start));
            var vestiging = _inputs.Aanbieders.First(a => a.AanbiederId == provider).Vestiging;
            var own = vestiging is null ? null : Building(vestiging);
            var moved = clients.GroupBy(c => Building(c.Adres))
                .Where(b => b.Count() >= 2 || b.Key == own)
                .Sum(b => b.Count(c => starts[c.ClientId].DayNumber - c.AdresSinds.DayNumber is >= 0 and <= 60));
            Assert.StartsWith($"{moved} van de {clients.Count} cliënten verhuisden 60 dagen of korter voor de start van de zorg", finding.Feiten);
        }
    }

    [Fact]
    public void Hours_rates_and_growth_match_a_recount()
    {
        var checkedCodes = new HashSet<string>();
        foreach (var (signal, finding) in FiredInTop20())
        {
            checkedCodes.Add(finding.Code);
            var agreements = _inputs.PgbOvereenkomsten.Where(o => o.AanbiederId == signal.AanbiederId && Covers(o.Ingangsdatum, o.Einddatum, Peil)).ToList();
            switch (finding.Code)
            {
                case "UREN_ZORGVERLENER":
                    var persons = agreements.Where(o => o.OvereenkomstType != OvereenkomstType.Instelling).ToList();
                    Assert.Contains($"voor {persons.Select(o => o.ClientId).Distinct().Count()} budgethouder", finding.Feiten);
                    Assert.Contains($"samen {Nl.Getal((double)persons.Sum(o => o.UrenPerWeek))} uur per week", finding.Feiten);
                    break;
                case "PGB_TARIEF":
                    var rates = agreements.Select(o => o.Uurtarief).Order().ToList();
                    var median = rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[rates.Count / 2 - 1] + rates[rates.Count / 2]) / 2;
                    Assert.Contains($"Het mediane pgb-uurtarief is {Nl.Euro(Math.Round(median, 2))}", finding.Feiten);
                    break;
                case "PGB_UREN":
                    var (months, over) = PgbMonthsOverAgreement(signal.AanbiederId);
                    Assert.StartsWith($"In {over} van de {months} pgb-cliëntmaanden", finding.Feiten);
                    break;
                case "GROEI":
                    var starts = _inputs.Toewijzingen.Where(t => t.AanbiederId == signal.AanbiederId).Select(t => (t.ClientId, t.Ingangsdatum, Active: Covers(t.Ingangsdatum, t.Einddatum, Peil)))
                        .Concat(_inputs.PgbOvereenkomsten.Where(o => o.AanbiederId == signal.AanbiederId).Select(o => (o.ClientId, o.Ingangsdatum, Active: Covers(o.Ingangsdatum, o.Einddatum, Peil))))
                        .GroupBy(r => r.ClientId).Where(g => g.Any(r => r.Active)).ToList();
                    var recent = starts.Count(g => g.Min(r => r.Ingangsdatum) > Peil.AddMonths(-12));
                    Assert.StartsWith($"{recent} van de {starts.Count} cliënten zijn in het afgelopen jaar begonnen", finding.Feiten);
                    break;
            }
        }
        Assert.True(checkedCodes.Overlaps(["UREN_ZORGVERLENER", "PGB_TARIEF", "GROEI"]), "none of these indicators in the top 20 to check");
    }

    /// <summary>
    /// Providers sharing a director or an account (the provider's own accounts and the accounts its PGB agreements pay
    /// to); a director of more than 25 providers or an account of more than 10 is a service and links nobody.
    /// </summary>
    private (Dictionary<string, HashSet<string>> ByDirector, Dictionary<string, HashSet<string>> ByAccount) Links()
    {
        Dictionary<string, HashSet<string>> Groups(IEnumerable<(string Key, string Provider)> pairs, int cap) => pairs
            .Where(x => !string.IsNullOrWhiteSpace(x.Key)).GroupBy(x => x.Key.Trim())
            .Select(g => g.Select(x => x.Provider).ToHashSet()).Where(set => set.Count is >= 2 && set.Count <= cap)
            .SelectMany(set => set.Select(p => (p, set))).GroupBy(x => x.p)
            .ToDictionary(g => g.Key, g => g.SelectMany(x => x.set).Where(q => q != g.Key).ToHashSet());
        return (Groups(_inputs.Aanbieders.SelectMany(a => a.BestuurderIds.Select(d => (d, a.AanbiederId))), 25),
            Groups(_inputs.Aanbieders.SelectMany(a => a.RekeningIds.Select(r => (r, a.AanbiederId)))
                .Concat(_inputs.PgbOvereenkomsten.Select(o => (o.RekeningId ?? "", o.AanbiederId))), 10));
    }

    /// <summary>The active, non-expected relations on the peildatum with each client's building, and the chance model over them.</summary>
    private sealed record Located(
        List<(string Client, string Building, string Provider)> Pairs,
        Dictionary<(string Building, string Provider), int> PerEdge,
        Dictionary<string, int> PerBuilding,
        Dictionary<string, int> PerProvider,
        HashSet<string> MultiProvider)
    {
        /// <summary>k clients of a provider (or group) of this many located clients in the building are more than chance explains.</summary>
        public bool BeyondChance(string building, int k, int providerClients)
        {
            return k >= 3 && !MultiProvider.Contains(building) && PoissonTail(k, (double)PerBuilding[building] * providerClients / Pairs.Count) < 0.001;
        }
    }

    private Located LocatedRelations()
    {
        // Every active relation on the peildatum, by (client, provider); expected (residential care) when any relation is.
        var active = _inputs.Toewijzingen.Where(t => Covers(t.Ingangsdatum, t.Einddatum, Peil)).ToList();
        var pgbExpected = active.Where(t => t.Leveringsvorm == Leveringsvorm.Pgb && Expected.Contains(t.Productcategorie)).Select(t => t.ClientId).ToHashSet();
        var clients = _inputs.Clienten.GroupBy(c => c.ClientId).ToDictionary(g => g.Key, g => g.First());
        var buildingOf = new Dictionary<string, string>();
        string BuildingOf(Client c) => buildingOf.TryGetValue(c.ClientId, out var b) ? b : buildingOf[c.ClientId] = Building(c.Adres);
        var pairs = active.Select(t => (t.ClientId, t.AanbiederId, Expected: Expected.Contains(t.Productcategorie)))
            .Concat(_inputs.PgbOvereenkomsten.Where(o => Covers(o.Ingangsdatum, o.Einddatum, Peil)).Select(o => (o.ClientId, o.AanbiederId, Expected: pgbExpected.Contains(o.ClientId))))
            .GroupBy(r => (r.ClientId, r.AanbiederId))
            .Where(g => clients.ContainsKey(g.Key.ClientId) && !g.Any(r => r.Expected))
            .Select(g => (Client: g.Key.ClientId, Building: BuildingOf(clients[g.Key.ClientId]), Provider: g.Key.AanbiederId)).ToList();
        var perEdge = pairs.GroupBy(x => (x.Building, x.Provider)).ToDictionary(g => g.Key, g => g.Count());

        // Groups of linked providers; a building is a multi-provider building when four or more groups have clients
        // there and none has more than half of them.
        var (byDirector, byAccount) = Links();
        var group = new Dictionary<string, string>();
        foreach (var start in pairs.Select(x => x.Provider).Distinct().Order(StringComparer.Ordinal))
        {
            if (group.ContainsKey(start)) continue;
            var queue = new Queue<string>([start]);
            group[start] = start;
            while (queue.TryDequeue(out var q))
                foreach (var r in (byDirector.GetValueOrDefault(q) ?? []).Concat(byAccount.GetValueOrDefault(q) ?? []))
                    if (group.TryAdd(r, start)) queue.Enqueue(r);
        }
        var multi = perEdge.GroupBy(e => e.Key.Building).Where(b =>
        {
            var perGroup = b.GroupBy(e => group.GetValueOrDefault(e.Key.Provider, e.Key.Provider)).Select(g => g.Sum(e => e.Value)).ToList();
            return perGroup.Count >= 4 && perGroup.Max() <= 0.5 * perGroup.Sum();
        }).Select(b => b.Key).ToHashSet();
        return new Located(pairs, perEdge, pairs.GroupBy(x => x.Building).ToDictionary(g => g.Key, g => g.Count()),
            pairs.GroupBy(x => x.Provider).ToDictionary(g => g.Key, g => g.Count()), multi);
    }

    [Fact]
    public void Clients_in_buildings_beyond_chance_match_a_recount()
    {
        var located = LocatedRelations();
        var fired = FiredInTop20().Where(x => x.Finding.Code == "COLOC_PANDEN").ToList();
        Assert.NotEmpty(fired);
        foreach (var (signal, finding) in fired)
        {
            var size = located.PerProvider[signal.AanbiederId];
            var own = located.PerEdge.Where(e => e.Key.Provider == signal.AanbiederId && !located.MultiProvider.Contains(e.Key.Building)).ToList();
            var counted = own.Where(e => located.BeyondChance(e.Key.Building, e.Value, size)).ToList();
            var total = ActiveClients(signal.AanbiederId).Count;
            Assert.StartsWith($"{counted.Sum(e => e.Value)} van de {total} cliënten wonen in {counted.Count} {(counted.Count == 1 ? "pand" : "panden")} waar deze aanbieder meer cliënten heeft dan toeval verklaart", finding.Feiten);
            Assert.EndsWith($"de meeste in één pand: {own.Max(e => e.Value)}.", finding.Feiten);
        }
    }

    private static double PoissonTail(int k, double lambda)
    {
        double below = 0, term = Math.Exp(-lambda);
        for (var i = 0; i < k; i++) { below += term; term *= lambda / (i + 1); }
        return 1 - below;
    }

    [Fact]
    public void Clients_of_linked_providers_in_the_same_buildings_match_a_recount()
    {
        // Clients of linked providers, not the provider's own, in buildings where the provider has clients and where it,
        // the linked provider, or the linked providers together (as one provider) have more clients than chance explains.
        var located = LocatedRelations();
        var (byDirector, byAccount) = Links();
        var fired = FiredInTop20().Where(x => x.Finding.Code == "NETWERK").ToList();
        Assert.NotEmpty(fired);
        foreach (var (signal, finding) in fired)
        {
            var p = signal.AanbiederId;
            var linked = (byDirector.GetValueOrDefault(p) ?? []).Union(byAccount.GetValueOrDefault(p) ?? []).ToList();
            var group = linked.Append(p).ToHashSet();
            var groupSize = group.Sum(q => located.PerProvider.GetValueOrDefault(q));
            bool Alone(string q, string b) => located.PerEdge.TryGetValue((b, q), out var k) && located.BeyondChance(b, k, located.PerProvider[q]);
            bool Together(string b) => located.BeyondChance(b, located.PerEdge.Where(e => e.Key.Building == b && group.Contains(e.Key.Provider)).Sum(e => e.Value), groupSize);
            var ownClients = located.Pairs.Where(x => x.Provider == p).Select(x => x.Client).ToHashSet();
            var ownBuildings = located.Pairs.Where(x => x.Provider == p).Select(x => x.Building).ToHashSet();
            var seen = located.Pairs
                .Where(x => linked.Contains(x.Provider) && !ownClients.Contains(x.Client) && ownBuildings.Contains(x.Building)
                            && (Alone(p, x.Building) || Alone(x.Provider, x.Building) || Together(x.Building)))
                .Select(x => x.Client).Distinct().Count();
            Assert.Contains($"; {seen} {(seen == 1 ? "cliënt" : "cliënten")} van die aanbieders", finding.Feiten);
        }
    }

    [Fact]
    public void Network_links_match_a_recount_from_the_providers_extract()
    {
        var (byDirector, byAccount) = Links();

        var fired = FiredInTop20().Where(x => x.Finding.Code == "NETWERK").ToList();
        Assert.NotEmpty(fired);
        foreach (var (signal, finding) in fired)
        {
            var director = byDirector.GetValueOrDefault(signal.AanbiederId) ?? [];
            var account = byAccount.GetValueOrDefault(signal.AanbiederId) ?? [];
            var linked = director.Union(account).Count();
            Assert.StartsWith($"Verbonden met {linked} andere", finding.Feiten);
            Assert.Contains($"{director.Count} via een gedeelde bestuurder, {account.Count} via een gedeelde rekening", finding.Feiten);
        }
    }

    [Fact]
    public void Months_at_the_allocated_maximum_match_a_recount_from_the_contract()
    {
        // The contract's maximum per calendar month (per dag × days, per week × 52/12, per maand; part of a month pro rata
        // by days), whole units (etmaal, dagdeel, stuks) rounded down; a month counts when the provider declared on the
        // allocation, and is 'at the maximum' from 98 % of it. Residential care (05, 15-18) and fixed monthly prices do not count.
        var windowStart = new DateOnly(Peil.Year, Peil.Month, 1).AddMonths(-11);
        static double Hours(string unit) => unit switch { "01" => 1.0 / 60, "16" => 4.0, _ => 1.0 };
        double? Maximum(Toewijzing a, DateOnly month)
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var from = a.Ingangsdatum > month ? a.Ingangsdatum : month;
            var to = a.Einddatum is { } end && end < monthEnd ? end : monthEnd;
            if (to < from) return 0;
            double days = to.DayNumber - from.DayNumber + 1, volume = (double)a.Volume;
            double? max = a.Frequentie switch { "1" => volume * days, "2" => volume * 52 / 12 * days / monthEnd.Day, "4" => volume * days / monthEnd.Day, _ => null };
            return max is { } m && a.Eenheid is "14" or "16" or "82" or "84" ? Math.Floor(m + 1e-9) : max;
        }
        var fired = FiredInTop20().Where(x => x.Finding.Code == "MAX_DECL").ToList();
        Assert.NotEmpty(fired);
        foreach (var (signal, finding) in fired)
        {
            var allocations = _inputs.Toewijzingen.Where(t => t.AanbiederId == signal.AanbiederId && t.Leveringsvorm == Leveringsvorm.Zin
                && !Expected.Contains(t.Productcategorie) && !(t.Frequentie == "4" && t.Eenheid is "82" or "83")).ToDictionary(t => t.ToewijzingId);
            int months = 0, atMaximum = 0;
            foreach (var g in _inputs.Declaraties()
                         .Where(d => d.AanbiederId == signal.AanbiederId && d.ToewijzingId is { } id && allocations.ContainsKey(id) && d.PeriodeStart >= windowStart && d.PeriodeStart <= Peil)
                         .GroupBy(d => (d.ToewijzingId, Month: new DateOnly(d.PeriodeStart.Year, d.PeriodeStart.Month, 1))))
            {
                var a = allocations[g.Key.ToewijzingId!];
                if (Maximum(a, g.Key.Month) is not { } max || max <= 0) continue;
                months++;
                var declared = g.Sum(d => d.Eenheid == a.Eenheid ? (double)d.Volume : (double)d.Volume * Hours(d.Eenheid) / Hours(a.Eenheid));
                if (declared >= 0.98 * max) atMaximum++;
            }
            Assert.StartsWith($"In {atMaximum} van de {months} toewijzingsmaanden", finding.Feiten);
        }
    }

    [Fact]
    public void Same_amount_every_month_matches_a_recount_per_allocation()
    {
        // A series is an allocation (toewijzing_id), or in PGB a client; its amount per month is the sum of its lines
        // (credit notes net out); it counts with at least 4 billed months, and is 'the same' when every billed month is.
        // An allocation with a fixed price per month (items in output or an amount, per month) does not count.
        var windowStart = new DateOnly(Peil.Year, Peil.Month, 1).AddMonths(-11);
        var fixedPrice = _inputs.Toewijzingen.Where(t => t.Frequentie == "4" && t.Eenheid is "82" or "83").Select(t => t.ToewijzingId).ToHashSet();
        var fired = FiredInTop20().Where(x => x.Finding.Code == "GELIJK_BEDRAG").ToList();
        Assert.NotEmpty(fired);
        var providers = fired.Select(x => x.Signal.AanbiederId).ToHashSet();
        var series = _inputs.Declaraties()
            .Where(d => providers.Contains(d.AanbiederId) && d.PeriodeStart >= windowStart && d.PeriodeStart <= Peil && !fixedPrice.Contains(d.ToewijzingId ?? ""))
            .GroupBy(d => (d.AanbiederId, Key: d.ToewijzingId is { Length: > 0 } id ? id : "pgb:" + d.ClientId))
            .Select(g => (g.Key.AanbiederId, Months: g.GroupBy(d => (d.PeriodeStart.Year, d.PeriodeStart.Month)).Select(m => m.Sum(d => d.Bedrag)).Where(a => a != 0).ToList()))
            .Where(x => x.Months.Count >= 4)
            .ToList();
        foreach (var (signal, finding) in fired)
        {
            var own = series.Where(x => x.AanbiederId == signal.AanbiederId).ToList();
            var same = own.Count(x => x.Months.All(a => a == x.Months[0]));
            Assert.StartsWith($"Voor {same} van de {own.Count} toewijzingen (in pgb: cliënten) met declaraties in 4 of meer maanden", finding.Feiten);
        }
    }

    /// <summary>PGB client-months with agreed hours (all agreements of the pair, pro rata by days), and those declared above them by more than 10 %.</summary>
    private (int Months, int Over) PgbMonthsOverAgreement(string provider)
    {
        var windowStart = new DateOnly(Peil.Year, Peil.Month, 1).AddMonths(-11);
        var declared = _inputs.Declaraties()
            .Where(d => d.AanbiederId == provider && string.IsNullOrEmpty(d.ToewijzingId) && d.PeriodeStart >= windowStart && d.PeriodeStart <= Peil)
            .GroupBy(d => (d.ClientId, Month: new DateOnly(d.PeriodeStart.Year, d.PeriodeStart.Month, 1)));
        int months = 0, over = 0;
        foreach (var g in declared)
        {
            var monthEnd = g.Key.Month.AddMonths(1).AddDays(-1);
            var agreed = _inputs.PgbOvereenkomsten.Where(o => o.AanbiederId == provider && o.ClientId == g.Key.ClientId).Sum(o =>
            {
                var from = Math.Max(o.Ingangsdatum.DayNumber, g.Key.Month.DayNumber);
                var to = Math.Min(o.Einddatum?.DayNumber ?? int.MaxValue, monthEnd.DayNumber);
                return to < from ? 0 : (double)o.UrenPerWeek * 52 / 12 * (to - from + 1) / monthEnd.Day;
            });
            if (agreed <= 0) continue;
            months++;
            if ((double)g.Sum(d => d.Volume) > 1.10 * agreed) over++;
        }
        return (months, over);
    }

    [Fact]
    public void Billing_outside_an_allocation_matches_a_recount_by_days()
    {
        var windowStart = new DateOnly(Peil.Year, Peil.Month, 1).AddMonths(-11);
        var allocations = _inputs.Toewijzingen.GroupBy(t => t.ToewijzingId).ToDictionary(g => g.Key, g => g.First());
        var fired = FiredInTop20().Where(x => x.Finding.Code == "BUITEN_TOEW").ToList();
        Assert.NotEmpty(fired);
        var declarations = _inputs.Declaraties().Where(d => fired.Any(x => x.Signal.AanbiederId == d.AanbiederId)).ToList();
        foreach (var (signal, finding) in fired)
        {
            decimal total = 0, outside = 0;
            var agreements = _inputs.PgbOvereenkomsten.Where(o => o.AanbiederId == signal.AanbiederId).ToList();
            foreach (var d in declarations.Where(d => d.AanbiederId == signal.AanbiederId && d.PeriodeStart >= windowStart && d.PeriodeStart <= Peil))
            {
                total += d.Bedrag;
                var days = d.PeriodeEind.DayNumber - d.PeriodeStart.DayNumber + 1;
                int Covered(DateOnly from, DateOnly? to) =>
                    Math.Max(0, Math.Min(d.PeriodeEind.DayNumber, (to ?? DateOnly.MaxValue).DayNumber) - Math.Max(d.PeriodeStart.DayNumber, from.DayNumber) + 1);
                int covered;
                if (d.ToewijzingId is { Length: > 0 } id)
                    covered = allocations.TryGetValue(id, out var a) && a.ClientId == d.ClientId && a.AanbiederId == d.AanbiederId ? Covered(a.Ingangsdatum, a.Einddatum) : 0;
                else
                    covered = agreements.Where(o => o.ClientId == d.ClientId)
                        .Select(o => Covered(o.Ingangsdatum, o.Einddatum)).DefaultIfEmpty(0).Max();
                outside += Math.Round(d.Bedrag * (1 - (decimal)covered / days), 2, MidpointRounding.AwayFromZero);
            }
            Assert.Contains($"{Nl.Euro(outside)} van {Nl.Euro(total)}", finding.Feiten);
        }
    }
}
