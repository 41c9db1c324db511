using System.Security.Cryptography;
using System.Text;
using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Buildings;

/// <summary>
/// The provider–building graph in flat arrays (national scale: about a million clients and buildings), built once by
/// <see cref="BuildingAnalysis.Analyse"/>. Indices: providers 0..P-1, buildings 0..B-1 (BAG panden first, then fallback
/// buildings), clients 0..C-1 in extract order, pairs = distinct (client, provider) relations active on the peildatum.
/// </summary>
internal sealed class BuildingGraph
{
    public BuildingOptions Options { get; }
    public DateOnly Peildatum { get; }
    public BagIndex? Bag { get; }
    public ClientTable Clienten { get; }

    // Buildings.
    public int BuildingCount { get; private set; }
    private readonly int _bagBuildings;
    private readonly List<long> _fallbackCodes = new();
    private readonly Dictionary<long, int> _fallbackIndex = new();
    // Without BAG: per (postcode, huisnummer) the first and last number of its run (see HouseNumberRuns).
    private readonly Dictionary<long, (int First, int Last)>? _runs;
    public bool[] IsMultiProvider { get; private set; } = [];

    // Clients.
    public int[] ClientBuilding { get; }
    public byte[] ClientResolutie { get; }
    public int[] ClientRow { get; }
    public int[] ClientBagEntry { get; }
    /// <summary>adres_sinds as a day number, kept beside the other per-client arrays for the facts loop.</summary>
    public int[] ClientSince { get; }

    // Providers.
    public List<string> ProviderIds { get; } = new();
    public List<string?> ProviderNames { get; } = new();
    public List<int> VestigingBuilding { get; } = new();
    public List<Aanbieder?> ProviderRecords { get; } = new();
    public Dictionary<string, int> ProviderIndex { get; } = new(StringComparer.Ordinal);
    // Graph provider per number of RunTables.ProviderIds (-1: not in the graph yet).
    private readonly int[] _providerOfId;
    private readonly IdTable _providerIds;
    public int ProviderCount => ProviderIds.Count;

    // Pairs.
    public List<int> PairClient { get; } = new();
    private readonly List<int> PairProvider = new();
    public List<int> PairStart { get; } = new();
    public List<bool> PairExpected { get; } = new();
    /// <summary>Pairs ordered by (building, provider); pairs of clients without a building come last.</summary>
    public int[] PairsByBuilding { get; private set; } = [];
    public int[] BuildingPairStart { get; private set; } = [];
    public int[] PairsByProvider { get; private set; } = [];
    public int[] ProviderPairStart { get; private set; } = [];

    // Edges: (building, provider) with active clients, ordered by building then provider.
    public int[] EdgeBuilding { get; private set; } = [];
    public int[] EdgeProvider { get; private set; } = [];
    public int[] EdgeCount { get; private set; } = [];
    public int[] EdgeExpected { get; private set; } = [];
    public int[] BuildingEdgeStart { get; private set; } = [];
    public int[] EdgesByProvider { get; private set; } = [];
    public int[] ProviderEdgeStart { get; private set; } = [];

    // Provider links.
    public List<(int A, int B, string Soort, string Via)> Links { get; } = new();
    public List<int>[] DirectorLinked { get; private set; } = [];
    public List<int>[] AccountLinked { get; private set; } = [];
    /// <summary>Per provider the root of its group of linked providers (fixed after the links, so readers need not share the union-find).</summary>
    public int[] RelatedRoot { get; private set; } = [];

    // Clusters.
    public string?[] ProviderCluster { get; private set; } = [];
    private string?[] BuildingCluster = [];
    public List<ClusterDraft> Clusters { get; } = new();

    // How the clients' addresses were resolved (ResolutieOverzicht).
    public int ViaBagId { get; private set; }
    public int ViaBagAdres { get; private set; }
    public int Terugval { get; private set; }
    public int Ongeldig { get; private set; }
    public int RelatiesZonderClient { get; private set; }

    internal sealed record ClusterDraft(string Id, int Anchor, List<int> Providers, List<int> Buildings);

    public BuildingGraph(RunTables inputs, DateOnly peildatum, BuildingOptions options)
    {
        Options = options;
        Peildatum = peildatum;
        Clienten = inputs.Clienten;
        if (inputs.Bag is { Entries.Count: > 0 } bag) Bag = bag;
        _bagBuildings = Bag?.PandCount ?? 0;
        BuildingCount = _bagBuildings;
        _providerIds = inputs.ProviderIds;
        _providerOfId = new int[_providerIds.Count];
        Array.Fill(_providerOfId, -1);

        var c = inputs.Clienten.Count;
        ClientBuilding = new int[c];
        ClientResolutie = new byte[c];
        ClientRow = new int[c];
        ClientBagEntry = new int[c];
        ClientSince = new int[c];
        if (Bag is null)
        {
            _fallbackIndex.EnsureCapacity(c);
            _fallbackCodes.Capacity = c;
            _runs = HouseNumberRuns(inputs);
        }
        for (var i = 0; i < c; i++)
        {
            var client = inputs.Clienten[i];
            ClientSince[i] = client.Since;
            (ClientBuilding[i], var res, ClientRow[i], ClientBagEntry[i]) = Resolve(client, inputs.Clienten, i);
            ClientResolutie[i] = (byte)res;
        }

        foreach (var a in inputs.Aanbieders)
        {
            if (ProviderIndex.ContainsKey(a.AanbiederId)) continue;
            var p = AddProvider(a.AanbiederId, a);
            if (a.Vestiging is not null) VestigingBuilding[p] = Resolve(a.Vestiging, a.VestigingNummeraanduidingId).Building;
        }

        BuildPairs(inputs, peildatum);
        BuildLinks(inputs);
        BuildEdges();
        MarkMultiProviderBuildings();
        MarkQualifyingEdges();
        BuildClusters();
    }

    private int AddProvider(string id, Aanbieder? record)
    {
        var p = ProviderIds.Count;
        if (_providerIds.IndexOf(id) is var number and >= 0) _providerOfId[number] = p;
        ProviderIndex.Add(id, p);
        ProviderIds.Add(id);
        ProviderNames.Add(record?.Naam);
        ProviderRecords.Add(record);
        VestigingBuilding.Add(-1);
        return p;
    }

    /// <summary>Resolves a client's address (already normalised in the table).</summary>
    private (int Building, Resolutie Resolutie, int Row, int BagEntry) Resolve(in ClientTable.Row client, ClientTable table, int row)
    {
        if (Bag is not null && client.Nummeraanduiding != 0
            && (client.Nummeraanduiding > 0 ? Bag.TryByNummeraanduiding(client.Nummeraanduiding, out var byId) : Bag.TryByNummeraanduiding(table.NummeraanduidingId(row)!, out byId)))
            return ViaBag(byId);
        if (client.Postcode < 0)
        {
            Ongeldig++;
            return (-1, Resolutie.Terugval, -1, -1);
        }
        return Resolve(client.Postcode, new GenormaliseerdAdres("", client.Huisnummer, client.Huisletter, client.Toevoeging));
    }

    private (int, Resolutie, int, int) ViaBag(int entry)
    {
        ViaBagId++;
        var e = Bag!.Entries[entry];
        return (e.Pand, Resolutie.BagId, e.PostcodeCode, entry);
    }

    /// <summary>Resolves an address: by BAG id, else by BAG address, else the fallback building.</summary>
    private (int Building, Resolutie Resolutie, int Row, int BagEntry) Resolve(Adres adres, string? nummeraanduidingId)
    {
        if (Bag is not null && !string.IsNullOrWhiteSpace(nummeraanduidingId) && Bag.TryByNummeraanduiding(nummeraanduidingId.Trim(), out var byId))
            return ViaBag(byId);
        if (!AdresNormalisatie.TryNormaliseer(adres, out var n, out _))
        {
            Ongeldig++;
            return (-1, Resolutie.Terugval, -1, -1);
        }
        return Resolve(AdresCode.Postcode(n.Postcode), n);
    }

    /// <summary>A normalised address (its postcode as <paramref name="pc"/>; the postcode text in <paramref name="n"/> is not used).</summary>
    private (int Building, Resolutie Resolutie, int Row, int BagEntry) Resolve(int pc, GenormaliseerdAdres n)
    {
        var code = AdresCode.Gebouw(pc, n.Huisnummer, n.Huisletter);
        if (Bag is not null && (Bag.TryByAddress(code, n.Toevoeging, out var byAddress) || TrySwappedLetter(n, pc, out byAddress)))
        {
            ViaBagAdres++;
            return (Bag.Entries[byAddress].Pand, Resolutie.BagAdres, pc, byAddress);
        }
        Terugval++;
        if (_runs is not null && _runs.TryGetValue(AdresCode.Gebouw(pc, n.Huisnummer, null), out var run))
            code = AdresCode.Gebouw(pc, run.First, null);
        if (!_fallbackIndex.TryGetValue(code, out var b))
        {
            b = BuildingCount++;
            _fallbackIndex.Add(code, b);
            _fallbackCodes.Add(code);
        }
        return (b, Resolutie.Terugval, pc, -1);
    }

    /// <summary>
    /// '106 H' may be huisletter H or toevoeging H (Amsterdam's 'huis'); when the written form has no exact BAG match, the
    /// other reading is tried.
    /// </summary>
    private bool TrySwappedLetter(Addresses.GenormaliseerdAdres n, int pc, out int entry)
    {
        entry = -1;
        if (n.Huisletter is not null && n.Toevoeging is null)
            return Bag!.TryByAddress(AdresCode.Gebouw(pc, n.Huisnummer, null), n.Huisletter, out entry);
        if (n.Huisletter is null && n.Toevoeging is { Length: 1 } t && char.IsAsciiLetter(t[0]))
            return Bag!.TryByAddress(AdresCode.Gebouw(pc, n.Huisnummer, t), null, out entry);
        return false;
    }

    /// <summary>
    /// A total order on buildings that does not depend on input order: BAG keys ordinally, then fallback buildings by
    /// postcode, huisnummer and huisletter. Breaks ties (anchor, busiest building) without building key strings.
    /// </summary>
    public int CompareBuildings(int a, int b)
    {
        var bagA = a < _bagBuildings;
        var bagB = b < _bagBuildings;
        if (bagA && bagB)
        {
            // Numbers compare as the 16-digit ids do, without touching the strings (this runs for every tie at national scale).
            var na = Bag!.PandNumbers[a];
            var nb = Bag.PandNumbers[b];
            // A total order: numeric ids by number, then any non-numeric keys ordinally.
            if (na >= 0 && nb >= 0) return na.CompareTo(nb);
            if (na >= 0 != nb >= 0) return na >= 0 ? -1 : 1;
            return string.CompareOrdinal(Bag.PandKey(a), Bag.PandKey(b));
        }
        if (bagA != bagB) return bagA ? -1 : 1;
        return _fallbackCodes[a - _bagBuildings].CompareTo(_fallbackCodes[b - _bagBuildings]);
    }

    public bool IsBagBuilding(int b) => b < _bagBuildings;

    public string BuildingKey(int b) => b < _bagBuildings ? Bag!.PandKey(b) : AdresCode.GebouwTekst(_fallbackCodes[b - _bagBuildings]);

    public string BuildingLabel(int b)
    {
        if (b < _bagBuildings) return Bag!.PandLabel(b);
        var code = _fallbackCodes[b - _bagBuildings];
        return _runs is not null && _runs.TryGetValue(code, out var run) && run.Last > run.First
            ? $"{AdresCode.PostcodeTekst(AdresCode.PostcodeVanGebouw(code))} {run.First}–{run.Last}"
            : BuildingKey(b);
    }

    /// <summary>
    /// Without a BAG extract the data cannot say which addresses form one building. The closest it allows: under one
    /// six-position postcode (one side of one street segment), house numbers that follow each other (at most 2 apart, as
    /// numbers on one side do) form a run, and a run counts as one building — so the flats of a block with consecutive
    /// numbers are one building, as are the letters and toevoegingen of one number. A run stops at a gap, so the two ends
    /// of a long postcode stay apart. Runs are read from the addresses the extracts hold (clients and vestigingen).
    /// </summary>
    private static Dictionary<long, (int First, int Last)> HouseNumberRuns(RunTables inputs)
    {
        var numbers = new Dictionary<int, SortedSet<int>>();
        void Add(int pc, int number)
        {
            if (pc < 0) return;
            if (!numbers.TryGetValue(pc, out var set)) numbers.Add(pc, set = new SortedSet<int>());
            set.Add(number);
        }
        for (var i = 0; i < inputs.Clienten.Count; i++) Add(inputs.Clienten[i].Postcode, inputs.Clienten[i].Huisnummer);
        foreach (var a in inputs.Aanbieders)
            if (a.Vestiging is not null && AdresNormalisatie.TryNormaliseer(a.Vestiging, out var n, out _))
                Add(AdresCode.Postcode(n.Postcode), n.Huisnummer);
        var runs = new Dictionary<long, (int, int)>();
        var run = new List<int>();
        foreach (var (pc, set) in numbers)
        {
            foreach (var number in set.Append(int.MaxValue))
            {
                if (run.Count > 0 && (number == int.MaxValue || number - run[^1] > 2))
                {
                    foreach (var member in run) runs[AdresCode.Gebouw(pc, member, null)] = (run[0], run[^1]);
                    run.Clear();
                }
                run.Add(number);
            }
            run.Clear();
        }
        return runs;
    }

    public int? Dwellings(int b) => b < _bagBuildings && Bag!.PandDwellings[b] > 0 ? Bag.PandDwellings[b] : null;

    public ReadOnlySpan<int> Rows(int b, Span<int> single)
    {
        if (b < 0) return ReadOnlySpan<int>.Empty;
        if (b < _bagBuildings) return Bag!.PandRows(b);
        single[0] = AdresCode.PostcodeVanGebouw(_fallbackCodes[b - _bagBuildings]);
        return single[..1];
    }


    /// <summary>
    /// The distinct (client, provider) relations in force on the peildatum, by sorting rather than hashing: every active
    /// allocation and agreement becomes a (client, provider) key, and each run of equal keys one pair with the earliest start.
    /// </summary>
    private void BuildPairs(RunTables inputs, DateOnly peildatum)
    {
        var day = peildatum.DayNumber;
        var clients = ClientBuilding.Length;
        var capacity = inputs.Toewijzingen.Count + inputs.PgbOvereenkomsten.Count;
        var keys = new long[capacity];
        var starts = new int[capacity];
        var flags = new byte[capacity];   // 1: expected-co-location allocation, 2: PGB agreement
        var pgbExpected = new bool[ClientBuilding.Length];
        var careAddress = new bool[ClientBuilding.Length];
        if (Options.CareAddressesExpected && Bag is not null)
            for (var c = 0; c < clients; c++)
                careAddress[c] = ClientBagEntry[c] >= 0 && Bag.IsCareAddress(ClientBagEntry[c]);
        var n = 0;
        int ProviderOf(int number) => _providerOfId[number] is var p and >= 0 ? p : AddProvider(_providerIds[number], null);

        foreach (ref readonly var t in inputs.Toewijzingen.Rows)
        {
            if (!t.Covers(day)) continue;
            var client = t.Client;
            if (client >= clients) { RelatiesZonderClient++; continue; }
            var expected = Options.ExpectedCoLocationCategories.Contains(t.Productcategorie);
            if (expected && t.Leveringsvorm == Leveringsvorm.Pgb) pgbExpected[client] = true;
            keys[n] = (long)client << 24 | (uint)ProviderOf(t.Provider);
            starts[n] = t.Start;
            flags[n++] = expected ? (byte)1 : (byte)0;
        }
        for (var i = 0; i < inputs.PgbOvereenkomsten.Count; i++)
        {
            var o = inputs.PgbOvereenkomsten[i];
            if (!(o.Ingangsdatum <= peildatum && (o.Einddatum is null || o.Einddatum.Value >= peildatum))) continue;
            var (client, provider) = inputs.AgreementParties[i];
            if (client >= clients) { RelatiesZonderClient++; continue; }
            keys[n] = (long)client << 24 | (uint)ProviderOf(provider);
            starts[n] = o.Ingangsdatum.DayNumber;
            flags[n++] = 2;
        }
        PairClient.Capacity = PairProvider.Capacity = PairStart.Capacity = PairExpected.Capacity = n;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order, 0, n);
        for (var i = 0; i < n; i++)
        {
            var r = order[i];
            var client = (int)(keys[i] >> 24);
            // A PGB agreement carries no productcategorie: it is expected co-location when the budget is one for beschermd wonen.
            // So is every relation of a client living at an address the BAG registers for healthcare.
            var expected = flags[r] == 1 || (flags[r] == 2 && pgbExpected[client]) || careAddress[client];
            if (i > 0 && keys[i] == keys[i - 1])
            {
                var pair = PairClient.Count - 1;
                if (starts[r] < PairStart[pair]) PairStart[pair] = starts[r];
                if (expected) PairExpected[pair] = true;
                continue;
            }
            PairClient.Add(client);
            PairProvider.Add((int)(keys[i] & 0xFFFFFF));
            PairStart.Add(starts[r]);
            PairExpected.Add(expected);
        }
    }

    private void BuildLinks(RunTables inputs)
    {
        var p = ProviderCount;
        DirectorLinked = new List<int>[p];
        AccountLinked = new List<int>[p];
        for (var i = 0; i < p; i++) { DirectorLinked[i] = new List<int>(0); AccountLinked[i] = new List<int>(0); }
        var related = new UnionFind(p);

        var directors = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var accounts = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        static void Add(SortedDictionary<string, SortedSet<int>> groups, string? key, int provider)
        {
            if (string.IsNullOrWhiteSpace(key)) return;
            key = key.Trim();
            if (!groups.TryGetValue(key, out var set)) groups.Add(key, set = new SortedSet<int>());
            set.Add(provider);
        }
        foreach (var a in inputs.Aanbieders)
        {
            var i = ProviderIndex[a.AanbiederId];
            foreach (var d in a.BestuurderIds) Add(directors, d, i);
            foreach (var r in a.RekeningIds) Add(accounts, r, i);
        }
        foreach (var o in inputs.PgbOvereenkomsten)
            if (ProviderIndex.TryGetValue(o.AanbiederId, out var i)) Add(accounts, o.RekeningId, i);

        void Link(SortedDictionary<string, SortedSet<int>> groups, int cap, string soort, List<int>[] linked)
        {
            foreach (var (via, set) in groups)
            {
                if (set.Count < 2 || set.Count > cap) continue;
                // Ordered by provider id, not by index, so that the same data in another order gives the same links.
                var members = set.OrderBy(i => ProviderIds[i], StringComparer.Ordinal).ToArray();
                for (var x = 0; x < members.Length; x++)
                for (var y = x + 1; y < members.Length; y++)
                {
                    Links.Add((members[x], members[y], soort, via));
                    linked[members[x]].Add(members[y]);
                    linked[members[y]].Add(members[x]);
                    related.Union(members[x], members[y]);
                }
            }
            foreach (var l in linked)
            {
                if (l.Count < 2) continue;
                l.Sort();
                var w = 1;
                for (var r = 1; r < l.Count; r++) if (l[r] != l[w - 1]) l[w++] = l[r];
                l.RemoveRange(w, l.Count - w);
            }
        }
        Link(directors, Options.MaxProvidersPerSharedDirector, "bestuurder", DirectorLinked);
        Link(accounts, Options.MaxProvidersPerSharedAccount, "rekening", AccountLinked);
        RelatedRoot = new int[p];
        for (var i = 0; i < p; i++) RelatedRoot[i] = related.Find(i);
    }

    private void BuildEdges()
    {
        var n = PairClient.Count;
        var p = ProviderCount;
        var b = BuildingCount;
        // Sort the pairs by (building, provider); clients without a building sort last.
        var keys = new long[n];
        PairsByBuilding = new int[n];
        for (var i = 0; i < n; i++)
        {
            var building = ClientBuilding[PairClient[i]];
            keys[i] = (building < 0 ? b : building) * (long)p + PairProvider[i];
            PairsByBuilding[i] = i;
        }
        Array.Sort(keys, PairsByBuilding);

        BuildingPairStart = new int[b + 1];
        var edgeB = new List<int>(); var edgeP = new List<int>(); var edgeC = new List<int>(); var edgeX = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var pair = PairsByBuilding[i];
            var building = ClientBuilding[PairClient[pair]];
            if (building < 0) break;
            BuildingPairStart[building + 1]++;
            if (i == 0 || keys[i] != keys[i - 1])
            {
                edgeB.Add(building); edgeP.Add(PairProvider[pair]); edgeC.Add(0); edgeX.Add(0);
            }
            if (PairExpected[pair]) edgeX[^1]++; else edgeC[^1]++;
        }
        for (var i = 0; i < b; i++) BuildingPairStart[i + 1] += BuildingPairStart[i];
        EdgeBuilding = edgeB.ToArray(); EdgeProvider = edgeP.ToArray(); EdgeCount = edgeC.ToArray(); EdgeExpected = edgeX.ToArray();

        BuildingEdgeStart = new int[b + 1];
        foreach (var eb in EdgeBuilding) BuildingEdgeStart[eb + 1]++;
        for (var i = 0; i < b; i++) BuildingEdgeStart[i + 1] += BuildingEdgeStart[i];

        (EdgesByProvider, ProviderEdgeStart) = CountingSort(EdgeProvider, p);
        var pairProviders = PairProvider.ToArray();
        (PairsByProvider, ProviderPairStart) = CountingSort(pairProviders, p);
    }

    /// <summary>Indices 0..n-1 grouped by their value (stable), with the start of each group.</summary>
    private static (int[] Order, int[] Start) CountingSort(int[] values, int groups)
    {
        var start = new int[groups + 1];
        foreach (var v in values) start[v + 1]++;
        for (var i = 0; i < groups; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var order = new int[values.Length];
        for (var i = 0; i < values.Length; i++) order[fill[values[i]]++] = i;
        return (order, start);
    }

    private void MarkMultiProviderBuildings()
    {
        IsMultiProvider = new bool[BuildingCount];
        var roots = new List<(int Root, int Count)>();
        for (var b = 0; b < BuildingCount; b++)
        {
            var from = BuildingEdgeStart[b];
            var to = BuildingEdgeStart[b + 1];
            if (to - from < Options.MultiProviderMinUnrelatedGroups) continue;
            roots.Clear();
            var total = 0;
            for (var e = from; e < to; e++)
            {
                if (EdgeCount[e] == 0) continue;
                total += EdgeCount[e];
                var root = RelatedRoot[EdgeProvider[e]];
                var k = roots.FindIndex(r => r.Root == root);
                if (k < 0) roots.Add((root, EdgeCount[e]));
                else roots[k] = (root, roots[k].Count + EdgeCount[e]);
            }
            if (roots.Count < Options.MultiProviderMinUnrelatedGroups) continue;
            var dominant = roots[0];
            foreach (var r in roots) if (r.Count > dominant.Count) dominant = r;
            // Residents with providers of their own open a BAG pand only: a fallback building (a run of house numbers
            // under one postcode) may span several houses, and who cares for the neighbours says nothing of the others.
            IsMultiProvider[b] = dominant.Count <= Options.MultiProviderMaxDominantShare * total
                                 || (b < _bagBuildings && ClientsOutsideGroup(b, dominant.Root) >= Options.MultiProviderMinClientsOutsideDominant);
        }
    }

    /// <summary>Clients living in the building (not expected there) who have no active relation with the given group of linked providers.</summary>
    private int ClientsOutsideGroup(int building, int groupRoot)
    {
        var inGroup = new HashSet<int>();
        var all = new HashSet<int>();
        for (var i = BuildingPairStart[building]; i < BuildingPairStart[building + 1]; i++)
        {
            var pair = PairsByBuilding[i];
            if (PairExpected[pair]) continue;
            all.Add(PairClient[pair]);
            if (RelatedRoot[PairProvider[pair]] == groupRoot) inGroup.Add(PairClient[pair]);
        }
        return all.Count - inGroup.Count;
    }

    /// <summary>Non-expected active clients per building, per provider (located ones) and in all.</summary>
    private int[] BuildingTotal = [];
    private int[] ProviderTotal = [];
    private long LocatedTotal;
    /// <summary>Non-expected active clients per row (six-position postcode), outside multi-provider buildings.</summary>
    private Dictionary<int, int> RowTotal = new();
    /// <summary>Whether an edge is co-location in the sense of the clusters (see <see cref="MarkQualifyingEdges"/>).</summary>
    private bool[] EdgeQualifies = [];

    public bool Qualifies(int edge) => EdgeQualifies[edge];

    /// <summary>
    /// Clients of the provider expected in the building if its clients lived where clients in general live: the building's
    /// clients × the provider's share of all clients.
    /// </summary>
    public double Expected(int edge) =>
        LocatedTotal == 0 ? 0 : (double)BuildingTotal[EdgeBuilding[edge]] * ProviderTotal[EdgeProvider[edge]] / LocatedTotal;

    /// <summary>
    /// An edge is co-location when the provider has at least k clients in the building, the building is not a
    /// multi-provider building, and that many clients there would be a coincidence of less than
    /// <see cref="BuildingOptions.MaxChanceByCoincidence"/> under a Poisson model with the expected count: a large provider
    /// with many clients in a large block of flats is what its size predicts.
    /// </summary>
    private void MarkQualifyingEdges()
    {
        BuildingTotal = new int[BuildingCount];
        ProviderTotal = new int[ProviderCount];
        LocatedTotal = 0;
        for (var e = 0; e < EdgeBuilding.Length; e++)
        {
            BuildingTotal[EdgeBuilding[e]] += EdgeCount[e];
            ProviderTotal[EdgeProvider[e]] += EdgeCount[e];
            LocatedTotal += EdgeCount[e];
        }
        RowTotal = new Dictionary<int, int>();
        for (var pair = 0; pair < PairClient.Count; pair++)
            if (CountsForRow(pair)) RowTotal[ClientRow[PairClient[pair]]] = RowTotal.GetValueOrDefault(ClientRow[PairClient[pair]]) + 1;
        EdgeQualifies = new bool[EdgeBuilding.Length];
        for (var e = 0; e < EdgeBuilding.Length; e++)
            EdgeQualifies[e] = !IsMultiProvider[EdgeBuilding[e]] && BeyondChance(EdgeCount[e], Expected(e));
    }

    /// <summary>
    /// At least k clients, and that many a coincidence of less than <see cref="BuildingOptions.MaxChanceByCoincidence"/>
    /// under a Poisson model with the expected count: the one test of co-location for a building, a row and a network.
    /// </summary>
    public bool BeyondChance(int clients, double expected) =>
        clients >= Options.MinClientsPerBuilding && PoissonUpperTail(clients, expected) < Options.MaxChanceByCoincidence;

    /// <summary>
    /// Whether linked providers together have more clients in the building than chance explains for their joint size:
    /// the test of <see cref="MarkQualifyingEdges"/> with the group as one provider. A network spreads its clients over
    /// its members, so that none of them alone need stand out where the network as a unit does.
    /// </summary>
    public bool QualifiesForGroup(int building, IReadOnlySet<int> group, int groupClients)
    {
        if (IsMultiProvider[building] || LocatedTotal == 0) return false;
        var n = 0;
        for (var e = BuildingEdgeStart[building]; e < BuildingEdgeStart[building + 1]; e++)
            if (group.Contains(EdgeProvider[e])) n += EdgeCount[e];
        return BeyondChance(n, (double)BuildingTotal[building] * groupClients / LocatedTotal);
    }

    /// <summary>The provider's non-expected active clients with a known building.</summary>
    public int LocatedClients(int provider) => ProviderTotal[provider];

    /// <summary>
    /// Whether a relation counts for co-location by row: an active, non-expected relation of a client with a known row
    /// who does not live in a multi-provider building (where many unrelated providers' clients live by design).
    /// </summary>
    public bool CountsForRow(int pair)
    {
        if (PairExpected[pair]) return false;
        var c = PairClient[pair];
        return ClientRow[c] >= 0 && (ClientBuilding[c] < 0 || !IsMultiProvider[ClientBuilding[c]]);
    }

    /// <summary>Clients of the provider expected in a row if its clients lived where clients in general live.</summary>
    public double ExpectedInRow(int provider, int row) =>
        LocatedTotal == 0 ? 0 : (double)RowTotal.GetValueOrDefault(row) * ProviderTotal[provider] / LocatedTotal;

    /// <summary>P(X ≥ n) for X ~ Poisson(λ), summed from n upwards in log space so that tiny chances stay accurate.</summary>
    public static double PoissonUpperTail(int n, double lambda)
    {
        if (n <= 0) return 1;
        if (lambda <= 0) return 0;
        var logFactorial = 0.0;
        for (var i = 2; i <= n; i++) logFactorial += Math.Log(i);
        var term = Math.Exp(-lambda + n * Math.Log(lambda) - logFactorial);
        var sum = 0.0;
        for (var i = n; i < n + 10_000; i++)
        {
            sum += term;
            term *= lambda / (i + 1);
            if (term < sum * 1e-12 && i > lambda) break;
        }
        return Math.Min(1, sum);
    }

    /// <summary>The provider's edge to a building, or -1.</summary>
    private int EdgeOf(int provider, int building)
    {
        for (var i = ProviderEdgeStart[provider]; i < ProviderEdgeStart[provider + 1]; i++)
            if (EdgeBuilding[EdgesByProvider[i]] == building) return EdgesByProvider[i];
        return -1;
    }

    /// <summary>A provider's vestiging edge counts when at least one of its (non-expected) clients lives in that building.</summary>
    private bool VestigingCounts(int provider)
    {
        var vb = VestigingBuilding[provider];
        if (vb < 0) return false;
        var e = EdgeOf(provider, vb);
        return e >= 0 && EdgeCount[e] > 0;
    }

    private void BuildClusters()
    {
        var p = ProviderCount;
        var uf = new UnionFind(p + BuildingCount);
        var qualifyingRoots = new HashSet<int>();
        for (var e = 0; e < EdgeBuilding.Length; e++)
            if (Qualifies(e)) uf.Union(EdgeProvider[e], p + EdgeBuilding[e]);
        for (var i = 0; i < p; i++)
            if (VestigingCounts(i)) uf.Union(i, p + VestigingBuilding[i]);
        foreach (var (a, b, _, _) in Links) uf.Union(a, b);
        for (var e = 0; e < EdgeBuilding.Length; e++)
            if (Qualifies(e)) qualifyingRoots.Add(uf.Find(EdgeProvider[e]));

        var members = new Dictionary<int, (List<int> Providers, List<int> Buildings)>();
        (List<int>, List<int>) Members(int root)
        {
            if (!members.TryGetValue(root, out var m)) members.Add(root, m = (new List<int>(), new List<int>()));
            return m;
        }
        for (var i = 0; i < p; i++)
        {
            var root = uf.Find(i);
            if (qualifyingRoots.Contains(root)) Members(root).Item1.Add(i);
        }
        for (var b = 0; b < BuildingCount; b++)
        {
            var root = uf.Find(p + b);
            if (qualifyingRoots.Contains(root)) Members(root).Item2.Add(b);
        }

        // Anchor: the building with most clients on qualifying edges; ties go to the lowest key.
        var weight = new Dictionary<int, int>();
        for (var e = 0; e < EdgeBuilding.Length; e++)
            if (Qualifies(e)) weight[EdgeBuilding[e]] = weight.GetValueOrDefault(EdgeBuilding[e]) + EdgeCount[e];
        var drafts = new List<(string Key, int Anchor, List<int> Providers, List<int> Buildings)>();
        foreach (var (providers, buildings) in members.Values)
        {
            var anchor = -1; var anchorWeight = -1;
            foreach (var b in buildings)
            {
                var w = weight.GetValueOrDefault(b);
                if (w > anchorWeight || (w == anchorWeight && CompareBuildings(b, anchor) < 0)) { anchor = b; anchorWeight = w; }
            }
            drafts.Add((BuildingKey(anchor), anchor, providers, buildings));
        }
        drafts.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));

        ProviderCluster = new string?[p];
        BuildingCluster = new string?[BuildingCount];
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in drafts)
        {
            var id = ClusterId(d.Key);
            for (var n = 2; !used.Add(id); n++) id = $"{ClusterId(d.Key)}-{n}";
            foreach (var i in d.Providers) ProviderCluster[i] = id;
            foreach (var b in d.Buildings) BuildingCluster[b] = id;
            Clusters.Add(new ClusterDraft(id, d.Anchor, d.Providers, d.Buildings));
        }
        Clusters.Sort((x, y) => string.CompareOrdinal(x.Id, y.Id));
    }

    /// <summary><c>CL-</c> and the first 10 hex digits of SHA-256 of the anchor building's key: no address in the id.</summary>
    public static string ClusterId(string anchorKey) =>
        "CL-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(anchorKey)), 0, 5);
}
