using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Generator.Tests;

/// <summary>
/// Every seed draws its own municipality (<see cref="Wereldprofiel.Trek"/>): honest habits, building forms, BAG and the
/// strength of each scheme differ between seeds, and each variation shows in the written files.
/// </summary>
public sealed class WereldTests
{
    private static readonly Wereldprofiel[] Werelden = Enumerable.Range(1, 40).Select(Wereldprofiel.Trek).ToArray();

    private static GelezenSet Genereer(GeneratorOptions opties, out GeneratieResultaat resultaat)
    {
        var map = Path.Combine(Path.GetTempPath(), "zfs-wereld-" + Guid.NewGuid().ToString("N"));
        resultaat = SynthetischeExtracten.Genereer(opties, map);
        try { return GelezenSet.Lees(map); }
        finally { Directory.Delete(map, recursive: true); }
    }

    [Fact]
    public void A_seed_always_draws_the_same_world_and_seeds_draw_different_worlds()
    {
        Assert.Equal(Wereldprofiel.Trek(7), Wereldprofiel.Trek(7));
        Assert.Equal(Werelden.Length, Werelden.Select(w => w with { Naam = "" }).Distinct().Count());
        // Over forty seeds every variation takes more than one value: none is fixed in disguise.
        Assert.Contains(Werelden, w => !w.MetBag);
        Assert.Contains(Werelden, w => w.MetBag);
        Assert.Contains(Werelden, w => w.HeleEenheden);
        Assert.Contains(Werelden, w => !w.HeleEenheden);
        Assert.Contains(Werelden, w => w.WoonzorgRijAandeel == 1.0);
        Assert.Contains(Werelden, w => w.WoonzorgPandenMaximum >= 3);
        Assert.Contains(Werelden, w => w.HeleMaandAandeel == 0);
        Assert.True(Werelden.Max(w => w.GroteZzpAandeel) > 0.3);
        foreach (var sterkte in new Func<Wereldprofiel, double>[] { w => w.WoonzorgSterkte, w => w.MaximumSterkte, w => w.TariefSterkte, w => w.NetwerkSterkte, w => w.BuitenSterkte })
        {
            Assert.True(Werelden.Min(sterkte) < 0.2, "no subtle world");
            Assert.True(Werelden.Max(sterkte) > 0.8, "no blatant world");
        }
    }

    [Fact]
    public void Every_drawn_world_builds_at_the_smallest_size()
    {
        foreach (var seed in Enumerable.Range(1, 60))
        {
            var p = Populatie.Bouw(new GeneratorOptions { Seed = seed, Aanbieders = 25, Clienten = 250, Maanden = 3 });
            Assert.Contains(p.Aanbieders, a => a.IsFraude);
            Assert.Contains(p.Overeenkomsten, o => o.Type == OvereenkomstType.Instelling);
        }
    }

    [Fact]
    public void Without_generator_options_for_the_world_the_seed_decides_it()
    {
        var opties = new GeneratorOptions { Seed = 12 };
        Assert.Equal(Wereldprofiel.Trek(12), opties.Profiel);
        Assert.Equal(Wereldprofiel.Referentie, (opties with { Wereld = Wereldprofiel.Referentie }).Profiel);
    }

    [Fact]
    public void A_world_without_BAG_writes_no_bag_extract_and_labels_its_honest_look_alikes()
    {
        var seed = Enumerable.Range(1, 200).First(s => Wereldprofiel.Trek(s) is { MetBag: false, GroteZzpAandeel: > 0.2, SpecialistAandeel: > 0.1, HeleMaandAandeel: > 0.1 });
        var set = Genereer(new GeneratorOptions { Seed = seed, Aanbieders = 60, Clienten = 3_000, Maanden = 6 }, out var resultaat);
        Assert.False(set.HeeftBag);
        Assert.False(resultaat.Bestanden.ContainsKey(ExtractType.BagAdressen));
        Assert.Equal(Wereldprofiel.Trek(seed), resultaat.Wereld);

        // Big honest zzp or private carers: many budget holders, a few hours each, never fraud.
        var overeenkomsten = set["pgb_overeenkomsten"].Rijen;
        var groot = set.Met("grote_zzp").ToList();
        Assert.NotEmpty(groot);
        foreach (var id in groot)
        {
            Assert.Equal(0, set.Waarheid[id].Fraude);
            var eigen = overeenkomsten.Where(o => o["aanbieder_id"] == id).ToList();
            Assert.InRange(eigen.Count, 8, 16);
            Assert.All(eigen, o => Assert.InRange(Contract.Bedrag(o["uren_per_week"]), 2m, 3.5m));
        }
        // Honest specialists: rates of 1.4 times the median of their agreement type or more.
        var specialisten = set.Met("hoog_tarief").ToHashSet();
        Assert.NotEmpty(specialisten);
        var zzpSpecialisten = overeenkomsten.Where(o => specialisten.Contains(o["aanbieder_id"]) && o["overeenkomst_type"] == "opdracht").ToList();
        var zzpGewoon = overeenkomsten.Where(o => !specialisten.Contains(o["aanbieder_id"]) && o["overeenkomst_type"] == "opdracht"
            && set.Waarheid[o["aanbieder_id"]].Fraude == 0).ToList();
        Assert.NotEmpty(zzpSpecialisten);
        Assert.True(zzpSpecialisten.Min(o => Contract.Bedrag(o["uurtarief"])) / 48m >= 1.4m * 0.75m - 0.01m); // category 01 pays 0.75 of the median
        Assert.True(zzpSpecialisten.Average(o => Contract.Bedrag(o["uurtarief"])) > zzpGewoon.Average(o => Contract.Bedrag(o["uurtarief"])) * 1.3m);

        // Whole-month billers: some bills start before their allocation, yet never bill above it.
        var toewijzingen = set.Toewijzingen;
        var heleMaanden = set.Met("hele_maanden").ToHashSet();
        Assert.NotEmpty(heleMaanden);
        var ervoor = set["declaraties"].Rijen.Where(d => heleMaanden.Contains(d["aanbieder_id"]) && d["toewijzing_id"] != ""
            && Contract.Datum(d["periode_start"]) < Contract.Datum(toewijzingen[d["toewijzing_id"]]["ingangsdatum"])).ToList();
        Assert.NotEmpty(ervoor);
        Assert.All(ervoor, d => Assert.Equal(1, Contract.Datum(d["periode_start"]).Day));
        Assert.All(heleMaanden, id => Assert.Equal(0, set.Waarheid[id].Fraude));
    }

    [Fact]
    public void Whole_units_bill_the_maximum_rounded_down()
    {
        var wereld = Wereldprofiel.Referentie with { HeleEenheden = true, Naam = "hele eenheden" };
        var set = Genereer(new GeneratorOptions { Seed = 31, Aanbieders = 60, Clienten = 3_000, Maanden = 6, Wereld = wereld }, out _);
        var toewijzingen = set.Toewijzingen;
        var eenheden = set["declaraties"].Rijen.Where(d => d["eenheid"] is "14" or "16" or "82").ToList();
        Assert.NotEmpty(eenheden);
        Assert.All(eenheden, d => Assert.Equal(decimal.Truncate(Contract.Bedrag(d["volume"])), Contract.Bedrag(d["volume"])));
        // Maximum billers with dagdelen: exactly the whole-unit maximum, below the fractional one.
        var maximum = set.Met("maximum_declareren").ToHashSet();
        var dagdelen = eenheden.Where(d => maximum.Contains(d["aanbieder_id"]) && d["eenheid"] == "16" && Contract.Bedrag(d["volume"]) > 0).ToList();
        foreach (var d in dagdelen)
        {
            var t = toewijzingen[d["toewijzing_id"]];
            var fractioneel = Contract.Maximum(Contract.Bedrag(t["volume"]), t["frequentie"], Contract.Datum(d["periode_start"]), Contract.Datum(d["periode_eind"]));
            Assert.True(Contract.Bedrag(d["volume"]) <= fractioneel, $"{d["declaratie_id"]}: {d["volume"]} > {fractioneel}");
        }
    }

    [Fact]
    public void Woonzorg_in_several_buildings_puts_only_part_of_the_clients_in_the_vestigings_pand()
    {
        var wereld = Wereldprofiel.Referentie with { WoonzorgPandenMaximum = 4, WoonzorgRijAandeel = 0, Naam = "meer panden" };
        var p = Populatie.Bouw(new GeneratorOptions { Seed = 5, Aanbieders = 300, Clienten = 20_000, Maanden = 6, Wereld = wereld });
        var woonzorg = p.Aanbieders.Where(a => a.Patronen.HasFlag(Patroon.Woonzorg)).ToList();
        Assert.Contains(woonzorg, a => a.WoonzorgPanden > 1);
        foreach (var a in woonzorg.Where(a => a.WoonzorgPanden > 1))
        {
            var clienten = p.Toewijzingen.Where(t => t.Aanbieder == a.Index).Select(t => p.Clienten[t.Client].Adres).ToList();
            var panden = clienten.Select(adres => p.Wereld.Adressen[adres].Pand).ToList();
            var inVestiging = panden.Count(pand => pand == p.Wereld.Adressen[a.Vestiging].Pand);
            Assert.True(inVestiging < 0.6 * clienten.Count, $"{inVestiging} of {clienten.Count} in the vestiging's pand");
            Assert.True(panden.Count(pand => a.Panden.Take(a.WoonzorgPanden).Contains(pand)) >= 0.45 * clienten.Count);
        }
    }

    [Fact]
    public void A_drawn_world_is_generated_byte_identically_twice()
    {
        static string Hash(GeneratorOptions opties)
        {
            var map = Path.Combine(Path.GetTempPath(), "zfs-wereld-" + Guid.NewGuid().ToString("N"));
            try
            {
                SynthetischeExtracten.Genereer(opties, map);
                using var sha = System.Security.Cryptography.SHA256.Create();
                foreach (var pad in Directory.GetFiles(map, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    sha.TransformBlock(File.ReadAllBytes(pad), 0, (int)new FileInfo(pad).Length, null, 0);
                sha.TransformFinalBlock([], 0, 0);
                return Convert.ToHexString(sha.Hash!);
            }
            finally { Directory.Delete(map, recursive: true); }
        }
        var opties = new GeneratorOptions { Seed = 77, Aanbieders = 40, Clienten = 1_000, Maanden = 4 };
        Assert.Equal(Hash(opties), Hash(opties));
        Assert.NotEqual(Hash(opties), Hash(opties with { Wereld = Wereldprofiel.Referentie }));
    }
}
