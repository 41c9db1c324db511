using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

/// <summary>Clients at addresses the BAG registers for healthcare are expected co-location; ordinary dwellings are not.</summary>
public class CareAddressTests
{
    /// <summary>
    /// Two panden of six units each, one provider's clients in each, all moved in ten days before their care (begeleiding,
    /// not beschermd wonen): Z's units are care dwellings (woonfunctie and gezondheidszorgfunctie), W's ordinary
    /// dwellings in a pand whose ground floor is a practice (gezondheidszorgfunctie, no client lives there).
    /// </summary>
    private static BuildingTestData Data()
    {
        var d = new BuildingTestData { Bag = [] };
        d.Aanbieder("Z", vestiging: "4000AA 1-1").Aanbieder("W", vestiging: "4000AB 1-1");
        AddPand(d.Bag, "4000AA", "0000100000000001", ["woonfunctie", "gezondheidszorgfunctie"]);
        AddPand(d.Bag, "4000AB", "0000100000000002", ["woonfunctie"]);
        d.Bag.Add(new BagAdres("0000200000000299", new Adres("4000AB", 1, null, "P"), "0000010000000299", "0000100000000002", "Zorglaan", "Ergens", ["gezondheidszorgfunctie"]));
        d.Clients("Z", 6, "4000AA 1", "Z", verhuisdDagenVoorZorg: 10);
        d.Clients("W", 6, "4000AB 1", "W", verhuisdDagenVoorZorg: 10);
        return d;

        static void AddPand(List<BagAdres> bag, string postcode, string pand, string[] doelen)
        {
            for (var i = 1; i <= 6; i++)
                bag.Add(new BagAdres($"0000200000{pand[^4..]}{i:00}", new Adres(postcode, 1, null, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    $"0000010000{pand[^4..]}{i:00}", pand, "Zorglaan", "Ergens", doelen));
        }
    }

    private static BuildingAnalysisResult Analyse(BuildingOptions? o = null) =>
        BuildingAnalysis.Analyse(RunTables.From(Data().Inputs()), BuildingTestData.Peildatum, o);

    [Fact]
    public void Clients_at_care_addresses_are_expected_and_clients_in_ordinary_dwellings_are_not()
    {
        var result = Analyse();
        var z = result.PerAanbieder["Z"];
        Assert.Equal((0, 6), (z.ActiveClients, z.ExpectedCoLocationClients));
        Assert.Equal((0, 0, 0), (z.ClientsInOwnBuilding, z.ClientsMovedInBeforeCare, z.BuildingsWithAtLeastKClients));
        Assert.Null(z.ClusterId);

        // The practice on W's ground floor makes none of its dwellings a care address.
        var w = result.PerAanbieder["W"];
        Assert.Equal((6, 0), (w.ActiveClients, w.ExpectedCoLocationClients));
        Assert.Equal((6, 6, 1), (w.ClientsInOwnBuilding, w.ClientsMovedInBeforeCare, w.BuildingsWithAtLeastKClients));
        Assert.NotNull(w.ClusterId);
    }

    [Fact]
    public void Switched_off_care_addresses_count_like_any_other()
    {
        var z = Analyse(new BuildingOptions { CareAddressesExpected = false }).PerAanbieder["Z"];
        Assert.Equal((6, 0), (z.ActiveClients, z.ExpectedCoLocationClients));
        Assert.Equal((6, 6), (z.ClientsInOwnBuilding, z.ClientsMovedInBeforeCare));
    }
}
