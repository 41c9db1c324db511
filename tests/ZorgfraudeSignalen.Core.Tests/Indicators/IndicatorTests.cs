using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tests.Buildings;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Indicators;

public class IndicatorTests
{
    private static readonly DateOnly Peil = BuildingTestData.Peildatum; // 2025-06-01

    private static (ProviderFacts Facts, IReadOnlyList<IndicatorFinding> Findings) Evaluate(RunInputs inputs, string provider, IndicatorThresholds? t = null)
    {
        t ??= new IndicatorThresholds();
        var buildings = ProviderFactsBuilder.AnalyseBuildings(RunTables.From(inputs), Peil, t);
        var facts = ProviderFactsBuilder.Build(RunTables.From(inputs), Peil, t, buildings).Single(f => f.AanbiederId == provider);
        return (facts, IndicatorEvaluation.Evaluate([facts], t).PerAanbieder[0]);
    }

    private static IndicatorFinding Get(IReadOnlyList<IndicatorFinding> findings, string code) => findings.Single(f => f.Code == code);

    [Fact]
    public void Clients_in_the_providers_building_who_moved_in_shortly_before_care_are_counted_and_explained()
    {
        var data = new BuildingTestData().Aanbieder("P1", vestiging: "1234AB 12");
        for (var i = 1; i <= 7; i++) data.Client($"c{i}", $"1234AB 12-{i}", "P1", verhuisdDagenVoorZorg: i <= 5 ? 30 : 400);
        data.Client("c8", "5678CD 3", "P1").Client("c9", "5678CD 40", "P1");
        var (facts, findings) = Evaluate(data.Inputs(), "P1");

        var coloc = Get(findings, "COLOC_PAND");
        Assert.True(coloc.Afgegaan);
        Assert.Equal(7.0 / 9, coloc.Waarde, 6);
        Assert.Equal(5, facts.VerhuisdKortInPand);
        Assert.True(Get(findings, "VERHUIS_START").Afgegaan);
        var text = Toelichting.Build(facts, findings, [], new IndicatorThresholds());
        Assert.StartsWith("7 van de 9 cliënten van deze aanbieder wonen in het pand van de vestiging (", text);
        Assert.Contains("; 5 van hen verhuisden daarheen 60 dagen of korter voor de start van de zorg", text);
    }

    [Fact]
    public void Beschermd_wonen_in_the_providers_building_is_not_co_location()
    {
        var data = new BuildingTestData().Aanbieder("P1", vestiging: "1234AB 12").Clients("c", 8, "1234AB 12", "P1", categorie: "15", verhuisdDagenVoorZorg: 20);
        var (_, findings) = Evaluate(data.Inputs(), "P1");
        Assert.False(Get(findings, "COLOC_PAND").Afgegaan);
        Assert.False(Get(findings, "VERHUIS_START").Afgegaan);
    }

    [Fact]
    public void Moves_long_before_care_do_not_count_as_recruitment()
    {
        var data = new BuildingTestData().Aanbieder("P1", vestiging: "1234AB 12").Clients("c", 6, "9999ZZ 1", "P1", verhuisdDagenVoorZorg: 365);
        var (facts, findings) = Evaluate(data.Inputs(), "P1");
        Assert.Equal(0, facts.VerhuisdKort);
        Assert.False(Get(findings, "VERHUIS_START").Afgegaan);
    }

    private static Toewijzing Allocation(string frequentie, decimal volume, DateOnly start, DateOnly? end = null) =>
        new("T1", "c1", "P1", "02", null, Leveringsvorm.Zin, null, start, end, volume, "04", frequentie, null);

    [Fact]
    public void The_monthly_maximum_follows_the_contract_per_frequentie()
    {
        var june = new DateOnly(2025, 6, 1);
        Assert.Equal(3m * 52m / 12m, BillingPass.MonthlyMaximum(Allocation("2", 3, new DateOnly(2025, 1, 1)), june));
        Assert.Equal(2m * 30, BillingPass.MonthlyMaximum(Allocation("1", 2, new DateOnly(2025, 1, 1)), june));
        Assert.Equal(10m, BillingPass.MonthlyMaximum(Allocation("4", 10, new DateOnly(2025, 1, 1)), june));
        Assert.Equal(5m, BillingPass.MonthlyMaximum(Allocation("4", 10, new DateOnly(2025, 6, 16)), june)); // 15 of 30 days
        Assert.Equal(1m, BillingPass.MonthlyMaximum(Allocation("4", 10, new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 3)), june));
        Assert.Null(BillingPass.MonthlyMaximum(Allocation("6", 100, new DateOnly(2025, 1, 1)), june));
    }

    /// <summary>Two providers, four clients each with 3 hours a week; P1 bills the maximum every month, P2 about 70 %.</summary>
    private static RunInputs Billing(Func<Toewijzing, int, decimal> hours, IEnumerable<Declaratie>? extra = null)
    {
        var data = new BuildingTestData().Aanbieder("P1").Aanbieder("P2");
        for (var i = 1; i <= 4; i++) data.Client($"a{i}", $"1111AA {i}", "P1").Client($"b{i}", $"2222BB {i}", "P2");
        var inputs = data.Inputs();
        var declarations = new List<Declaratie>();
        foreach (var a in inputs.Toewijzingen)
            for (var m = 0; m < 5; m++)
            {
                var month = new DateOnly(2025, 1, 1).AddMonths(m);
                var h = hours(a, m);
                declarations.Add(new Declaratie($"D-{a.ToewijzingId}-{m}", a.ClientId, a.AanbiederId, a.ToewijzingId, month,
                    month.AddMonths(1).AddDays(-1), "02", h, "04", 50m, h * 50m));
            }
        declarations.AddRange(extra ?? []);
        return inputs with { Declaraties = () => declarations };
    }

    [Fact]
    public void Declaring_the_maximum_every_month_fires_and_ordinary_billing_does_not()
    {
        // 4 × 52/12 = 17.33 hours is the monthly maximum of 4 hours a week.
        var inputs = Billing((a, m) => a.AanbiederId == "P1" ? Math.Round(4m * 52m / 12m, 2) : 12m + m);
        var (p1, f1) = Evaluate(inputs, "P1");
        var (_, f2) = Evaluate(inputs, "P2");
        Assert.Equal(20, p1.MaandenMetMaximum);
        Assert.Equal(20, p1.MaandenOpMaximum);
        Assert.True(Get(f1, "MAX_DECL").Afgegaan);
        Assert.True(Get(f1, "GELIJK_BEDRAG").Afgegaan);
        Assert.False(Get(f2, "MAX_DECL").Afgegaan);
        Assert.False(Get(f2, "GELIJK_BEDRAG").Afgegaan); // the amount changes every month
    }

    [Fact]
    public void A_fixed_price_per_month_billed_in_full_is_neither_the_maximum_nor_a_same_amount_signal()
    {
        // P1 rents out a hulpmiddel: one item (82, output) per month, billed in full every month at one price.
        var data = new BuildingTestData().Aanbieder("P1");
        for (var i = 1; i <= 6; i++) data.Client($"a{i}", $"1111AA {i}", "P1");
        var inputs = data.Inputs();
        var rentals = inputs.Toewijzingen.Select(a => a with { Productcategorie = "14", Volume = 1, Eenheid = "82", Frequentie = "4" }).ToList();
        var declarations = rentals.SelectMany(a => Enumerable.Range(0, 5).Select(m => new DateOnly(2025, 1, 1).AddMonths(m)).Select(month =>
            new Declaratie($"D-{a.ToewijzingId}-{month.Month}", a.ClientId, a.AanbiederId, a.ToewijzingId, month, month.AddMonths(1).AddDays(-1), "14", 1, "82", 45m, 45m))).ToList();
        var (facts, findings) = Evaluate(inputs with { Toewijzingen = rentals, Declaraties = () => declarations }, "P1");

        Assert.Equal(0, facts.MaandenMetMaximum);
        Assert.Equal(0, facts.ClientenMetReeks);
        Assert.False(Get(findings, "MAX_DECL").Afgegaan);
        Assert.False(Get(findings, "GELIJK_BEDRAG").Afgegaan);
        Assert.Equal(45m * 30, facts.BedragTotaal); // still billed, and inside the allocations
        Assert.Equal(0, facts.DeclaratiesBuitenToewijzing);
    }

    [Fact]
    public void A_credit_note_nets_out_the_month()
    {
        var max = Math.Round(4m * 52m / 12m, 2);
        var credit = new Declaratie("CR", "a1", "P1", "T-a1-P1", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), "02", -max, "04", 50m, -max * 50m);
        var inputs = Billing((a, m) => a.AanbiederId == "P1" ? max : 10m, [credit]);
        var (p1, _) = Evaluate(inputs, "P1");
        Assert.Equal(19, p1.MaandenOpMaximum); // March of a1 is 0 after the credit
    }

    [Fact]
    public void Billing_after_the_allocation_ended_or_without_one_is_outside()
    {
        var stray = new[]
        {
            new Declaratie("X1", "a1", "P1", "T-unknown", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30), "02", 10, "04", 50m, 500m),
            new Declaratie("X2", "b1", "P1", "T-b1-P2", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30), "02", 10, "04", 50m, 500m),
        };
        var inputs = Billing((a, m) => 10m, stray);
        var (p1, f1) = Evaluate(inputs, "P1");
        Assert.Equal(2, p1.DeclaratiesBuitenToewijzing);
        Assert.Equal(1000m, p1.BedragBuitenToewijzing);
        Assert.True(Get(f1, "BUITEN_TOEW").Afgegaan);
        Assert.False(Get(Evaluate(inputs, "P2").Findings, "BUITEN_TOEW").Afgegaan);
    }

    [Fact]
    public void A_pgb_rate_far_above_the_median_for_the_same_agreement_type_fires()
    {
        var data = new BuildingTestData();
        var agreements = new List<PgbOvereenkomst>();
        for (var p = 1; p <= 6; p++)
        {
            data.Aanbieder($"P{p}");
            for (var c = 1; c <= 3; c++)
            {
                var client = $"k{p}-{c}";
                data.Client(client, $"3333CC {p * 10 + c}", $"P{p}");
                agreements.Add(new PgbOvereenkomst($"O{p}-{c}", client, $"P{p}", OvereenkomstType.Opdracht, null, new DateOnly(2025, 1, 1), null,
                    p == 6 ? 110m : 50m + p, 6m));
            }
        }
        var inputs = data.Inputs() with { PgbOvereenkomsten = agreements };
        var (facts, findings) = Evaluate(inputs, "P6");
        Assert.True(Get(findings, "PGB_TARIEF").Afgegaan);
        Assert.True(facts.PgbTariefFactor > 2);
        Assert.False(Get(Evaluate(inputs, "P3").Findings, "PGB_TARIEF").Afgegaan);
    }

    [Fact]
    public void Declaring_more_pgb_hours_than_agreed_fires_and_declaring_all_agreed_hours_does_not()
    {
        // 6 hours a week is 26 hours a month (× 52/12). P1 declares 32.5 (+25 %), P2 28 (+7.7 %, within the 10 % margin).
        var data = new BuildingTestData().Aanbieder("P1").Aanbieder("P2");
        var agreements = new List<PgbOvereenkomst>();
        var declarations = new List<Declaratie>();
        foreach (var (provider, hours) in new[] { ("P1", 32.5m), ("P2", 28m) })
            for (var c = 1; c <= 3; c++)
            {
                var client = $"k{provider}-{c}";
                data.Client(client, $"6666FF {provider[1]}{c}", provider);
                agreements.Add(new PgbOvereenkomst($"O-{client}", client, provider, OvereenkomstType.Opdracht, null, new DateOnly(2025, 1, 1), null, 40m, 6m));
                for (var m = 0; m < 5; m++)
                {
                    var month = new DateOnly(2025, 1, 1).AddMonths(m);
                    declarations.Add(new Declaratie($"D-{client}-{m}", client, provider, null, month, month.AddMonths(1).AddDays(-1), "02", hours, "04", 40m, hours * 40m));
                }
            }
        var inputs = data.Inputs() with { PgbOvereenkomsten = agreements, Declaraties = () => declarations };

        var (p1, f1) = Evaluate(inputs, "P1");
        Assert.Equal((15, 15), (p1.PgbMaandenMetAfspraak, p1.PgbMaandenBovenAfspraak));
        var finding = Get(f1, "PGB_UREN");
        Assert.True(finding.Afgegaan);
        Assert.Equal("In 15 van de 15 pgb-cliëntmaanden (100 %) zijn meer dan 110 % van de overeengekomen uren gedeclareerd.", finding.Feiten);
        var (p2, f2) = Evaluate(inputs, "P2");
        Assert.Equal((15, 0), (p2.PgbMaandenMetAfspraak, p2.PgbMaandenBovenAfspraak));
        Assert.False(Get(f2, "PGB_UREN").Afgegaan);
    }

    [Fact]
    public void A_carer_contracted_for_more_hours_than_one_person_can_work_fires()
    {
        var data = new BuildingTestData().Aanbieder("P1");
        var agreements = new List<PgbOvereenkomst>();
        for (var c = 1; c <= 7; c++)
        {
            data.Client($"k{c}", $"4444DD {c}", "P1");
            agreements.Add(new PgbOvereenkomst($"O{c}", $"k{c}", "P1", OvereenkomstType.Familie, null, new DateOnly(2025, 1, 1), null, 25m, 12m));
        }
        var (facts, findings) = Evaluate(data.Inputs() with { PgbOvereenkomsten = agreements }, "P1");
        Assert.Equal(7, facts.Budgethouders);
        Assert.Equal(84, facts.UrenPerWeek);
        Assert.True(Get(findings, "UREN_ZORGVERLENER").Afgegaan);
    }

    [Fact]
    public void Steep_growth_of_a_recently_registered_provider_fires()
    {
        var data = new BuildingTestData();
        data.Aanbieders.Add(new Aanbieder("P1", "Nieuw", null, null, null, new DateOnly(2024, 11, 1), [], []));
        for (var c = 1; c <= 9; c++) data.Client($"k{c}", $"5555EE {c}", "P1", start: new DateOnly(2025, 1, 1).AddDays(c * 7));
        var (facts, findings) = Evaluate(data.Inputs(), "P1");
        Assert.Equal(9, facts.NieuweClienten);
        Assert.Equal(0, facts.ClientenJaarEerder);
        Assert.True(Get(findings, "GROEI").Afgegaan);
    }

    [Fact]
    public void Providers_sharing_a_director_whose_clients_share_buildings_are_one_network()
    {
        var data = new BuildingTestData().Aanbieder("P1", bestuurders: ["D1"]).Aanbieder("P2", bestuurders: ["D1"]).Aanbieder("P3", bestuurders: ["D2"]);
        data.Clients("a", 3, "6666FF 1", "P1").Clients("b", 3, "6666FF 1", "P2").Clients("c", 3, "7777GG 5", "P3");
        var (facts, findings) = Evaluate(data.Inputs(), "P1");
        Assert.Equal(["P2"], facts.VerbondenAanbieders);
        var netwerk = Get(findings, "NETWERK");
        Assert.True(netwerk.Afgegaan);
        Assert.Contains("3 cliënten van die aanbieders wonen in dezelfde panden", netwerk.Feiten);
        Assert.False(Get(Evaluate(data.Inputs(), "P3").Findings, "NETWERK").Afgegaan);
    }

    [Fact]
    public void A_network_that_spreads_each_buildings_clients_over_its_members_is_one_network()
    {
        // Three providers under one director; in each of three houses one client of each: no provider alone has the
        // three clients a building needs, the three together do.
        var data = new BuildingTestData().Aanbieder("P1", bestuurders: ["D1"]).Aanbieder("P2", bestuurders: ["D1"]).Aanbieder("P3", bestuurders: ["D1"]);
        foreach (var house in new[] { "1111AA 1", "2222BB 1", "3333CC 1" })
            for (var m = 1; m <= 3; m++) data.Client($"{house[..4]}-{m}", house, $"P{m}");
        for (var i = 1; i <= 40; i++) data.Client($"x{i}", $"4444DD {10 * i}", "Q"); // clients elsewhere, of an unrelated provider
        data.Aanbieder("Q");
        foreach (var member in new[] { "P1", "P2", "P3" })
        {
            var (facts, findings) = Evaluate(data.Inputs(), member);
            Assert.Equal(0, facts.ClientenInGedeeldePanden); // no building stands out for one member
            Assert.Equal(6, facts.ClientenVerbondenInZelfdePanden);
            Assert.True(Get(findings, "NETWERK").Afgegaan);
        }
    }

    [Fact]
    public void Linked_providers_meeting_in_a_building_where_many_clients_live_are_no_network()
    {
        // The same three linked providers, large elsewhere (20 clients each, one to a house), with one client each in a
        // block of flats where 60 clients of an unrelated care provider live: three of 123 there is what their size predicts.
        var data = new BuildingTestData().Aanbieder("P1", bestuurders: ["D1"]).Aanbieder("P2", bestuurders: ["D1"]).Aanbieder("P3", bestuurders: ["D1"]).Aanbieder("Q");
        for (var m = 1; m <= 3; m++)
        {
            data.Client($"k{m}", $"1111AA 1-{m}", $"P{m}");
            for (var i = 1; i <= 20; i++) data.Client($"p{m}x{i}", $"6{m}{i:00}EE 1", $"P{m}");
        }
        data.Clients("q", 60, "1111AA 1", "Q");
        var (facts, findings) = Evaluate(data.Inputs(), "P1");
        Assert.Equal(["P2", "P3"], facts.VerbondenAanbieders);
        Assert.Equal(0, facts.ClientenVerbondenInZelfdePanden);
        Assert.False(Get(findings, "NETWERK").Afgegaan);
    }

    [Fact]
    public void A_shared_director_without_shared_buildings_is_no_network()
    {
        var data = new BuildingTestData().Aanbieder("P1", bestuurders: ["D1"]).Aanbieder("P2", bestuurders: ["D1"]);
        data.Client("k1", "6666FF 1", "P1").Client("k2", "6666FF 2", "P2");
        var (facts, findings) = Evaluate(data.Inputs(), "P1");
        Assert.Equal(["P2"], facts.VerbondenAanbieders);
        Assert.False(Get(findings, "NETWERK").Afgegaan);
    }
}
