using System.Text.Json;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

public class ClusterStabilityAndReportTests
{
    /// <summary>A woonzorg provider in two buildings and a network partner by director.</summary>
    private static BuildingTestData Base()
    {
        var d = new BuildingTestData()
            .Aanbieder("W1", vestiging: "7000AA 10", bestuurders: ["D1"])
            .Aanbieder("W2", vestiging: "7000AB 3", bestuurders: ["D1"]);
        d.Clients("A", 6, "7000AA 10", "W1", verhuisdDagenVoorZorg: 20);
        d.Clients("B", 3, "7000AB 3", "W2");
        d.Clients("C", 2, "7000AA 10", "W2");
        return d;
    }

    private static byte[] Json(BuildingAnalysisResult r)
    {
        using var ms = new MemoryStream();
        ClusterReport.WriteJson(r, ms);
        return ms.ToArray();
    }

    private static string FactsJson(BuildingAnalysisResult r) => JsonSerializer.Serialize(r.PerAanbieder);

    [Fact]
    public void Same_data_in_another_order_gives_the_same_ids_facts_and_report_bytes()
    {
        var a = BuildingAnalysis.Analyse(RunTables.From(Base().Inputs()), BuildingTestData.Peildatum);
        var original = Base().Inputs();
        var rng = new Random(7);
        var inputs = original with
        {
            Clienten = original.Clienten.OrderBy(_ => rng.Next()).ToList(),
            Aanbieders = original.Aanbieders.Reverse().ToList(),
            Toewijzingen = original.Toewijzingen.OrderBy(_ => rng.Next()).ToList(),
        };
        var b = BuildingAnalysis.Analyse(RunTables.From(inputs), BuildingTestData.Peildatum);
        Assert.Equal(a.Clusters.Select(c => c.ClusterId), b.Clusters.Select(c => c.ClusterId));
        Assert.Equal(FactsJson(a), FactsJson(b));
        Assert.Equal(Json(a), Json(b));
    }

    [Fact]
    public void Cluster_id_derives_from_the_anchor_building_and_survives_a_new_member()
    {
        var before = BuildingAnalysis.Analyse(RunTables.From(Base().Inputs()), BuildingTestData.Peildatum);
        var cluster = Assert.Single(before.Clusters);
        Assert.Equal("7000AA-10", cluster.AnchorPandKey);   // 8 co-located clients against 3
        Assert.Matches("^CL-[0-9A-F]{10}$", cluster.ClusterId);
        Assert.DoesNotContain("7000", cluster.ClusterId);   // no address in an id that travels in the risk list

        // A new provider joins through a shared account, with a new building of its own (lower key, fewer clients).
        var grown = Base().Aanbieder("W3", rekeningen: ["R1"]).Aanbieder("W1b", rekeningen: ["R1"]);
        grown.Clients("N", 4, "1000AA 1", "W3");
        grown.Aanbieders[0] = grown.Aanbieders[0] with { RekeningIds = ["R1"] };
        var after = BuildingAnalysis.Analyse(RunTables.From(grown.Inputs()), BuildingTestData.Peildatum);
        var grownCluster = Assert.Single(after.Clusters);
        Assert.Equal(cluster.ClusterId, grownCluster.ClusterId);
        Assert.Equal(["W1", "W1b", "W2", "W3"], grownCluster.Aanbieders);
        Assert.Contains(grownCluster.Panden, p => p.PandKey == "1000AA-1");
    }

    [Fact]
    public void Evidence_and_picture_are_ready_for_the_portal()
    {
        var result = BuildingAnalysis.Analyse(RunTables.From(Base().Inputs()), BuildingTestData.Peildatum);
        var evidence = result.BuildingEvidence("W1");
        var own = Assert.Single(evidence);
        Assert.True(own.IsVestiging);
        Assert.Equal("terugval", own.Resolutie);
        Assert.Equal(6, own.Clienten.Count);
        Assert.All(own.Clienten, c => Assert.Equal(20, c.DagenTussen));

        var w2 = result.BuildingEvidence("W2");
        Assert.Equal(["7000AB-3", "7000AA-10"], w2.Select(e => e.PandKey));   // vestiging first

        var clusterId = result.PerAanbieder["W1"].ClusterId!;
        var picture = result.ClusterPicture(clusterId)!;
        Assert.Equal(4, picture.Knopen.Count);
        Assert.Contains(picture.Verbindingen, e => e is { Van: "A:W1", Naar: "P:7000AA-10", Soort: "clienten", Gewicht: 6 });
        Assert.Contains(picture.Verbindingen, e => e is { Van: "A:W1", Naar: "A:W2", Soort: "bestuurder" });
        Assert.All(picture.Verbindingen, e =>
        {
            Assert.Contains(picture.Knopen, n => n.Id == e.Van);
            Assert.Contains(picture.Knopen, n => n.Id == e.Naar);
        });
        Assert.Null(result.ClusterPicture("CL-0000000000"));
        Assert.Empty(result.BuildingEvidence("nobody"));
    }

    [Fact]
    public async Task Report_is_written_to_the_run_outputs_as_json_and_text()
    {
        var root = Path.Combine(Path.GetTempPath(), "zfs-buildings-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new LocalBlobStore(root);
            var result = BuildingAnalysis.Analyse(RunTables.From(Base().Inputs()), BuildingTestData.Peildatum);
            await ClusterReport.WriteAsync(store, "run-1", result);

            using var doc = JsonDocument.Parse(await store.ReadTextAsync(StoreNames.RunsContainer, "run-1/" + ClusterReport.JsonName));
            var cluster = doc.RootElement.GetProperty("clusters")[0];
            Assert.Equal(result.Clusters[0].ClusterId, cluster.GetProperty("cluster_id").GetString());
            Assert.Equal(["W1", "W2"], cluster.GetProperty("aanbieders").EnumerateArray().Select(e => e.GetString()));
            var pand = cluster.GetProperty("panden").EnumerateArray().Single(p => p.GetProperty("pand_key").GetString() == "7000AA-10");
            Assert.Equal(6, pand.GetProperty("clienten_per_aanbieder").GetProperty("W1").GetInt32());
            Assert.Equal(2, pand.GetProperty("clienten_per_aanbieder").GetProperty("W2").GetInt32());
            Assert.All(pand.GetProperty("adressen").EnumerateArray(), a => Assert.Equal("terugval", a.GetProperty("resolutie").GetString()));
            Assert.Contains(cluster.GetProperty("links").EnumerateArray(), l => l.GetProperty("soort").GetString() == "bestuurder");
            Assert.Equal("2025-06-01", doc.RootElement.GetProperty("peildatum").GetString());

            var text = await store.ReadTextAsync(StoreNames.RunsContainer, "run-1/" + ClusterReport.TextName);
            Assert.Contains(result.Clusters[0].ClusterId, text);
            Assert.Contains("W1 — W2: gedeelde bestuurder D1", text);
            Assert.Contains("adres 7000AA-10-1: terugval", text);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
