using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

/// <summary>Building resolution on the real BAG sample (Amsterdam 1011AB-1011AM, NLExtract layout).</summary>
public class BagSampleTests
{
    private static readonly IReadOnlyList<NlExtractBagReader.Row> Rows = NlExtractBagReader.ReadRows(NlExtractBagReader.SamplePath);
    private static readonly IReadOnlyList<BagAdres> Bag = Rows.Select(NlExtractBagReader.ToBagAdres).ToList();

    /// <summary>One provider with one client at every address of the sample, written as the BAG writes it.</summary>
    private static BuildingAnalysisResult EveryAddressOnce(Func<BagAdres, string?>? nid = null)
    {
        var data = new BuildingTestData { Bag = Bag.ToList(), Achtergrond = false };
        data.Aanbieder("A1");
        var i = 0;
        foreach (var b in Bag)
        {
            var id = $"C{i++}";
            data.Clienten.Add(new Client(id, b.Adres, new DateOnly(2020, 1, 1), nid?.Invoke(b)));
            data.ExtraToewijzing(id, "A1");
        }
        return BuildingAnalysis.Analyse(RunTables.From(data.Inputs()), BuildingTestData.Peildatum);
    }

    [Fact]
    public void Sample_has_the_shape_its_readme_describes()
    {
        Assert.Equal(99, Bag.Count);
        Assert.Equal(36, Bag.Where(b => b.PandId is not null).Select(b => b.PandId).Distinct().Count());
        Assert.Equal(8, Bag.Count(b => b.PandId is null));
    }

    [Fact]
    public void Every_sample_address_has_its_own_key_so_no_two_dwellings_merge()
    {
        var keys = Bag.Select(b => AdresNormalisatie.Normaliseer(b.Adres).Sleutel).ToList();
        Assert.Equal(Bag.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Every_address_resolves_by_address_to_its_pand_or_object()
    {
        var result = EveryAddressOnce();
        Assert.Equal(99, result.Resolutie.ViaBagAdres);
        Assert.Equal(0, result.Resolutie.Terugval);
        foreach (var b in Bag)
        {
            var pand = result.Pand(b.PandId ?? b.VerblijfsobjectId);
            Assert.NotNull(pand);
            var key = AdresNormalisatie.Normaliseer(b.Adres).Sleutel;
            var adres = Assert.Single(pand.Adressen, a => a.AdresSleutel == key);
            Assert.Equal(Resolutie.BagAdres, adres.Resolutie);
            Assert.Equal(b.NummeraanduidingId, adres.NummeraanduidingId);
        }
        Assert.Equal(0, result.Resolutie.Terugval);
    }

    [Fact]
    public void Nummeraanduiding_id_is_used_directly_even_when_the_written_address_is_wrong()
    {
        var data = new BuildingTestData { Bag = Bag.ToList() };
        data.Aanbieder("A1");
        // The back office has the id of Prins Hendrikkade 100-2R but a typo in the number.
        data.Clienten.Add(new Client("C1", new Adres("1011AH", 1000, null, "2R"), new DateOnly(2020, 1, 1), "0363200000479146"));
        data.ExtraToewijzing("C1", "A1");
        var result = BuildingAnalysis.Analyse(RunTables.From(data.Inputs()), BuildingTestData.Peildatum);
        Assert.Equal(1, result.Resolutie.ViaBagId);
        var pand = result.Pand("0363100012171922")!;
        Assert.Equal(Resolutie.BagId, pand.Resolutie);
        Assert.Equal(1, pand.ClientenPerAanbieder["A1"]);
    }

    [Fact]
    public void Dwellings_per_pand_are_the_verblijfsobjecten_with_woonfunctie()
    {
        var result = EveryAddressOnce();
        var expected = Rows.Where(r => r["pand_id"] != "")
            .GroupBy(r => r["pand_id"])
            .ToDictionary(g => g.Key, g => g.Where(r => r["woonfunctie"] == "1").Select(r => r["adresseerbaarobject_id"]).Distinct().Count());
        foreach (var (pandId, woningen) in expected)
            Assert.Equal(woningen == 0 ? null : woningen, result.Pand(pandId)!.Woningen);
        // Clients per dwelling: 7 clients in the pand of Prins Hendrikkade 100 (6 dwellings) is the highest ratio in the sample.
        var perDwelling = expected.Where(kv => kv.Value > 0)
            .Max(kv => (double)Bag.Count(b => b.PandId == kv.Key) / kv.Value);
        Assert.Equal(perDwelling, expected.Where(kv => kv.Value > 0).Max(kv => (double)result.Pand(kv.Key)!.ClientenPerAanbieder.GetValueOrDefault("A1") / kv.Value));
    }

    [Fact]
    public void Written_forms_of_back_offices_resolve_to_the_right_pand()
    {
        var data = new BuildingTestData { Bag = Bag.ToList() };
        data.Aanbieder("A1");
        var cases = new (string Postcode, string Nummer, string Pand)[]
        {
            ("1011 ab", "105-2", "0363100012181960"),   // toevoeging after a dash
            ("1011AC", "149 b", "0363100012181375"),    // huisletter after a space
            ("1011ag", "99B-3", "0363100012182600"),    // letter and toevoeging
            ("1011AG", "99 b 1", "0363100012182600"),
            ("1011AH", "100-1l", "0363100012171922"),   // two-character toevoeging in lower case
            ("1011AH", "100 hs", "0363100012171922"),   // 'hs' for the BAG's 'H': resolved through an alias
            ("1011AB", "106 H", "0363100012181960"),    // read as huisletter, found as the BAG's toevoeging H; a nevenadres of 105H's object
            ("1011AC", "149-B", "0363100012181375"),    // read as toevoeging, found as the BAG's huisletter B
        };
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.True(AdresNormalisatie.TryParse(cases[i].Postcode, cases[i].Nummer, out var a, out var fout), fout);
            data.Clienten.Add(new Client($"C{i}", a.ToAdres(), new DateOnly(2020, 1, 1), null));
            data.ExtraToewijzing($"C{i}", "A1");
        }
        var result = BuildingAnalysis.Analyse(RunTables.From(data.Inputs()), BuildingTestData.Peildatum);
        Assert.Equal(cases.Length, result.Resolutie.ViaBagAdres);
        foreach (var group in cases.GroupBy(c => c.Pand))
            Assert.Equal(group.Count(), result.Pand(group.Key)!.ClientenPerAanbieder["A1"]);
    }

    [Fact]
    public void Ligplaats_is_its_own_building_without_dwellings_and_unknown_addresses_fall_back()
    {
        var data = new BuildingTestData { Bag = Bag.ToList() };
        data.Aanbieder("A1", vestiging: "1011AB 999");
        data.Client("C1", "1011AE 8", "A1");      // ligplaats Oosterdokskade 8
        data.Client("C2", "1011AB 999", "A1");    // not in the BAG
        data.Client("C3", "1011AB 105-9", "A1");  // number in the BAG, toevoeging not: no guessing
        var result = BuildingAnalysis.Analyse(RunTables.From(data.Inputs()), BuildingTestData.Peildatum);
        var lig = result.Pand("0363020001025735")!;
        Assert.Null(lig.Woningen);
        Assert.Equal(Resolutie.BagAdres, lig.Resolutie);
        var fallback = result.Pand("1011AB-999")!;
        Assert.Equal(Resolutie.Terugval, fallback.Resolutie);
        Assert.Equal(["A1"], fallback.VestigingVan);
        Assert.NotNull(result.Pand("1011AB-105"));
        Assert.Empty(result.Pand("0363100012181960")!.ClientenPerAanbieder);
        var facts = result.PerAanbieder["A1"];
        Assert.Equal(1, facts.ClientsInOwnBuilding);
        Assert.Equal(2, facts.ClientsInOwnRow);
    }

    [Fact]
    public void Row_of_a_BAG_pand_is_every_postcode_it_has()
    {
        // The sample has no pand spanning two postcodes; extend it with one that does (a corner building).
        var bag = Bag.ToList();
        bag.Add(new BagAdres("0363200099999991", new Adres("1011AC", 200, null, null), "0363010099999991", "0363100012181960", "De Ruijterkade", "Amsterdam", ["woonfunctie"]));
        var data = new BuildingTestData { Bag = bag };
        data.Aanbieder("A1", vestiging: "1011AB 105-2");
        data.Client("C1", "1011AC 127", "A1");  // another pand, in the row 1011AC that the vestiging's pand also belongs to
        data.Client("C2", "1011AD 1", "A1");    // another row
        var result = BuildingAnalysis.Analyse(RunTables.From(data.Inputs()), BuildingTestData.Peildatum);
        Assert.Equal(["1011AB", "1011AC"], result.Pand("0363100012181960")!.Rijen);
        var facts = result.PerAanbieder["A1"];
        Assert.Equal(0, facts.ClientsInOwnBuilding);
        Assert.Equal(1, facts.ClientsInOwnRow);
        Assert.Equal("0363100012181960", facts.VestigingPandKey);
        Assert.Equal("De Ruijterkade 105-200", facts.VestigingLabel);
    }
}
