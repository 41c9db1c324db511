using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

/// <summary>
/// The generator's data through the real path (generate → ingest → load snapshots → analyse), with a seed other than the
/// samples': planted woonzorg and network providers land in clusters with their buildings; the benign look-alikes do
/// not produce co-location facts of the same strength.
/// </summary>
public sealed class GeneratedDataTests(GeneratedDataTests.Generated data) : IClassFixture<GeneratedDataTests.Generated>
{
    /// <summary>Generated, ingested and analysed once for the tests of this class.</summary>
    public sealed class Generated : IAsyncLifetime
    {
        private string _root = "";
        public GeneratieResultaat Truth { get; private set; } = null!;
        public BuildingAnalysisResult Result { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _root = Directory.CreateTempSubdirectory("zfs-buildings-gen-").FullName;
            // The reference world: BAG present and the strengths docs/generator.md states, which these tests rely on.
            var opties = GeneratorOptions.ForScale("sample", seed: 4242) with { Wereld = Wereldprofiel.Referentie };
            Truth = SynthetischeExtracten.Genereer(opties, Path.Combine(_root, "extracts"));
            var store = LocalStore.Open(Path.Combine(_root, "store"));
            await new Ingestor(store).IngestFolderAsync(Path.Combine(_root, "extracts"));
            var loaded = await SnapshotLoader.LoadInForceAsync(store);
            Result = BuildingAnalysis.Analyse(loaded.Inputs, opties.Peildatum);
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }
    }

    private GeneratieResultaat _truth => data.Truth;
    private BuildingAnalysisResult _result => data.Result;

    private IEnumerable<(string Id, Patroon Patronen)> With(Patroon patroon) => _truth.Waarheid.Where(w => w.Patronen.HasFlag(patroon));

    [Fact]
    public void Planted_woonzorg_and_network_providers_land_in_a_cluster_with_their_buildings()
    {
        var planted = With(Patroon.Woonzorg).Concat(With(Patroon.Netwerk)).Distinct().ToList();
        Assert.NotEmpty(With(Patroon.Woonzorg));
        Assert.NotEmpty(With(Patroon.Netwerk));
        foreach (var (id, patronen) in planted)
        {
            var facts = _result.PerAanbieder[id];
            Assert.True(facts.ClusterId is not null, $"{id} ({Patronen.ToCodes(patronen)}) is in no cluster");
            var cluster = _result.ClusterById(facts.ClusterId)!;
            Assert.Contains(id, cluster.Aanbieders);
            if (patronen.HasFlag(Patroon.Woonzorg))
            {
                Assert.True(facts.BuildingsWithAtLeastKClients >= 1, $"{id}: no co-located building");
                Assert.Contains(cluster.Panden, p => p.PandKey == facts.VestigingPandKey);
            }
        }
        // Network partners share their cluster.
        foreach (var (id, _) in With(Patroon.Netwerk))
        {
            var facts = _result.PerAanbieder[id];
            foreach (var partner in facts.LinkedByDirector.Concat(facts.LinkedByAccount))
                Assert.Equal(facts.ClusterId, _result.PerAanbieder[partner].ClusterId);
        }
    }

    [Fact]
    public void Benign_look_alikes_do_not_produce_co_location_of_the_same_strength()
    {
        var woonzorg = With(Patroon.Woonzorg).Select(w => _result.PerAanbieder[w.Id]).ToList();
        var minCoLocated = woonzorg.Min(f => f.CoLocatedClients);
        var minOwn = woonzorg.Min(f => f.ClientsInOwnBuilding);
        var lookAlikes = _truth.Waarheid.Where(w => (w.Patronen & Patronen.LookAlike) != 0 && !Patronen.IsFraude(w.Patronen)).ToList();
        Assert.Contains(lookAlikes, w => w.Patronen.HasFlag(Patroon.Seniorencomplex));
        Assert.Contains(lookAlikes, w => w.Patronen.HasFlag(Patroon.BeschermdWonen));
        Assert.Contains(lookAlikes, w => w.Patronen.HasFlag(Patroon.GroteOrganisatie));
        foreach (var (id, patronen) in lookAlikes)
        {
            var f = _result.PerAanbieder[id];
            var what = $"{id} ({Patronen.ToCodes(patronen)})";
            Assert.True(f.ClusterId is null, $"{what} is in cluster {f.ClusterId}");
            Assert.True(f.CoLocatedClients < minCoLocated, $"{what}: {f.CoLocatedClients} co-located clients");
            Assert.True(f.ClientsInOwnBuilding < minOwn, $"{what}: {f.ClientsInOwnBuilding} clients in its own building");
            if (patronen.HasFlag(Patroon.BeschermdWonen)) Assert.True(f.ExpectedCoLocationClients > 0, what);
            if (patronen.HasFlag(Patroon.Seniorencomplex)) Assert.True(f.ActiveClients > f.MaxClientsInOneBuilding, what);
        }
    }

    [Fact]
    public void Generated_addresses_resolve_through_the_BAG_and_the_report_covers_every_cluster()
    {
        Assert.True(_result.MetBag);
        Assert.Equal(0, _result.Resolutie.OngeldigAdres);
        Assert.True(_result.Resolutie.ViaBagId + _result.Resolutie.ViaBagAdres > 0.9 * (_result.Resolutie.ViaBagId + _result.Resolutie.ViaBagAdres + _result.Resolutie.Terugval));
        using var json = new MemoryStream();
        ClusterReport.WriteJson(_result, json);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.Equal(_result.Clusters.Select(c => c.ClusterId), doc.RootElement.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("cluster_id").GetString()));
    }
}
