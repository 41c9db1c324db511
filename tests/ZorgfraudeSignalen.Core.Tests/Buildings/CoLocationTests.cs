using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

/// <summary>Hand-made cases for each co-location fact, each link kind and the benign look-alikes (no BAG: fallback keys, unless a test adds a pand).</summary>
public class CoLocationTests
{
    private static BuildingAnalysisResult Analyse(BuildingTestData d, BuildingOptions? o = null) =>
        BuildingAnalysis.Analyse(RunTables.From(d.Inputs()), BuildingTestData.Peildatum, o);

    [Fact]
    public void Provider_housing_its_clients_in_its_own_building_is_measured_and_clustered()
    {
        var d = new BuildingTestData().Aanbieder("W", vestiging: "1234AB 10");
        d.Clients("W", 4, "1234AB 10", "W", verhuisdDagenVoorZorg: 30);
        d.Client("X1", "1234AB 14", "W");       // same row, another building (not next door: 12 is not in the data)
        d.Client("X2", "9999ZZ 1", "W");        // elsewhere
        var result = Analyse(d);
        var f = result.PerAanbieder["W"];
        Assert.Equal(6, f.ActiveClients);
        Assert.Equal(4, f.ClientsInOwnBuilding);
        Assert.Equal(5, f.ClientsInOwnRow);
        Assert.Equal(1, f.BuildingsWithAtLeastKClients);
        Assert.Equal(4, f.MaxClientsInOneBuilding);
        Assert.Equal((16.0 + 1 + 1) / 36, f.ClientHhi, 9);
        Assert.Equal(4, f.ClientsMovedInBeforeCare);
        // The four who moved in shortly before care live in the own building, which the evidence shows.
        var own = Assert.Single(result.BuildingEvidence("W"), b => b.IsVestiging);
        Assert.Equal(("1234AB-10", 4), (own.PandKey, own.Clienten.Count(c => c.DagenTussen is >= 0 and <= 60)));
        Assert.Equal(0, result.Resolutie.ViaBagId + result.Resolutie.ViaBagAdres);
        Assert.Equal("1234AB-10", f.VestigingPandKey);

        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(f.ClusterId, cluster.ClusterId);
        Assert.Equal(["W"], cluster.Aanbieders);
        Assert.Equal(["1234AB-10"], cluster.Panden.Select(p => p.PandKey));
        Assert.Equal("1234AB-10", cluster.AnchorPandKey);
        Assert.Contains(cluster.Links, l => l is { Soort: "vestiging", Van: "W", Naar: "1234AB-10" });
        Assert.Contains(cluster.Links, l => l is { Soort: "clienten", Van: "W", Naar: "1234AB-10", Gewicht: 4 });
        var adressen = cluster.Panden[0].Adressen;
        Assert.Equal(["1234AB-10", "1234AB-10-1", "1234AB-10-2", "1234AB-10-3", "1234AB-10-4"], adressen.Select(a => a.AdresSleutel));
        Assert.All(adressen, a => Assert.Equal(Resolutie.Terugval, a.Resolutie));
    }

    [Fact]
    public void Moved_in_window_counts_zero_to_ninety_days_before_care_only()
    {
        var d = new BuildingTestData().Aanbieder("A");
        d.Client("C0", "1000AA 1", "A", verhuisdDagenVoorZorg: 0);
        d.Client("C90", "1000AA 2", "A", verhuisdDagenVoorZorg: 90);
        d.Client("C91", "1000AA 3", "A", verhuisdDagenVoorZorg: 91);
        d.Client("Cna", "1000AA 4", "A", verhuisdDagenVoorZorg: -5);  // moved after care started
        Assert.Equal(2, Analyse(d).PerAanbieder["A"].ClientsMovedInBeforeCare);
        Assert.Equal(3, Analyse(d, new BuildingOptions { MoveInWindowDays = 91 }).PerAanbieder["A"].ClientsMovedInBeforeCare);
    }

    [Fact]
    public void Only_relations_in_force_on_the_peildatum_count()
    {
        var d = new BuildingTestData().Aanbieder("A");
        d.Clients("C", 3, "1000AA 1", "A");
        d.Client("Ended", "1000AA 1-9", "A", einde: BuildingTestData.Peildatum.AddDays(-1));
        d.Client("Future", "1000AA 1-8", "A", start: BuildingTestData.Peildatum.AddDays(1));
        d.Client("LastDay", "1000AA 1-7", "A", einde: BuildingTestData.Peildatum);
        var f = Analyse(d).PerAanbieder["A"];
        Assert.Equal(4, f.ActiveClients);
        Assert.Equal(4, f.MaxClientsInOneBuilding);
    }

    [Fact]
    public void Beschermd_wonen_and_opvang_are_expected_co_location_not_a_cluster()
    {
        var d = new BuildingTestData().Aanbieder("BW", vestiging: "2000AA 1");
        d.Clients("B", 6, "2000AA 1", "BW", categorie: "15", verhuisdDagenVoorZorg: 10);
        d.Clients("O", 4, "2000AA 1", "BW", categorie: "16");
        d.Client("H1", "2000AA 1-99", "BW", categorie: "01");  // household help to one resident: ordinary
        var result = Analyse(d);
        var f = result.PerAanbieder["BW"];
        Assert.Equal(1, f.ActiveClients);
        Assert.Equal(10, f.ExpectedCoLocationClients);
        Assert.Equal(1, f.ClientsInOwnBuilding);
        Assert.Equal(0, f.BuildingsWithAtLeastKClients);
        Assert.Equal(0, f.ClientsMovedInBeforeCare);
        Assert.Null(f.ClusterId);
        Assert.Empty(result.Clusters);
        var pand = result.Pand("2000AA-1")!;
        Assert.Equal(10, pand.VerwachteClientenPerAanbieder["BW"]);
        Assert.Equal(1, pand.ClientenPerAanbieder["BW"]);
    }

    [Fact]
    public void Woondiensten_are_expected_co_location_and_begeleiding_in_the_same_building_is_not()
    {
        var d = new BuildingTestData().Aanbieder("WD", vestiging: "2100AA 1").Aanbieder("BG", vestiging: "2100AB 1");
        d.Clients("W", 6, "2100AA 1", "WD", categorie: "05", verhuisdDagenVoorZorg: 10);
        d.Clients("B", 6, "2100AB 1", "BG", categorie: "02", verhuisdDagenVoorZorg: 10);
        var result = Analyse(d);
        Assert.Equal((0, 6), (result.PerAanbieder["WD"].ActiveClients, result.PerAanbieder["WD"].ExpectedCoLocationClients));
        Assert.Equal((6, 6), (result.PerAanbieder["BG"].ClientsInOwnBuilding, result.PerAanbieder["BG"].ClientsMovedInBeforeCare));
    }

    [Fact]
    public void A_PGB_agreement_under_a_beschermd_wonen_budget_is_expected_too()
    {
        var d = new BuildingTestData().Aanbieder("P");
        for (var i = 0; i < 4; i++)
        {
            d.Clienten.Add(new Client($"C{i}", BuildingTestData.Adres($"3000AA 5-{i}"), new DateOnly(2020, 1, 1), null));
            d.Toewijzingen.Add(new Toewijzing($"T{i}", $"C{i}", "P", "15", null, Leveringsvorm.Pgb, null, BuildingTestData.ZorgStart, null, 100000, "83", "4", 12000));
            d.PgbOvereenkomst($"C{i}", "P2", rekening: null);
        }
        var result = Analyse(d);
        Assert.Equal(4, result.PerAanbieder["P2"].ExpectedCoLocationClients);
        Assert.Equal(0, result.PerAanbieder["P2"].ActiveClients);
        Assert.Empty(result.Clusters);
    }

    [Fact]
    public void Senior_complex_served_by_many_unrelated_providers_is_not_co_location()
    {
        var d = new BuildingTestData();
        foreach (var p in new[] { "H1", "H2", "H3", "H4", "H5" })
        {
            d.Aanbieder(p, vestiging: $"5{p[1]}00AA 1");
            d.Clients(p + "-", 3, "3000AA 5", p, categorie: "01");
        }
        var result = Analyse(d);
        Assert.Empty(result.Clusters);
        Assert.True(result.Pand("3000AA-5")!.IsMeerAanbiedersPand);
        foreach (var f in result.PerAanbieder.Values.Where(f => f.AanbiederId.StartsWith('H')))
        {
            Assert.Equal(0, f.BuildingsWithAtLeastKClients);
            Assert.Equal(0, f.MaxClientsInOneBuilding);
            Assert.Equal(3, result.Pand("3000AA-5")!.ClientenPerAanbieder[f.AanbiederId]);
        }
    }

    private const string FlatPand = "0000100000000005";

    /// <summary>A BAG pand of 30 dwellings at 3000AA 5-1 … 5-30, the addresses <see cref="BuildingTestData.Clients"/> gives.</summary>
    private static BuildingTestData WithFlatInBag(BuildingTestData d)
    {
        d.Bag = [];
        for (var i = 1; i <= 30; i++)
            d.Bag.Add(new BagAdres($"00002000000005{i:00}", new Adres("3000AA", 5, null, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                $"00000100000005{i:00}", FlatPand, "Flatlaan", "Ergens", ["woonfunctie"]));
        return d;
    }

    /// <summary>13 clients of DOM and 12 of four unrelated home-care providers (3 each) in one building.</summary>
    private static BuildingTestData SeniorFlatWithOneLargeProvider()
    {
        var d = new BuildingTestData();
        foreach (var p in new[] { "H1", "H2", "H3", "H4" }) d.Clients(p + "-", 3, "3000AA 5", p, categorie: "01");
        for (var i = 13; i <= 25; i++) d.Client($"D-{i}", $"3000AA 5-{i}", "DOM");
        return d;
    }

    [Fact]
    public void A_pand_whose_residents_choose_other_providers_is_open_even_with_one_large_provider()
    {
        var result = Analyse(WithFlatInBag(SeniorFlatWithOneLargeProvider()));
        Assert.True(result.Pand(FlatPand)!.IsMeerAanbiedersPand);   // 13 of 25 is more than half, but 12 residents have other providers only
        Assert.Empty(result.Clusters);
        Assert.Equal((0, 0), (result.PerAanbieder["DOM"].CoLocatedClients, result.PerAanbieder["DOM"].BuildingsWithAtLeastKClients));
    }

    [Fact]
    public void Without_BAG_the_neighbours_providers_do_not_open_a_building_and_the_dominant_provider_counts()
    {
        var result = Analyse(SeniorFlatWithOneLargeProvider());
        Assert.False(result.Pand("3000AA-5")!.IsMeerAanbiedersPand);
        var cluster = Assert.Single(result.Clusters);
        Assert.Contains("DOM", cluster.Aanbieders);
        Assert.Equal(13, result.PerAanbieder["DOM"].CoLocatedClients);
    }

    [Fact]
    public void A_provider_dominating_a_pand_still_counts_where_the_other_providers_serve_its_own_clients()
    {
        var d = new BuildingTestData();
        d.Clients("D-", 13, "3000AA 5", "DOM");
        // Four unrelated providers in the pand, but besides one resident each of two of them they serve DOM's clients.
        foreach (var (p, i) in new[] { ("H1", 1), ("H2", 2), ("H3", 3), ("H4", 4) }) d.ExtraToewijzing($"D-{i}", p, categorie: "14");
        d.Client("H1-1", "3000AA 5-20", "H1", "01").Client("H2-1", "3000AA 5-21", "H2", "01");
        var result = Analyse(WithFlatInBag(d));
        Assert.False(result.Pand(FlatPand)!.IsMeerAanbiedersPand);   // two residents outside DOM: fewer than three
        var cluster = Assert.Single(result.Clusters);
        Assert.Contains("DOM", cluster.Aanbieders);
        Assert.Equal(13, result.PerAanbieder["DOM"].CoLocatedClients);
    }

    [Fact]
    public void A_large_provider_in_a_large_block_of_flats_is_what_its_size_predicts()
    {
        var d = new BuildingTestData();
        for (var i = 0; i < 1500; i++) d.Client($"B{i}", $"6{i / 676 % 1000:000}{(char)('A' + i % 676 / 26)}{(char)('A' + i % 26)} 3", "BIG");
        d.Clients("BF", 8, "6999ZZ 1", "BIG");
        d.Clients("X", 6, "6999ZZ 1", "OTHER1");
        d.Clients("Y", 6, "6999ZZ 1", "OTHER2");
        d.Clients("S", 8, "5999ZZ 1", "SMALL");
        d.Clients("Z", 2, "5999ZZ 1", "OTHER1");
        var result = BuildingAnalysis.Analyse(RunTables.From(d.Inputs()), BuildingTestData.Peildatum);
        Assert.False(result.Pand("6999ZZ-1")!.IsMeerAanbiedersPand);   // three provider groups: below the senior-complex rule

        var big = result.PerAanbieder["BIG"];
        Assert.Equal(8, big.MaxClientsInOneBuilding);
        Assert.Equal(0, big.BuildingsWithAtLeastKClients);
        Assert.Equal(0, big.CoLocatedClients);
        Assert.Null(big.ClusterId);

        var small = result.PerAanbieder["SMALL"];
        Assert.Equal(1, small.BuildingsWithAtLeastKClients);
        Assert.Equal(8, small.CoLocatedClients);
        Assert.NotNull(small.ClusterId);
    }

    [Theory]
    [InlineData(0, 1.0, 1.0)]
    [InlineData(1, 2.0, 0.8646647167633873)]     // 1 - e^-2
    [InlineData(3, 0.5, 0.014387677966970687)]   // 1 - e^-0.5 (1 + 0.5 + 0.125)
    [InlineData(2, 0.0, 0.0)]
    public void Poisson_upper_tail(int n, double lambda, double expected) =>
        Assert.Equal(expected, BuildingGraph.PoissonUpperTail(n, lambda), 12);

    [Fact]
    public void Providers_related_by_a_director_are_one_group_in_a_senior_complex()
    {
        // Four providers, but two share a director: three unrelated groups, below the threshold of four.
        var d = new BuildingTestData()
            .Aanbieder("H1", bestuurders: ["D1"]).Aanbieder("H2", bestuurders: ["D1"]).Aanbieder("H3").Aanbieder("H4");
        foreach (var p in new[] { "H1", "H2", "H3", "H4" }) d.Clients(p + "-", 3, "3000AA 5", p, categorie: "01");
        var result = Analyse(d);
        Assert.False(result.Pand("3000AA-5")!.IsMeerAanbiedersPand);
        Assert.Equal(["H2"], result.PerAanbieder["H1"].LinkedByDirector);
    }

    [Fact]
    public void Without_BAG_consecutive_house_numbers_under_one_postcode_are_one_building()
    {
        var d = new BuildingTestData().Aanbieder("W", vestiging: "1234AB 40");
        d.Client("F1", "1234AB 42", "W").Client("F2", "1234AB 44", "W").Client("F3", "1234AB 46", "W").Client("F4", "1234AB 46A", "W");
        d.Client("R1", "1234AB 60", "W");       // a gap: another building under the same postcode
        d.Client("R2", "1234AC 48", "W");       // another postcode: another building
        var f = Analyse(d).PerAanbieder["W"];
        Assert.Equal(4, f.ClientsInOwnBuilding);
        Assert.Equal("1234AB-40", f.VestigingPandKey);
        Assert.Equal("1234AB 40–46", f.VestigingLabel);
        Assert.Equal(5, f.ClientsInOwnRow);
    }

    /// <summary>W's clients as given, and 100 clients of an unrelated provider one to a house elsewhere.</summary>
    private static CoLocationFacts RowFacts(params string[] addresses)
    {
        var d = new BuildingTestData().Aanbieder("W").Aanbieder("Q");
        for (var i = 0; i < addresses.Length; i++) d.Client($"w{i}", addresses[i], "W");
        for (var i = 1; i <= 100; i++) d.Client($"q{i}", $"{5000 + i}QQ 1", "Q");
        return Analyse(d).PerAanbieder["W"];
    }

    [Fact]
    public void Clients_spread_over_the_houses_of_one_street_side_are_co_located_by_row()
    {
        var f = RowFacts("1234AB 10", "1234AB 20", "1234AB 30", "1234AB 40", "1234AB 50", "9876ZZ 1");
        Assert.Equal(0, f.CoLocatedClients); // one client to a house: no building stands out
        Assert.Equal(5, f.RowCoLocatedClients);
        Assert.Equal("1234AB", f.BusiestRow);
        Assert.Equal(5, f.BusiestRowClients);
    }

    [Fact]
    public void Clients_counted_in_a_co_located_building_are_not_counted_again_in_its_row()
    {
        var f = RowFacts("1234AB 10-1", "1234AB 10-2", "1234AB 10-3", "1234AB 10-4", "1234AB 10-5", "1234AB 10-6", "9876ZZ 1");
        Assert.Equal(6, f.CoLocatedClients);
        Assert.Equal(0, f.RowCoLocatedClients);
        Assert.Null(f.BusiestRow);
    }

    [Fact]
    public void Shared_director_links_providers_into_one_cluster()
    {
        var d = new BuildingTestData()
            .Aanbieder("N1", vestiging: "4000AA 1", bestuurders: ["D1"])
            .Aanbieder("N2", vestiging: "4100BB 7", bestuurders: ["D1", "D2"])
            .Aanbieder("N3", bestuurders: ["D9"]);
        d.Clients("A", 3, "4000AA 1", "N1");
        d.Clients("B", 2, "4000AA 1", "N2");
        d.Client("B9", "4000AA 5", "N3");  // an unrelated provider with one client nearby stays out
        var result = Analyse(d);
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(["N1", "N2"], cluster.Aanbieders);
        Assert.Contains(cluster.Links, l => l is { Soort: "bestuurder", Van: "N1", Naar: "N2", Via: "D1" });
        Assert.Equal(["N2"], result.PerAanbieder["N1"].LinkedByDirector);
        Assert.Equal(["N1"], result.PerAanbieder["N2"].LinkedByDirector);
        Assert.Empty(result.PerAanbieder["N1"].LinkedByAccount);
        Assert.Equal(3, result.PerAanbieder["N2"].ClientsOfLinkedProvidersInSameBuildings);
        Assert.Equal(2, result.PerAanbieder["N1"].ClientsOfLinkedProvidersInSameBuildings);
        Assert.Equal(result.PerAanbieder["N1"].ClusterId, result.PerAanbieder["N2"].ClusterId);
        Assert.Null(result.PerAanbieder["N3"].ClusterId);
    }

    [Fact]
    public void Shared_account_links_providers_through_their_accounts_and_PGB_payees()
    {
        var d = new BuildingTestData()
            .Aanbieder("R1", rekeningen: ["IBAN-X"])
            .Aanbieder("R2")
            .Aanbieder("R3", rekeningen: ["IBAN-Y"]);
        d.Clients("A", 3, "4000AA 1", "R1");
        d.Clienten.Add(new Client("P1", BuildingTestData.Adres("4000AA 1-9"), new DateOnly(2024, 1, 1), null));
        d.PgbOvereenkomst("P1", "R2", rekening: "IBAN-X");                    // R2's PGB payments go to R1's account
        d.PgbOvereenkomst("P1", "R3", rekening: "IBAN-Z", start: new DateOnly(2019, 1, 1));
        d.Pgb.Add(d.Pgb[^1] with { OvereenkomstId = "O-old", AanbiederId = "R2", RekeningId = "IBAN-Y", Einddatum = new DateOnly(2020, 1, 1) });
        var result = Analyse(d);
        Assert.Equal(["R2"], result.PerAanbieder["R1"].LinkedByAccount);
        Assert.Equal(["R1", "R3"], result.PerAanbieder["R2"].LinkedByAccount);   // an ended agreement's account is still a shared account
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(["R1", "R2", "R3"], cluster.Aanbieders);
        Assert.Contains(cluster.Links, l => l is { Soort: "rekening", Van: "R1", Naar: "R2", Via: "IBAN-X" });
        Assert.Equal(1, result.PerAanbieder["R1"].ClientsOfLinkedProvidersInSameBuildings);
    }

    [Fact]
    public void An_account_shared_by_very_many_providers_is_a_service_account_and_links_nobody()
    {
        var d = new BuildingTestData();
        for (var i = 0; i < 11; i++) d.Aanbieder($"S{i:00}", rekeningen: ["ADMINISTRATIEKANTOOR"]);
        d.Clients("A", 3, "4000AA 1", "S00");
        var result = Analyse(d);
        Assert.All(result.PerAanbieder.Values, f => Assert.Empty(f.LinkedByAccount));
        Assert.Equal(["S00"], Assert.Single(result.Clusters).Aanbieders);
        var linked = Analyse(d, new BuildingOptions { MaxProvidersPerSharedAccount = 11 });
        Assert.Equal(11, Assert.Single(linked.Clusters).Aanbieders.Count);
    }

    [Fact]
    public void Below_k_clients_in_a_building_there_is_no_cluster_and_k_is_an_option()
    {
        var d = new BuildingTestData().Aanbieder("A", vestiging: "1000AA 1");
        d.Clients("C", 2, "1000AA 1", "A");
        Assert.Empty(Analyse(d).Clusters);
        Assert.Equal(2, Analyse(d).PerAanbieder["A"].ClientsInOwnBuilding);
        Assert.Single(Analyse(d, new BuildingOptions { MinClientsPerBuilding = 2 }).Clusters);
    }

    [Fact]
    public void Two_unrelated_providers_registered_in_one_office_building_are_not_merged()
    {
        var d = new BuildingTestData()
            .Aanbieder("A", vestiging: "6000AA 1")
            .Aanbieder("B", vestiging: "6000AA 1");
        d.Clients("C", 3, "6100AA 1", "A");
        d.Clients("D", 3, "6200AA 1", "B");
        var result = Analyse(d);
        Assert.Equal(2, result.Clusters.Count);
        Assert.NotEqual(result.PerAanbieder["A"].ClusterId, result.PerAanbieder["B"].ClusterId);
        Assert.All(result.Clusters, c => Assert.DoesNotContain(c.Panden, p => p.PandKey == "6000AA-1"));
    }

    [Fact]
    public void A_provider_counts_a_client_once_however_many_allocations()
    {
        var d = new BuildingTestData().Aanbieder("A");
        d.Clients("C", 3, "1000AA 1", "A");
        d.ExtraToewijzing("C1", "A", "07", start: new DateOnly(2024, 3, 1));
        d.PgbOvereenkomst("C2", "A", null);
        var result = Analyse(d);
        Assert.Equal(3, result.PerAanbieder["A"].ActiveClients);
        var evidence = result.BuildingEvidence("A");
        var building = Assert.Single(evidence);
        var c1 = Assert.Single(building.Clienten, c => c.ClientId == "C1");
        Assert.Equal(new DateOnly(2024, 3, 1), c1.ZorgStart);   // care start is the earliest relation in force
        Assert.Equal(c1.ZorgStart!.Value.DayNumber - c1.AdresSinds.DayNumber, c1.DagenTussen);
    }

    [Fact]
    public void Providers_without_an_aanbieders_row_and_clients_without_a_known_address_do_not_break_the_run()
    {
        var d = new BuildingTestData();
        d.Clients("C", 3, "1000AA 1", "UNKNOWN");
        d.Clienten.Add(new Client("BAD", new Adres("ABCDEF", 1, null, null), new DateOnly(2020, 1, 1), null));
        d.ExtraToewijzing("BAD", "UNKNOWN");
        d.ExtraToewijzing("NOT-A-CLIENT", "UNKNOWN");
        var result = Analyse(d);
        Assert.Equal(4, result.PerAanbieder["UNKNOWN"].ActiveClients);
        Assert.Equal(1, result.Resolutie.OngeldigAdres);
        Assert.Equal(1, result.Resolutie.RelatiesZonderBekendeClient);
        Assert.Single(result.Clusters);
    }
}
