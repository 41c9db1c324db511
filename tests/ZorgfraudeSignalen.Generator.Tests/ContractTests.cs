using System.Globalization;

namespace ZorgfraudeSignalen.Generator.Tests;

/// <summary>Every generated file follows shared/spec/extracts.md, read back with CsvHelper.</summary>
public sealed class ContractTests(SampleFixture sample) : IClassFixture<SampleFixture>
{
    private GelezenSet Set => sample.Set;

    private static readonly string[] Categorieen = Enumerable.Range(1, 18).Select(i => i.ToString("D2")).ToArray();
    private static readonly string[] Eenheden = ["01", "04", "14", "16", "82", "83", "84"];
    private static readonly string[] Gebruiksdoelen =
        ["woonfunctie", "bijeenkomstfunctie", "celfunctie", "gezondheidszorgfunctie", "industriefunctie", "kantoorfunctie",
         "logiesfunctie", "onderwijsfunctie", "sportfunctie", "winkelfunctie", "overige gebruiksfunctie"];

    [Fact]
    public void Files_follow_the_folder_layout_with_the_extract_date_in_the_name()
    {
        foreach (var type in Contract.Velden.Keys)
        {
            var pad = Set[type].Pad;
            Assert.Equal(Path.Combine(Set.Map, "extracts", type, $"{type}_20260110.csv"), pad);
        }
        Assert.True(File.Exists(Path.Combine(Set.Map, "truth.csv")));
    }

    [Fact]
    public void Headers_are_exactly_the_contract_fields()
    {
        foreach (var (type, velden) in Contract.Velden) Assert.Equal(velden, Set[type].Kop);
        Assert.Equal(["aanbieder_id", "patronen", "fraude"], GelezenBestand.Lees(Path.Combine(Set.Map, "truth.csv")).Kop);
    }

    [Fact]
    public void Formatting_varies_within_what_the_contract_allows()
    {
        Assert.Equal(',', Set["toewijzingen"].Scheidingsteken);
        Assert.Equal(';', Set["declaraties"].Scheidingsteken);
        Assert.Equal("windows-1252", Set["aanbieders"].Codering);
        Assert.Equal("utf-8-bom", Set["clienten"].Codering);
        // Diacritics survive the Windows-1252 round trip.
        Assert.Contains(Set["aanbieders"].Rijen, r => r["naam"].Any(c => "éëüöçáó".Contains(c)));
        // dd-MM-yyyy in the PGB agreements, decimal comma in declarations, postcode forms mixed in clienten.
        Assert.All(Set["pgb_overeenkomsten"].Rijen, r => Assert.Matches(@"^\d{2}-\d{2}-\d{4}$", r["ingangsdatum"]));
        Assert.Contains(Set["declaraties"].Rijen, r => r["bedrag"].Contains(','));
        Assert.Contains(Set["clienten"].Rijen, r => r["postcode"].Contains(' ') && r["postcode"].Any(char.IsLower));
        Assert.Contains(Set["clienten"].Rijen, r => !r["postcode"].Contains(' '));
    }

    [Fact]
    public void Client_ids_are_pseudonyms_that_never_pass_the_elfproef()
    {
        var ids = Set["clienten"].Rijen.Select(r => r["client_id"]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^C[A-Z2-7]{13}$", id);
            Assert.False(Contract.PassesElfproef(id));
        });
        // No other column that carries a client id holds a BSN-like value either.
        foreach (var type in new[] { "toewijzingen", "pgb_overeenkomsten", "declaraties" })
            Assert.All(Set[type].Rijen, r => Assert.False(Contract.PassesElfproef(r["client_id"])));
    }

    [Fact]
    public void Clienten_rows_are_valid_and_live_at_BAG_addresses()
    {
        foreach (var r in Set["clienten"].Rijen)
        {
            var huisnummer = int.Parse(r["huisnummer"], CultureInfo.InvariantCulture);
            Assert.InRange(huisnummer, 1, 99999);
            Assert.Matches("^[A-Z]?$", r["huisletter"]);
            Assert.True(r["huisnummertoevoeging"].Length <= 4);
            Assert.True(Contract.Datum(r["adres_sinds"]) < new DateOnly(2026, 1, 10));
            Assert.Matches("^([0-9]{16})?$", r["nummeraanduiding_id"]);
            var bag = Set.ClientAdres(r);
            if (r["nummeraanduiding_id"] != "") Assert.Equal(bag["nummeraanduiding_id"], r["nummeraanduiding_id"]);
        }
    }

    [Fact]
    public void Aanbieders_rows_are_valid()
    {
        foreach (var r in Set["aanbieders"].Rijen)
        {
            Assert.Matches("^[0-9]{8}$", r["aanbieder_id"]);
            Assert.False(string.IsNullOrWhiteSpace(r["naam"]));
            Assert.Matches("^([0-9]{8})?$", r["kvk_nummer"]);
            var vestiging = Set.Vestiging(r);
            if (r["vestiging_nummeraanduiding_id"] != "") Assert.Equal(vestiging["nummeraanduiding_id"], r["vestiging_nummeraanduiding_id"]);
            if (r["kvk_inschrijving"] != "") Assert.True(Contract.Datum(r["kvk_inschrijving"]) < new DateOnly(2026, 1, 1));
            Assert.All(r["bestuurder_ids"].Split('|', StringSplitOptions.RemoveEmptyEntries), b => Assert.Matches("^B[A-Z2-7]{13}$", b));
            Assert.All(r["rekening_ids"].Split('|', StringSplitOptions.RemoveEmptyEntries), b => Assert.Matches("^R[A-Z2-7]{13}$", b));
        }
        Assert.Equal(Set["aanbieders"].Rijen.Count, Set.Aanbieders.Count);
    }

    [Fact]
    public void Toewijzingen_have_consistent_iWmo_codes()
    {
        foreach (var r in Set["toewijzingen"].Rijen)
        {
            Assert.Contains(r["client_id"], (IDictionary<string, Dictionary<string, string>>)Set.Clienten);
            Assert.Contains(r["aanbieder_id"], (IDictionary<string, Dictionary<string, string>>)Set.Aanbieders);
            Assert.Contains(r["productcategorie"], Categorieen);
            Assert.Contains(r["eenheid"], Eenheden);
            Assert.Contains(r["frequentie"], new[] { "1", "2", "4", "6" });
            var ingang = Contract.Datum(r["ingangsdatum"]);
            var eind = Contract.DatumOfNull(r["einddatum"]);
            Assert.True(eind is null || eind >= ingang);
            if (Contract.DatumOfNull(r["toewijzingsdatum"]) is { } besluit) Assert.True(besluit <= ingang);
            var volume = Contract.Bedrag(r["volume"]);
            Assert.True(volume > 0);
            if (r["leveringsvorm"] == "PGB")
            {
                // PGB in the allocations: eenheid 83, frequentie 4, eurocents per month, the yearly budget in euros.
                Assert.Equal(("83", "4"), (r["eenheid"], r["frequentie"]));
                Assert.Equal(decimal.Truncate(volume), volume);
                Assert.Equal(volume * 12 / 100, Contract.Bedrag(r["budget"]));
                Assert.Equal("", r["productcode"]);
            }
            else
            {
                Assert.Equal("ZIN", r["leveringsvorm"]);
                Assert.Equal("", r["budget"]);
                Assert.Matches("^[0-9]{2}[A-Z][0-9]{2}$", r["productcode"]);
                Assert.StartsWith(r["productcategorie"], r["productcode"]);
                var verwacht = r["productcategorie"] switch
                {
                    "01" or "02" or "03" => new[] { ("04", "2"), ("01", "2") },
                    "04" => [("14", "4")],
                    "07" => [("16", "2")],
                    "08" => [("82", "2")],
                    "15" => [("14", "1")],
                    _ => [],
                };
                Assert.Contains((r["eenheid"], r["frequentie"]), verwacht);
            }
        }
    }

    [Fact]
    public void Pgb_overeenkomsten_are_valid()
    {
        var pgbToewijzingVan = Set["toewijzingen"].Rijen.Where(r => r["leveringsvorm"] == "PGB").ToDictionary(r => r["client_id"]);
        foreach (var r in Set["pgb_overeenkomsten"].Rijen)
        {
            Assert.Contains(r["overeenkomst_type"], new[] { "arbeidsovereenkomst", "opdracht", "familie", "instelling" });
            Assert.Contains(r["aanbieder_id"], (IDictionary<string, Dictionary<string, string>>)Set.Aanbieders);
            Assert.Contains(r["client_id"], (IDictionary<string, Dictionary<string, string>>)pgbToewijzingVan);
            Assert.InRange(Contract.Bedrag(r["uurtarief"]), 10m, 250m);
            Assert.InRange(Contract.Bedrag(r["uren_per_week"]), 1m, 40m);
            Assert.Matches("^R[A-Z2-7]{13}$", r["rekening_id"]);
            var eind = Contract.DatumOfNull(r["einddatum"]);
            Assert.True(eind is null || eind >= Contract.Datum(r["ingangsdatum"]));
        }
    }

    [Fact]
    public void Declaraties_are_valid_and_amounts_add_up()
    {
        var overeenkomsten = Set["pgb_overeenkomsten"].Rijen.ToLookup(r => (r["client_id"], r["aanbieder_id"]));
        var credits = 0;
        var ids = new HashSet<string>();
        foreach (var r in Set["declaraties"].Rijen)
        {
            Assert.True(ids.Add(r["declaratie_id"]));
            Assert.Contains(r["client_id"], (IDictionary<string, Dictionary<string, string>>)Set.Clienten);
            var start = Contract.Datum(r["periode_start"]);
            var eind = Contract.Datum(r["periode_eind"]);
            // Calendar months or part of one.
            Assert.Equal((start.Year, start.Month), (eind.Year, eind.Month));
            Assert.True(eind >= start);
            var volume = Contract.Bedrag(r["volume"]);
            var tarief = Contract.Bedrag(r["tarief"]);
            var bedrag = Contract.Bedrag(r["bedrag"]);
            Assert.Equal(Math.Round(volume * tarief, 2, MidpointRounding.AwayFromZero), bedrag);
            Assert.Equal(Math.Sign(volume), Math.Sign(bedrag));
            if (volume < 0) credits++;
            if (r["toewijzing_id"] == "")
            {
                // PGB: hours at the agreement's uurtarief.
                Assert.Equal("04", r["eenheid"]);
                Assert.Contains(overeenkomsten[(r["client_id"], r["aanbieder_id"])], o => Contract.Bedrag(o["uurtarief"]) == tarief);
            }
            else
            {
                var t = Set.Toewijzingen[r["toewijzing_id"]];
                Assert.Equal("ZIN", t["leveringsvorm"]);
                Assert.Equal((t["client_id"], t["aanbieder_id"], t["eenheid"], t["productcategorie"]),
                    (r["client_id"], r["aanbieder_id"], r["eenheid"], r["productcategorie"]));
            }
        }
        Assert.True(credits > 0, "there are credit notes");
    }

    [Fact]
    public void Bag_rows_are_valid_and_buildings_hold_several_addresses()
    {
        var rijen = Set["bag_adressen"].Rijen;
        Assert.Equal(rijen.Count, Set.Bag.Count);
        Assert.Equal(rijen.Count, rijen.Select(r => r["nummeraanduiding_id"]).Distinct().Count());
        foreach (var r in rijen)
        {
            Assert.Matches("^[0-9]{4}20[0-9]{10}$", r["nummeraanduiding_id"]);
            Assert.Matches("^[0-9]{4}01[0-9]{10}$", r["verblijfsobject_id"]);
            Assert.Matches("^[0-9]{4}10[0-9]{10}$", r["pand_id"]);
            Assert.False(string.IsNullOrWhiteSpace(r["openbare_ruimte"]));
            Assert.False(string.IsNullOrWhiteSpace(r["woonplaats"]));
            Assert.All(r["gebruiksdoel"].Split('|'), d => Assert.Contains(d, Gebruiksdoelen));
            Assert.True(r["huisnummertoevoeging"].Length <= 4);
        }
        var perPand = rijen.GroupBy(r => r["pand_id"]).ToList();
        Assert.Contains(perPand, g => g.Count() >= 20);
        Assert.Contains(perPand, g => g.Select(r => r["postcode"]).Distinct().Count() > 1);
        foreach (var toevoeging in new[] { "hs", "bis", "A", "III", "2" })
            Assert.Contains(rijen, r => r["huisnummertoevoeging"] == toevoeging);
        Assert.Contains(rijen, r => r["huisletter"] != "");
    }
}
