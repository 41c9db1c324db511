using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Buildings;

/// <summary>
/// The outcome of <see cref="BuildingAnalysis.Analyse"/>: co-location facts per provider, the clusters, and on demand the
/// evidence the portal shows (<see cref="BuildingEvidence"/>, <see cref="ClusterPicture"/>).
/// </summary>
public sealed class BuildingAnalysisResult
{
    private readonly BuildingGraph _g;
    private Dictionary<string, int>? _buildingByKey;
    private Dictionary<string, Cluster>? _clusterById;
    private IReadOnlyList<Cluster>? _clusters;
    private Dictionary<int, List<string>>? _vestigingen;

    internal BuildingAnalysisResult(BuildingGraph graph)
    {
        _g = graph;
        // Each provider's facts read the finished graph only, so they are computed on all cores.
        var perProvider = new CoLocationFacts[graph.ProviderCount];
        Parallel.For(0, graph.ProviderCount, p => perProvider[p] = Facts(p));
        var facts = new SortedDictionary<string, CoLocationFacts>(StringComparer.Ordinal);
        for (var p = 0; p < graph.ProviderCount; p++) facts.Add(graph.ProviderIds[p], perProvider[p]);
        PerAanbieder = facts;
        Resolutie = new ResolutieOverzicht(graph.ViaBagId, graph.ViaBagAdres, graph.Terugval, graph.Ongeldig, graph.RelatiesZonderClient);
    }

    public DateOnly Peildatum => _g.Peildatum;
    public BuildingOptions Options => _g.Options;
    /// <summary>Whether a BAG extract was used.</summary>
    public bool MetBag => _g.Bag is not null;
    /// <summary>Facts for every provider in the aanbieders extract and every provider that has active clients, by id.</summary>
    public IReadOnlyDictionary<string, CoLocationFacts> PerAanbieder { get; }
    /// <summary>How the addresses of clients and vestigingen were resolved.</summary>
    public ResolutieOverzicht Resolutie { get; }

    /// <summary>Clusters ordered by id, with their buildings and links (materialised on first use).</summary>
    public IReadOnlyList<Cluster> Clusters => _clusters ??= _g.Clusters.Select(MakeCluster).ToList();

    public Cluster? ClusterById(string clusterId)
    {
        _clusterById ??= Clusters.ToDictionary(c => c.ClusterId, StringComparer.Ordinal);
        return _clusterById.GetValueOrDefault(clusterId);
    }

    /// <summary>A building by its key (BAG pand id, ligplaats/standplaats id, or fallback key), or null.</summary>
    public PandInfo? Pand(string pandKey)
    {
        if (_buildingByKey is null)
        {
            var map = new Dictionary<string, int>(_g.BuildingCount, StringComparer.Ordinal);
            for (var b = 0; b < _g.BuildingCount; b++) map[_g.BuildingKey(b)] = b;
            _buildingByKey = map;
        }
        return _buildingByKey.TryGetValue(pandKey, out var i) ? MakePand(i) : null;
    }

    /// <summary>
    /// The buildings to show for a provider: its vestiging, and every building where at least <paramref name="minClients"/>
    /// of its active (non-expected) clients live; vestiging first, then by clients descending.
    /// </summary>
    public IReadOnlyList<BuildingEvidence> BuildingEvidence(string aanbiederId, int minClients = 2)
    {
        if (!_g.ProviderIndex.TryGetValue(aanbiederId, out var p)) return [];
        var vb = _g.VestigingBuilding[p];
        var byBuilding = new Dictionary<int, List<ClientAtAddress>>();
        for (var i = _g.ProviderPairStart[p]; i < _g.ProviderPairStart[p + 1]; i++)
        {
            var pair = _g.PairsByProvider[i];
            if (_g.PairExpected[pair]) continue;
            var c = _g.PairClient[pair];
            var b = _g.ClientBuilding[c];
            if (b < 0) continue;
            if (!byBuilding.TryGetValue(b, out var list)) byBuilding.Add(b, list = new List<ClientAtAddress>());
            var start = DateOnly.FromDayNumber(_g.PairStart[pair]);
            list.Add(new ClientAtAddress(_g.Clienten.Id(c), _g.Clienten.AdresSinds(c), start, start.DayNumber - _g.ClientSince[c]));
        }
        if (vb >= 0) byBuilding.TryAdd(vb, new List<ClientAtAddress>());
        return byBuilding
            .Where(kv => kv.Key == vb || kv.Value.Count >= minClients)
            .Select(kv => (Building: kv.Key, Key: _g.BuildingKey(kv.Key), Clients: kv.Value))
            .OrderByDescending(x => x.Building == vb).ThenByDescending(x => x.Clients.Count).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new BuildingEvidence(
                x.Key, _g.BuildingLabel(x.Building), BuildingResolutie(x.Building).Code(), x.Building == vb, _g.Dwellings(x.Building),
                x.Clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>The cluster as nodes and edges for the portal's picture; node ids are <c>A:{aanbieder}</c> and <c>P:{pand}</c>.</summary>
    public ClusterPicture? ClusterPicture(string clusterId)
    {
        var cluster = ClusterById(clusterId);
        if (cluster is null) return null;
        var nodes = new List<ClusterNode>();
        foreach (var a in cluster.Aanbieders)
            nodes.Add(new ClusterNode("A:" + a, "aanbieder", _g.ProviderNames[_g.ProviderIndex[a]] ?? a));
        foreach (var pand in cluster.Panden)
            nodes.Add(new ClusterNode("P:" + pand.PandKey, "pand", pand.Label));
        var edges = cluster.Links.Select(l => new ClusterEdge(
            "A:" + l.Van, (l.Soort is "vestiging" or "clienten" ? "P:" : "A:") + l.Naar, l.Soort, l.Gewicht)).ToList();
        return new ClusterPicture(cluster.ClusterId, nodes, edges);
    }

    private CoLocationFacts Facts(int p)
    {
        var g = _g;
        var vb = g.VestigingBuilding[p];
        Span<int> single = stackalloc int[1];
        var ownRows = g.Rows(vb, single);

        int withK = 0, coLocatedClients = 0, max = 0, located = 0;
        double hhiSum = 0;
        HashSet<int>? coLocated = null;
        for (var i = g.ProviderEdgeStart[p]; i < g.ProviderEdgeStart[p + 1]; i++)
        {
            var e = g.EdgesByProvider[i];
            var n = g.EdgeCount[e];
            if (n == 0) continue;
            var b = g.EdgeBuilding[e];
            located += n;
            hhiSum += (double)n * n;
            if (g.IsMultiProvider[b]) continue;
            if (g.Qualifies(e)) { withK++; coLocatedClients += n; (coLocated ??= new HashSet<int>()).Add(b); }
            max = Math.Max(max, n);
        }

        int active = 0, expected = 0, own = 0, row = 0, moved = 0;
        for (var i = g.ProviderPairStart[p]; i < g.ProviderPairStart[p + 1]; i++)
        {
            var pair = g.PairsByProvider[i];
            var c = g.PairClient[pair];
            var b = g.ClientBuilding[c];
            if (g.PairExpected[pair]) { expected++; continue; }
            active++;
            var days = g.PairStart[pair] - g.ClientSince[c];
            var movedIn = days >= 0 && days <= g.Options.MoveInWindowDays;
            if (movedIn) moved++;
            if (vb >= 0 && b == vb) own++;
            if (ownRows.Contains(g.ClientRow[c])) row++;
        }

        // Co-location by row: clients in six-position postcodes where the provider has at least k clients and that many
        // would be a coincidence under the same Poisson model as for buildings. Catches clients spread over several
        // buildings of one street side, and flats whose huisnummers do not resolve to one building without BAG. Clients
        // in a co-located building are counted there and not again here: one concentration is one piece of evidence.
        var perRow = new Dictionary<int, int>();
        for (var i = g.ProviderPairStart[p]; i < g.ProviderPairStart[p + 1]; i++)
        {
            var pair = g.PairsByProvider[i];
            if (g.CountsForRow(pair) && coLocated?.Contains(g.ClientBuilding[g.PairClient[pair]]) != true)
                perRow[g.ClientRow[g.PairClient[pair]]] = perRow.GetValueOrDefault(g.ClientRow[g.PairClient[pair]]) + 1;
        }
        int rowCoLocated = 0, busiestRow = -1, busiestRowCount = 0;
        foreach (var (r, n) in perRow)
        {
            if (!g.BeyondChance(n, g.ExpectedInRow(p, r))) continue;
            rowCoLocated += n;
            if (n > busiestRowCount || (n == busiestRowCount && r < busiestRow)) { busiestRow = r; busiestRowCount = n; }
        }

        var linkedClients = 0;
        var directors = g.DirectorLinked[p];
        var accounts = g.AccountLinked[p];
        if ((directors.Count > 0 || accounts.Count > 0) && located > 0)
        {
            var buildings = new HashSet<int>();
            var ownClients = new HashSet<int>();
            for (var i = g.ProviderPairStart[p]; i < g.ProviderPairStart[p + 1]; i++)
            {
                var pair = g.PairsByProvider[i];
                ownClients.Add(g.PairClient[pair]);
                if (!g.PairExpected[pair] && g.ClientBuilding[g.PairClient[pair]] >= 0) buildings.Add(g.ClientBuilding[g.PairClient[pair]]);
            }
            // Only buildings where this provider, the linked one, or the linked providers together have more clients
            // than chance explains: linked organisations with many clients each meet in large blocks of flats without
            // that meaning anything, while a network may spread a building's clients over its members.
            var group = new HashSet<int>(directors.Concat(accounts)) { p };
            var groupClients = group.Sum(g.LocatedClients);
            var together = buildings.Where(b => g.QualifiesForGroup(b, group, groupClients)).ToList();
            var seen = new HashSet<int>();
            foreach (var q in directors.Concat(accounts))
            {
                var qualifying = new HashSet<int>(coLocated ?? []);
                qualifying.UnionWith(together);
                for (var i = g.ProviderEdgeStart[q]; i < g.ProviderEdgeStart[q + 1]; i++)
                    if (g.Qualifies(g.EdgesByProvider[i])) qualifying.Add(g.EdgeBuilding[g.EdgesByProvider[i]]);
                for (var i = g.ProviderPairStart[q]; i < g.ProviderPairStart[q + 1]; i++)
                {
                    var pair = g.PairsByProvider[i];
                    var c = g.PairClient[pair];
                    var b = g.ClientBuilding[c];
                    if (!g.PairExpected[pair] && !ownClients.Contains(c) && buildings.Contains(b) && qualifying.Contains(b)) seen.Add(c);
                }
            }
            linkedClients = seen.Count;
        }

        return new CoLocationFacts(
            AanbiederId: g.ProviderIds[p],
            ActiveClients: active,
            ExpectedCoLocationClients: expected,
            VestigingPandKey: vb >= 0 ? g.BuildingKey(vb) : null,
            VestigingLabel: vb >= 0 ? g.BuildingLabel(vb) : null,
            ClientsInOwnBuilding: own,
            ClientsInOwnRow: row,
            BuildingsWithAtLeastKClients: withK,
            MaxClientsInOneBuilding: max,
            ClientHhi: located == 0 ? 0 : hhiSum / ((double)located * located),
            ClientsMovedInBeforeCare: moved,
            ClientsOfLinkedProvidersInSameBuildings: linkedClients,
            LinkedByDirector: directors.Select(q => g.ProviderIds[q]).Order(StringComparer.Ordinal).ToList(),
            LinkedByAccount: accounts.Select(q => g.ProviderIds[q]).Order(StringComparer.Ordinal).ToList(),
            ClusterId: g.ProviderCluster[p],
            CoLocatedClients: coLocatedClients,
            RowCoLocatedClients: rowCoLocated,
            BusiestRow: busiestRow >= 0 ? AdresCode.PostcodeTekst(busiestRow) : null,
            BusiestRowClients: busiestRowCount);
    }

    private Resolutie BuildingResolutie(int b)
    {
        if (!_g.IsBagBuilding(b)) return Buildings.Resolutie.Terugval;
        var weakest = Buildings.Resolutie.BagId;
        for (var i = _g.BuildingPairStart[b]; i < _g.BuildingPairStart[b + 1]; i++)
            if ((Resolutie)_g.ClientResolutie[_g.PairClient[_g.PairsByBuilding[i]]] > weakest)
                weakest = (Resolutie)_g.ClientResolutie[_g.PairClient[_g.PairsByBuilding[i]]];
        return weakest;
    }

    private PandInfo MakePand(int b)
    {
        var g = _g;
        var perProvider = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var expectedPerProvider = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var e = g.BuildingEdgeStart[b]; e < g.BuildingEdgeStart[b + 1]; e++)
        {
            var id = g.ProviderIds[g.EdgeProvider[e]];
            if (g.EdgeCount[e] > 0) perProvider[id] = g.EdgeCount[e];
            if (g.EdgeExpected[e] > 0) expectedPerProvider[id] = g.EdgeExpected[e];
        }
        if (_vestigingen is null)
        {
            var map = new Dictionary<int, List<string>>();
            for (var p = 0; p < g.ProviderCount; p++)
                if (g.VestigingBuilding[p] >= 0)
                {
                    if (!map.TryGetValue(g.VestigingBuilding[p], out var list)) map.Add(g.VestigingBuilding[p], list = new List<string>());
                    list.Add(g.ProviderIds[p]);
                }
            foreach (var list in map.Values) list.Sort(StringComparer.Ordinal);
            _vestigingen = map;
        }
        var vestigingVan = _vestigingen.TryGetValue(b, out var registered) ? registered : [];

        // Addresses: those of the active clients living here and of the providers registered here.
        var addresses = new SortedDictionary<string, (Resolutie Res, string? Id, HashSet<int> Clients)>(StringComparer.Ordinal);
        void AddAddress(Extracts.Adres adres, Resolutie res, string? id, int client)
        {
            var key = AdresNormalisatie.TryNormaliseer(adres, out var n, out _) ? n.Sleutel : adres.ToString();
            if (!addresses.TryGetValue(key, out var entry)) addresses.Add(key, entry = (res, id, new HashSet<int>()));
            if (client >= 0) entry.Clients.Add(client);
        }
        for (var i = g.BuildingPairStart[b]; i < g.BuildingPairStart[b + 1]; i++)
        {
            var c = g.PairClient[g.PairsByBuilding[i]];
            var entry = g.ClientBagEntry[c];
            AddAddress(g.Clienten.Adres(c), (Resolutie)g.ClientResolutie[c], entry >= 0 ? g.Bag!.NummeraanduidingId(entry) : null, c);
        }
        foreach (var id in vestigingVan)
        {
            var a = g.ProviderRecords[g.ProviderIndex[id]]!;
            var res = !g.IsBagBuilding(b) ? Buildings.Resolutie.Terugval
                : a.VestigingNummeraanduidingId is { } nid && g.Bag!.TryByNummeraanduiding(nid.Trim(), out _) ? Buildings.Resolutie.BagId
                : Buildings.Resolutie.BagAdres;
            AddAddress(a.Vestiging!, res, res == Buildings.Resolutie.Terugval ? null : a.VestigingNummeraanduidingId, -1);
        }
        Span<int> single = stackalloc int[1];
        var rows = g.Rows(b, single).ToArray().Select(AdresCode.PostcodeTekst).ToList();
        var weakest = !g.IsBagBuilding(b) ? Buildings.Resolutie.Terugval
            : addresses.Values.Select(a => a.Res).DefaultIfEmpty(Buildings.Resolutie.BagId).Max();
        return new PandInfo(
            g.BuildingKey(b), g.BuildingLabel(b), weakest, g.Dwellings(b), rows, g.IsMultiProvider[b],
            perProvider, expectedPerProvider, vestigingVan,
            addresses.Select(kv => new AdresInPand(kv.Key, kv.Value.Res, kv.Value.Id, kv.Value.Clients.Count)).ToList());
    }

    private Cluster MakeCluster(BuildingGraph.ClusterDraft d)
    {
        var g = _g;
        var providers = d.Providers.Select(p => g.ProviderIds[p]).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var inCluster = d.Buildings.ToHashSet();
        var links = new List<ClusterLink>();
        foreach (var p in d.Providers)
        {
            var vb = g.VestigingBuilding[p];
            if (vb >= 0 && inCluster.Contains(vb)) links.Add(new ClusterLink(g.ProviderIds[p], g.BuildingKey(vb), "vestiging", 1, null));
            for (var i = g.ProviderEdgeStart[p]; i < g.ProviderEdgeStart[p + 1]; i++)
            {
                var e = g.EdgesByProvider[i];
                if (g.EdgeCount[e] > 0 && inCluster.Contains(g.EdgeBuilding[e]))
                    links.Add(new ClusterLink(g.ProviderIds[p], g.BuildingKey(g.EdgeBuilding[e]), "clienten", g.EdgeCount[e], null));
            }
        }
        var members = d.Providers.ToHashSet();
        foreach (var (a, b, soort, via) in g.Links)
            if (members.Contains(a)) links.Add(new ClusterLink(g.ProviderIds[a], g.ProviderIds[b], soort, 1, via));
        links.Sort((x, y) =>
        {
            var c = string.CompareOrdinal(x.Soort, y.Soort);
            if (c == 0) c = string.CompareOrdinal(x.Van, y.Van);
            if (c == 0) c = string.CompareOrdinal(x.Naar, y.Naar);
            return c != 0 ? c : string.CompareOrdinal(x.Via, y.Via);
        });
        var panden = d.Buildings.Select(MakePand).OrderBy(x => x.PandKey, StringComparer.Ordinal).ToList();
        return new Cluster(d.Id, g.BuildingKey(d.Anchor), providers, panden, links);
    }
}
