using System.Globalization;

namespace ZorgfraudeSignalen.Generator.Tests;

/// <summary>
/// Every planted pattern is in the data with the strength docs/generator.md states, measured from the written files
/// only; ordinary providers do not show it; look-alikes have their benign shape.
/// </summary>
public sealed class PatroonTests(SampleFixture sample) : IClassFixture<SampleFixture>
{
    private GelezenSet Set => sample.Set;

    private static readonly string[] Fraudepatronen =
        ["woonzorg", "maximum_declareren", "identieke_bedragen", "pgb_tarief", "netwerk", "buiten_toewijzing", "snelle_groei", "veel_budgethouders"];

    private static readonly string[] LookAlikes = ["beschermd_wonen", "grote_organisatie", "seniorencomplex", "familiezorg"];

    private IEnumerable<string> Regulier => Set.Met("regulier");

    private List<Dictionary<string, string>> ZinDeclaraties(string aanbieder) =>
        Set["declaraties"].Rijen.Where(r => r["aanbieder_id"] == aanbieder && r["toewijzing_id"] != "").ToList();

    private List<string> ZinClienten(string aanbieder) =>
        Set["toewijzingen"].Rijen.Where(r => r["aanbieder_id"] == aanbieder && r["leveringsvorm"] == "ZIN").Select(r => r["client_id"]).Distinct().ToList();

    private string Pand(string client) => Set.ClientAdres(Set.Clienten[client])["pand_id"];

    [Fact]
    public void Sample_carries_every_pattern_and_look_alike_at_least_twice_and_truth_is_consistent()
    {
        foreach (var patroon in Fraudepatronen.Concat(LookAlikes)) Assert.True(Set.Met(patroon).Count() >= 2, patroon);
        Assert.Equal(Set.Aanbieders.Keys.Order(), Set.Waarheid.Keys.Order());
        foreach (var (_, (patronen, fraude)) in Set.Waarheid)
            Assert.Equal(patronen.Split('|').Any(p => Fraudepatronen.Contains(p)) ? 1 : 0, fraude);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public void About_seven_percent_of_providers_are_planted_at_municipal_scale(int aanbieders)
    {
        var populatie = Populatie.Bouw(new GeneratorOptions { Seed = 99, Aanbieders = aanbieders, Clienten = aanbieders * 20, Maanden = 4 });
        var aandeel = populatie.Aanbieders.Count(a => a.IsFraude) / (double)aanbieders;
        Assert.InRange(aandeel, 0.05, 0.10);
    }

    [Fact]
    public void Woonzorg_clients_live_in_the_providers_building_or_row_and_moved_in_shortly_before_care()
    {
        foreach (var aanbieder in Set.Met("woonzorg"))
        {
            var vestiging = Set.Vestiging(Set.Aanbieders[aanbieder]);
            var rij = Set["bag_adressen"].Rijen.Where(r => r["pand_id"] == vestiging["pand_id"]).Select(r => r["postcode"]).ToHashSet();
            var ingangen = Set["toewijzingen"].Rijen.Where(r => r["aanbieder_id"] == aanbieder)
                .GroupBy(r => r["client_id"]).ToDictionary(g => g.Key, g => g.Min(r => Contract.Datum(r["ingangsdatum"])));
            var clienten = ingangen.Keys.ToList();
            var verdacht = clienten.Count(c =>
            {
                var adres = Set.ClientAdres(Set.Clienten[c]);
                var inPandOfRij = adres["pand_id"] == vestiging["pand_id"] || rij.Contains(adres["postcode"]);
                var dagen = ingangen[c].DayNumber - Contract.Datum(Set.Clienten[c]["adres_sinds"]).DayNumber;
                return inPandOfRij && dagen is > 0 and < 90;
            });
            Assert.True(clienten.Count >= 12, aanbieder);
            Assert.True(verdacht >= 0.75 * clienten.Count, $"{aanbieder}: {verdacht} van {clienten.Count}");
        }
        // Ordinary providers: hardly any clients in their own building.
        foreach (var aanbieder in Regulier.Where(a => ZinClienten(a).Count >= 10))
        {
            var pand = Set.Vestiging(Set.Aanbieders[aanbieder])["pand_id"];
            var clienten = ZinClienten(aanbieder);
            Assert.True(clienten.Count(c => Pand(c) == pand) <= 0.1 * clienten.Count, aanbieder);
        }
    }

    private double AandeelOpMaximum(string aanbieder)
    {
        var regels = ZinDeclaraties(aanbieder).Where(r => Contract.Bedrag(r["volume"]) > 0).ToList();
        var opMaximum = regels.Count(r =>
        {
            var t = Set.Toewijzingen[r["toewijzing_id"]];
            var maximum = Contract.Maximum(Contract.Bedrag(t["volume"]), t["frequentie"], Contract.Datum(r["periode_start"]), Contract.Datum(r["periode_eind"]));
            return Math.Abs(Contract.Bedrag(r["volume"]) - maximum) <= 0.005m;
        });
        return opMaximum / (double)regels.Count;
    }

    [Fact]
    public void Maximum_billers_declare_exactly_the_allocated_maximum_for_nearly_every_line()
    {
        foreach (var aanbieder in Set.Met("maximum_declareren")) Assert.True(AandeelOpMaximum(aanbieder) >= 0.85, aanbieder);
        foreach (var aanbieder in Regulier.Where(a => ZinDeclaraties(a).Count >= 50))
            Assert.True(AandeelOpMaximum(aanbieder) < 0.15, aanbieder);
    }

    private double AandeelGelijkBedrag(string aanbieder)
    {
        var heleMaanden = ZinDeclaraties(aanbieder).Where(r =>
        {
            var start = Contract.Datum(r["periode_start"]);
            var eind = Contract.Datum(r["periode_eind"]);
            return start.Day == 1 && eind.Day == DateTime.DaysInMonth(eind.Year, eind.Month) && Contract.Bedrag(r["bedrag"]) > 0;
        }).ToList();
        var modus = heleMaanden.GroupBy(r => r["bedrag"]).Max(g => g.Count());
        return modus / (double)heleMaanden.Count;
    }

    [Fact]
    public void Identical_amount_billers_bill_one_flat_amount_for_all_clients_month_after_month()
    {
        foreach (var aanbieder in Set.Met("identieke_bedragen")) Assert.True(AandeelGelijkBedrag(aanbieder) >= 0.85, aanbieder);
        foreach (var aanbieder in Regulier.Where(a => ZinDeclaraties(a).Count >= 50))
            Assert.True(AandeelGelijkBedrag(aanbieder) < 0.3, aanbieder);
    }

    private Dictionary<(string Type, string Categorie), decimal> MediaanTarieven()
    {
        var categorie = Set["toewijzingen"].Rijen.Where(r => r["leveringsvorm"] == "PGB").ToDictionary(r => r["client_id"], r => r["productcategorie"]);
        return Set["pgb_overeenkomsten"].Rijen.GroupBy(r => (r["overeenkomst_type"], categorie[r["client_id"]]))
            .ToDictionary(g => g.Key, g =>
            {
                var tarieven = g.Select(r => Contract.Bedrag(r["uurtarief"])).Order().ToList();
                return tarieven[tarieven.Count / 2];
            });
    }

    [Fact]
    public void Pgb_rate_outliers_charge_far_above_the_median_of_their_agreement_type_and_category()
    {
        var mediaan = MediaanTarieven();
        var categorie = Set["toewijzingen"].Rijen.Where(r => r["leveringsvorm"] == "PGB").ToDictionary(r => r["client_id"], r => r["productcategorie"]);
        double Verhouding(Dictionary<string, string> r) => (double)(Contract.Bedrag(r["uurtarief"]) / mediaan[(r["overeenkomst_type"], categorie[r["client_id"]])]);
        foreach (var aanbieder in Set.Met("pgb_tarief"))
        {
            var overeenkomsten = Set["pgb_overeenkomsten"].Rijen.Where(r => r["aanbieder_id"] == aanbieder).ToList();
            Assert.True(overeenkomsten.Count >= 8, aanbieder);
            Assert.All(overeenkomsten, r => Assert.True(Verhouding(r) >= 1.8, $"{aanbieder}: {Verhouding(r):0.00}"));
        }
        var regulier = Regulier.ToHashSet();
        Assert.All(Set["pgb_overeenkomsten"].Rijen.Where(r => regulier.Contains(r["aanbieder_id"])), r => Assert.True(Verhouding(r) < 1.5));
    }

    [Fact]
    public void Network_members_share_a_director_or_account_and_their_clients_share_buildings()
    {
        var leden = Set.Met("netwerk").ToList();
        var bestuurders = leden.ToDictionary(a => a, a => Set.Aanbieders[a]["bestuurder_ids"].Split('|').ToHashSet());
        var rekeningen = leden.ToDictionary(a => a, a => Set.Aanbieders[a]["rekening_ids"].Split('|').ToHashSet());
        var clientPanden = leden.ToDictionary(a => a, a => Set["toewijzingen"].Rijen.Where(r => r["aanbieder_id"] == a)
            .Select(r => r["client_id"]).Concat(Set["pgb_overeenkomsten"].Rijen.Where(r => r["aanbieder_id"] == a).Select(r => r["client_id"]))
            .Distinct().Select(Pand).ToList());
        foreach (var lid in leden)
        {
            var partners = leden.Where(a => a != lid && (bestuurders[a].Overlaps(bestuurders[lid]) || rekeningen[a].Overlaps(rekeningen[lid]))).ToList();
            Assert.NotEmpty(partners);
            var partnerPanden = partners.SelectMany(a => clientPanden[a]).ToHashSet();
            var gedeeld = clientPanden[lid].Count(partnerPanden.Contains);
            Assert.True(gedeeld >= 0.25 * clientPanden[lid].Count, $"{lid}: {gedeeld} van {clientPanden[lid].Count}");
        }
        // A shared bank account also shows in the PGB agreements' payee.
        var betaalrekeningen = Set["pgb_overeenkomsten"].Rijen.GroupBy(r => r["rekening_id"]).Where(g => g.Select(r => r["aanbieder_id"]).Distinct().Count() > 1);
        Assert.All(betaalrekeningen.SelectMany(g => g.Select(r => r["aanbieder_id"])), a => Assert.Contains(a, leden));
    }

    private int BuitenToewijzing(string aanbieder, out int toewijzingen)
    {
        var regels = ZinDeclaraties(aanbieder);
        toewijzingen = regels.Select(r => r["toewijzing_id"]).Distinct().Count();
        return regels.Where(r =>
        {
            var t = Set.Toewijzingen[r["toewijzing_id"]];
            var eind = Contract.DatumOfNull(t["einddatum"]) ?? DateOnly.MaxValue;
            return Contract.Datum(r["periode_start"]) < Contract.Datum(t["ingangsdatum"]) || Contract.Datum(r["periode_eind"]) > eind;
        }).Select(r => r["toewijzing_id"]).Distinct().Count();
    }

    [Fact]
    public void Outside_allocation_billers_bill_outside_the_validity_and_nobody_else_does()
    {
        var planted = Set.Met("buiten_toewijzing").ToHashSet();
        foreach (var aanbieder in planted)
        {
            var buiten = BuitenToewijzing(aanbieder, out var toewijzingen);
            Assert.True(buiten >= 0.2 * toewijzingen, $"{aanbieder}: {buiten} van {toewijzingen}");
        }
        foreach (var aanbieder in Set.Waarheid.Keys.Where(a => !planted.Contains(a)))
            Assert.Equal(0, BuitenToewijzing(aanbieder, out _));
    }

    private Dictionary<int, int> ClientenPerMaand(string aanbieder) =>
        ZinDeclaraties(aanbieder).GroupBy(r => Contract.Datum(r["periode_start"]).Month)
            .ToDictionary(g => g.Key, g => g.Select(r => r["client_id"]).Distinct().Count());

    private double Groei(string aanbieder)
    {
        var perMaand = ClientenPerMaand(aanbieder);
        return perMaand.GetValueOrDefault(12) / (double)Math.Max(1, perMaand.GetValueOrDefault(4));
    }

    [Fact]
    public void Fast_growers_are_recently_registered_and_grow_steeply()
    {
        foreach (var aanbieder in Set.Met("snelle_groei"))
        {
            Assert.True(Contract.Datum(Set.Aanbieders[aanbieder]["kvk_inschrijving"]) >= new DateOnly(2024, 1, 1), aanbieder);
            Assert.True(Groei(aanbieder) >= 4, $"{aanbieder}: {Groei(aanbieder):0.0}");
        }
        foreach (var aanbieder in Regulier.Where(a => ClientenPerMaand(a).GetValueOrDefault(4) >= 10)) Assert.True(Groei(aanbieder) < 2, aanbieder);
    }

    private (int Budgethouders, decimal Uren) ActiefOpPeildatum(string aanbieder)
    {
        var peildatum = new DateOnly(2025, 12, 31);
        var actief = Set["pgb_overeenkomsten"].Rijen.Where(r => r["aanbieder_id"] == aanbieder
            && Contract.Datum(r["ingangsdatum"]) <= peildatum && (Contract.DatumOfNull(r["einddatum"]) ?? DateOnly.MaxValue) >= peildatum).ToList();
        return (actief.Select(r => r["client_id"]).Distinct().Count(), actief.Sum(r => Contract.Bedrag(r["uren_per_week"])));
    }

    [Fact]
    public void One_carer_serves_many_budget_holders_for_more_hours_than_a_week_has_working_hours()
    {
        foreach (var aanbieder in Set.Met("veel_budgethouders"))
        {
            var (budgethouders, uren) = ActiefOpPeildatum(aanbieder);
            Assert.True(budgethouders >= 12 && uren >= 70, $"{aanbieder}: {budgethouders}, {uren} uur");
        }
        var zzp = Set["pgb_overeenkomsten"].Rijen.Where(r => r["overeenkomst_type"] is "opdracht" or "arbeidsovereenkomst").Select(r => r["aanbieder_id"]).ToHashSet();
        foreach (var aanbieder in Regulier.Where(zzp.Contains))
        {
            var (budgethouders, uren) = ActiefOpPeildatum(aanbieder);
            Assert.True(budgethouders <= 4 && uren <= 40, aanbieder);
        }
    }

    [Fact]
    public void Beschermd_wonen_residents_live_on_site_and_registered_there_when_their_stay_began()
    {
        foreach (var aanbieder in Set.Met("beschermd_wonen"))
        {
            var toewijzingen = Set["toewijzingen"].Rijen.Where(r => r["aanbieder_id"] == aanbieder && r["productcategorie"] == "15").ToList();
            Assert.True(toewijzingen.Count >= 7, aanbieder);
            Assert.All(toewijzingen, t => Assert.Equal(("14", "1"), (t["eenheid"], t["frequentie"])));
            // Residents live on site and registered there within two weeks of their first stay's start.
            Assert.All(toewijzingen.GroupBy(t => t["client_id"]), g =>
            {
                var client = Set.Clienten[g.Key];
                Assert.Contains("gezondheidszorgfunctie", Set.ClientAdres(client)["gebruiksdoel"]);
                var verschil = Contract.Datum(client["adres_sinds"]).DayNumber - g.Min(t => Contract.Datum(t["ingangsdatum"])).DayNumber;
                Assert.InRange(verschil, -14, 14);
            });
            Assert.Contains("gezondheidszorgfunctie", Set.Vestiging(Set.Aanbieders[aanbieder])["gebruiksdoel"]);
            Assert.False(Set.Waarheid[aanbieder].Fraude == 1);
        }
    }

    [Fact]
    public void Large_organisations_have_many_clients_spread_over_many_buildings()
    {
        var grootte = Set["toewijzingen"].Rijen.Where(r => r["leveringsvorm"] == "ZIN").GroupBy(r => r["aanbieder_id"])
            .ToDictionary(g => g.Key, g => g.Select(r => r["client_id"]).Distinct().ToList());
        var mediaan = grootte.Values.Select(v => v.Count).Order().ElementAt(grootte.Count / 2);
        foreach (var aanbieder in Set.Met("grote_organisatie"))
        {
            var clienten = grootte[aanbieder];
            Assert.True(clienten.Count >= 3 * mediaan, aanbieder);
            // Spread, not concentrated: many buildings and none with more than 5 % of its clients.
            var perPand = clienten.GroupBy(Pand).Select(g => g.Count()).ToList();
            Assert.True(perPand.Count >= Math.Max(50, 0.2 * clienten.Count), aanbieder);
            Assert.True(perPand.Max() <= 0.05 * clienten.Count, aanbieder);
        }
    }

    [Fact]
    public void Senior_complexes_house_clients_of_several_unrelated_providers()
    {
        var perPand = Set["toewijzingen"].Rijen.Where(r => r["leveringsvorm"] == "ZIN")
            .GroupBy(r => Pand(r["client_id"]))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r["aanbieder_id"]).ToDictionary(a => a.Key, a => a.Select(r => r["client_id"]).Distinct().Count()));
        var pandGrootte = Set["bag_adressen"].Rijen.GroupBy(r => r["pand_id"]).ToDictionary(g => g.Key, g => g.Count());
        foreach (var aanbieder in Set.Met("seniorencomplex"))
        {
            Assert.Contains(perPand, kv => kv.Value.GetValueOrDefault(aanbieder) >= 3
                && kv.Value.Count(a => a.Value >= 3) >= 3 && pandGrootte[kv.Key] >= 50);
            Assert.Equal(0, Set.Waarheid[aanbieder].Fraude);
        }
    }

    [Fact]
    public void Family_carers_live_with_their_one_budget_holder_at_a_low_rate()
    {
        foreach (var aanbieder in Set.Met("familiezorg"))
        {
            var overeenkomsten = Set["pgb_overeenkomsten"].Rijen.Where(r => r["aanbieder_id"] == aanbieder).ToList();
            var o = Assert.Single(overeenkomsten);
            Assert.Equal("familie", o["overeenkomst_type"]);
            Assert.True(Contract.Bedrag(o["uurtarief"]) <= 26m);
            var a = Set.Aanbieders[aanbieder];
            var c = Set.Clienten[o["client_id"]];
            Assert.Equal(Contract.AdresSleutel(c["postcode"], c["huisnummer"], c["huisletter"], c["huisnummertoevoeging"]),
                Contract.AdresSleutel(a["vestiging_postcode"], a["vestiging_huisnummer"], a["vestiging_huisletter"], a["vestiging_toevoeging"]));
            Assert.Equal("", a["kvk_nummer"]);
        }
    }
}
