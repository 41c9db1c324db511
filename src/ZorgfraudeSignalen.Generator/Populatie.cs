using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Generator;

/// <summary>
/// The generated world before it is written: providers (with what was planted), addresses, clients, allocations and PGB
/// agreements, as compact structs. Declarations are not held: <see cref="Declaraties"/> derives them month by month.
/// docs/generator.md describes this model and its numbers.
/// </summary>
internal sealed class Populatie
{
    public readonly GeneratorOptions Opties;
    /// <summary>The municipality's make-up: habits, building forms, BAG, strength of each scheme.</summary>
    public readonly Wereldprofiel W;
    public readonly List<AanbiederModel> Aanbieders = [];
    public readonly List<ClientModel> Clienten = [];
    public readonly List<ToewijzingModel> Toewijzingen = [];
    public readonly List<OvereenkomstModel> Overeenkomsten = [];
    public readonly List<List<int>> Netwerken = [];
    public AdresWereld Wereld = null!;

    private readonly int _ws, _we, _ex;
    private Rng _rng = null!;

    private Populatie(GeneratorOptions opties)
    {
        Opties = opties;
        W = opties.Profiel;
        _ws = opties.EersteMaand.DayNumber;
        _we = opties.Peildatum.DayNumber;
        _ex = opties.Extractdatum.DayNumber;
    }

    public static Populatie Bouw(GeneratorOptions opties)
    {
        opties.Validate();
        var p = new Populatie(opties);
        p.Rooster();
        p.BouwWereld();
        p.Vestigingen();
        p.MaakClienten();
        p.Seniorencomplexen();
        p.Identiteiten();
        foreach (var (index, naam) in opties.Namen ?? new Dictionary<int, string>()) p.Aanbieders[index].Naam = naam;
        p.Schud();
        return p;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Providers and what is planted at them

    /// <summary>The cycle of planted fraud groups; a group of two or more is a network.</summary>
    private static readonly (AanbiederSoort Soort, Patroon Patronen)[][] Cyclus =
    [
        [(AanbiederSoort.Zin, Patroon.Woonzorg | Patroon.MaximumDeclareren | Patroon.IdentiekeBedragen | Patroon.SnelleGroei)],
        [(AanbiederSoort.Zin, Patroon.Netwerk | Patroon.Woonzorg | Patroon.MaximumDeclareren | Patroon.IdentiekeBedragen | Patroon.BuitenToewijzing),
         (AanbiederSoort.PgbInstelling, Patroon.Netwerk | Patroon.PgbTarief)],
        [(AanbiederSoort.PgbInstelling, Patroon.PgbTarief)],
        [(AanbiederSoort.Zzp, Patroon.VeelBudgethouders)],
        [(AanbiederSoort.Zin, Patroon.SnelleGroei | Patroon.BuitenToewijzing)],
        [(AanbiederSoort.Zzp, Patroon.VeelBudgethouders)],
        // The first six groups (seven providers) carry every pattern at least twice; the rest repeat with variations.
        [(AanbiederSoort.Zin, Patroon.MaximumDeclareren)],
        [(AanbiederSoort.Zin, Patroon.IdentiekeBedragen | Patroon.BuitenToewijzing)],
        [(AanbiederSoort.Zin, Patroon.Netwerk | Patroon.MaximumDeclareren), (AanbiederSoort.Zin, Patroon.Netwerk), (AanbiederSoort.PgbInstelling, Patroon.Netwerk | Patroon.PgbTarief)],
        [(AanbiederSoort.Zin, Patroon.Woonzorg | Patroon.MaximumDeclareren | Patroon.IdentiekeBedragen)],
        [(AanbiederSoort.PgbInstelling, Patroon.PgbTarief)],
        [(AanbiederSoort.Zzp, Patroon.VeelBudgethouders)],
        [(AanbiederSoort.Zin, Patroon.SnelleGroei)],
        [(AanbiederSoort.Zin, Patroon.Woonzorg)],
        [(AanbiederSoort.Zin, Patroon.BuitenToewijzing | Patroon.MaximumDeclareren)],
    ];

    private void Rooster()
    {
        _rng = Rng.For(Opties.Seed, "rooster");
        var n = Opties.Aanbieders;
        var familie = Math.Max(2, (int)Math.Round(W.FamilieAandeel * n));
        var particulier = Math.Max(1, (int)Math.Round(W.ParticulierAandeel * n));
        var zzp = Math.Max(3, (int)Math.Round(W.ZzpAandeel * n));
        var instelling = Math.Max(2, (int)Math.Round(W.PgbInstellingAandeel * n));
        var zin = n - familie - particulier - zzp - instelling;

        void Voeg(AanbiederSoort soort, int aantal)
        {
            for (var i = 0; i < aantal; i++)
            {
                var a = new AanbiederModel { Index = Aanbieders.Count, Soort = soort };
                a.Gewicht = Math.Exp(W.GewichtSpreiding * _rng.Normal());
                if (soort == AanbiederSoort.Zin)
                {
                    var x = _rng.NextDouble();
                    a.Profiel = x < 0.25 ? ZinProfiel.Thuiszorg : x < 0.60 ? ZinProfiel.Begeleiding : x < 0.75 ? ZinProfiel.Dagbesteding
                        : x < 0.90 ? ZinProfiel.Huishouden : ZinProfiel.Breed;
                    a.DoetPgb = _rng.Chance(0.3);
                }
                a.DoetPgb |= soort == AanbiederSoort.PgbInstelling;
                Aanbieders.Add(a);
            }
        }
        Voeg(AanbiederSoort.Zin, zin);
        Voeg(AanbiederSoort.PgbInstelling, instelling);
        Voeg(AanbiederSoort.Zzp, zzp);
        Voeg(AanbiederSoort.Particulier, particulier);
        Voeg(AanbiederSoort.Familie, familie);

        var zinAanbieders = Aanbieders.Where(a => a.Soort == AanbiederSoort.Zin).ToList();
        var mediaanGewicht = zinAanbieders.Select(a => a.Gewicht).Order().ElementAt(zinAanbieders.Count / 2);

        // Large organisations: the heaviest ZIN providers, made broad and heavier still.
        var groot = Math.Max(2, (int)Math.Round(0.015 * n));
        foreach (var a in zinAanbieders.OrderByDescending(a => a.Gewicht).Take(groot))
        {
            a.Profiel = ZinProfiel.Breed;
            a.Gewicht *= 2;
            a.Patronen |= Patroon.GroteOrganisatie;
        }
        // Beschermd wonen facilities: their residents live on site, by design.
        var vrij = zinAanbieders.Where(a => a.Patronen == Patroon.Geen).ToList();
        _rng.Shuffle(vrij);
        foreach (var a in vrij.Take(Math.Max(2, (int)Math.Round(W.BeschermdWonenAandeel * n))))
        {
            a.Profiel = ZinProfiel.BeschermdWonen;
            a.Gewicht = 0.3 * mediaanGewicht;
            a.DoetPgb = false;
            a.Patronen |= Patroon.BeschermdWonen;
        }
        foreach (var a in Aanbieders.Where(a => a.Soort == AanbiederSoort.Familie)) a.Patronen |= Patroon.Familiezorg;

        PlantFraude(mediaanGewicht);

        foreach (var a in Aanbieders)
        {
            a.InPool = a.Soort == AanbiederSoort.Zin
                && !a.Patronen.HasFlag(Patroon.Woonzorg) && !a.Patronen.HasFlag(Patroon.Netwerk) && !a.Patronen.HasFlag(Patroon.SnelleGroei);
            a.JongeRegulier = a.Soort is AanbiederSoort.Zin or AanbiederSoort.PgbInstelling && a.Patronen == Patroon.Geen && _rng.Chance(0.05);
            if (a.PgbSlots == 0)
            {
                a.PgbSlots = a.Soort switch
                {
                    AanbiederSoort.Zzp => _rng.Between(1, 4),
                    AanbiederSoort.Particulier => _rng.Between(1, 3),
                    AanbiederSoort.Familie => 1,
                    _ => 0,
                };
            }
        }
        HonesteGewoonten();
    }

    /// <summary>
    /// Honest habits that look like a scheme to a naive rule, in the shares the world sets: specialists with high rates,
    /// carers with many budget holders, whole-month bills. Their own random stream, so the reference world is unchanged.
    /// </summary>
    private void HonesteGewoonten()
    {
        var rng = Rng.For(Opties.Seed, "wereld-gewoonten");
        foreach (var a in Aanbieders)
        {
            var specialist = rng.Chance(W.SpecialistAandeel);
            var groot = rng.Chance(W.GroteZzpAandeel);
            var heleMaanden = rng.Chance(W.HeleMaandAandeel);
            if (a.IsFraude || a.Soort == AanbiederSoort.Familie) continue;
            if (specialist && (a.Soort is AanbiederSoort.Zzp or AanbiederSoort.Particulier || a.DoetPgb)) a.Patronen |= Patroon.HoogTarief;
            if (groot && a.Soort is AanbiederSoort.Zzp or AanbiederSoort.Particulier)
            {
                a.PgbSlots = rng.Between(8, 16);
                a.Patronen |= Patroon.GroteZzp;
            }
            if (heleMaanden && a.InPool && !a.Patronen.HasFlag(Patroon.BeschermdWonen)) a.Patronen |= Patroon.HeleMaanden;
        }
    }

    private void PlantFraude(double mediaanGewicht)
    {
        var doel = Math.Max(7, (int)Math.Round(Opties.FraudeAandeel * Opties.Aanbieders));
        var geplant = 0;
        var enkel = Rng.For(Opties.Seed, "wereld-enkel");
        for (var g = 0; geplant < doel; g++)
        {
            var groep = Cyclus[g % Cyclus.Length];
            var leden = new List<AanbiederModel>();
            foreach (var (soort, _) in groep)
            {
                var kandidaten = Aanbieders.Where(a => a.Soort == soort && a.Patronen == Patroon.Geen && !leden.Contains(a)).ToList();
                if (kandidaten.Count == 0) return; // the roster is exhausted: plant no more
                leden.Add(_rng.Pick(kandidaten));
            }
            for (var i = 0; i < groep.Length; i++)
            {
                var a = leden[i];
                var patronen = groep[i].Patronen;
                // In some worlds a provider often runs one scheme only, without the easier companions of its group.
                if (enkel.Chance(W.EnkelSchemaKans)) patronen = EnkelSchema(patronen);
                a.Patronen = patronen;
                a.DoetPgb = a.Soort == AanbiederSoort.PgbInstelling;
                if (a.Soort == AanbiederSoort.Zin)
                {
                    a.Profiel = patronen.HasFlag(Patroon.Woonzorg) || patronen.HasFlag(Patroon.IdentiekeBedragen) ? ZinProfiel.Begeleiding
                        : _rng.Pick([ZinProfiel.Begeleiding, ZinProfiel.Thuiszorg, ZinProfiel.Dagbesteding]);
                    a.Gewicht = mediaanGewicht * _rng.Uniform(0.6, 1.5);
                }
                if (patronen.HasFlag(Patroon.IdentiekeBedragen)) a.UniformVolumeH = _rng.Between(6, 10) * 100;
                a.DoelClienten = patronen.HasFlag(Patroon.Woonzorg) ? _rng.Between(12, 28)
                    : patronen.HasFlag(Patroon.SnelleGroei) ? _rng.Between(25, 45)
                    : patronen.HasFlag(Patroon.Netwerk) ? _rng.Between(15, 28) : 0;
                if (patronen.HasFlag(Patroon.VeelBudgethouders)) a.PgbSlots = _rng.Between(12, 22);
                else if (patronen.HasFlag(Patroon.PgbTarief)) a.PgbSlots = _rng.Between(8, 16);
                if (patronen.HasFlag(Patroon.PgbTarief)) a.TariefFactor = _rng.Uniform(W.TariefMin, W.TariefMax);
            }
            if (leden.Count > 1)
            {
                foreach (var a in leden) a.Netwerk = Netwerken.Count;
                Netwerken.Add(leden.Select(a => a.Index).ToList());
            }
            geplant += leden.Count;
        }
    }

    /// <summary>The group's main scheme alone (a network member stays a network member).</summary>
    private static Patroon EnkelSchema(Patroon patronen)
    {
        foreach (var hoofd in (Patroon[])[Patroon.Woonzorg, Patroon.PgbTarief, Patroon.BuitenToewijzing, Patroon.MaximumDeclareren, Patroon.VeelBudgethouders,
                     Patroon.SnelleGroei, Patroon.IdentiekeBedragen])
            if (patronen.HasFlag(hoofd)) return hoofd | (patronen & Patroon.Netwerk);
        return patronen;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Addresses

    private readonly List<(int Aanbieder, int Netwerk, PandSoort Soort)> _verzoekEigenaar = [];

    private void BouwWereld()
    {
        var rng = Rng.For(Opties.Seed, "panden");
        var verzoeken = new List<(PandSoort, int)>();
        void Vraag(PandSoort soort, int eenheden, int aanbieder, int netwerk)
        {
            verzoeken.Add((soort, eenheden));
            _verzoekEigenaar.Add((aanbieder, netwerk, soort));
        }
        foreach (var a in Aanbieders)
        {
            if (a.Patronen.HasFlag(Patroon.Woonzorg))
            {
                // One building, or (in some worlds) several, the vestiging in the first: e.g. 8 of 30 clients in the vestiging's pand.
                a.WoonzorgPanden = W.WoonzorgPandenMaximum > 1 ? Rng.For(Opties.Seed, "wereld-woonzorg-" + a.Index).Between(1, W.WoonzorgPandenMaximum) : 1;
                Vraag(PandSoort.Woonzorgpand, a.DoelClienten / a.WoonzorgPanden + rng.Between(2, 8), a.Index, -1);
                for (var i = 1; i < a.WoonzorgPanden; i++) Vraag(PandSoort.WoonzorgDependance, a.DoelClienten / a.WoonzorgPanden + rng.Between(2, 8), a.Index, -1);
            }
            if (a.Patronen.HasFlag(Patroon.BeschermdWonen))
            {
                var locaties = rng.Between(1, 2);
                for (var i = 0; i < locaties; i++) Vraag(PandSoort.BeschermdWonen, rng.Between(10, 28), a.Index, -1);
            }
        }
        for (var nw = 0; nw < Netwerken.Count; nw++)
        {
            if (!Netwerken[nw].Any(i => Aanbieders[i].Patronen.HasFlag(Patroon.Woonzorg)))
                Vraag(PandSoort.Netwerkpand, rng.Between(20, 36), -1, nw);
        }
        var complexen = Math.Max(1, (int)Math.Round(Opties.Aanbieders / 60.0));
        for (var i = 0; i < complexen; i++) Vraag(PandSoort.Seniorencomplex, rng.Between(50, 100), -1, -1);

        var gemeenten = (int)Math.Ceiling(Opties.Clienten / 60_000.0);
        Wereld = AdresWereld.Bouw(Opties.Seed, (int)(Opties.Clienten * 2.2), gemeenten, verzoeken);

        for (var v = 0; v < _verzoekEigenaar.Count; v++)
        {
            var (aanbieder, netwerk, _) = _verzoekEigenaar[v];
            var pand = Wereld.PandVanVerzoek[v];
            if (aanbieder >= 0) Aanbieders[aanbieder].Panden.Add(pand);
            if (netwerk >= 0) foreach (var lid in Netwerken[netwerk]) Aanbieders[lid].Panden.Add(pand);
        }
        // A network with a woonzorg member houses its clients in that member's building.
        foreach (var leden in Netwerken)
        {
            var woonzorg = leden.Select(i => Aanbieders[i]).FirstOrDefault(a => a.Patronen.HasFlag(Patroon.Woonzorg));
            if (woonzorg is null) continue;
            foreach (var lid in leden.Where(i => i != woonzorg.Index)) Aanbieders[lid].Panden.Add(woonzorg.Panden[0]);
        }
    }

    private List<int> Seniorenpanden() =>
        Enumerable.Range(0, _verzoekEigenaar.Count).Where(v => _verzoekEigenaar[v].Soort == PandSoort.Seniorencomplex)
            .Select(v => Wereld.PandVanVerzoek[v]).ToList();

    private void Vestigingen()
    {
        var rng = Rng.For(Opties.Seed, "vestigingen");
        var kantoren = Wereld.Kantooradressen.ToList();
        rng.Shuffle(kantoren);
        var volgende = 0;
        int Kantoor() => kantoren.Count == 0 ? rng.Pick(Wereld.GewoneWoningen) : kantoren[volgende++ % kantoren.Count];

        foreach (var a in Aanbieders)
        {
            switch (a.Soort)
            {
                case AanbiederSoort.Zin or AanbiederSoort.PgbInstelling:
                    if (a.Patronen.HasFlag(Patroon.Woonzorg) || a.Patronen.HasFlag(Patroon.BeschermdWonen))
                        a.Vestiging = Wereld.Panden[a.Panden[0]].EersteAdres;
                    else a.Vestiging = Kantoor();
                    a.VestigingNadBekend = rng.Chance(0.85);
                    break;
                case AanbiederSoort.Zzp or AanbiederSoort.Particulier:
                    a.Vestiging = rng.Pick(Wereld.GewoneWoningen);
                    a.VestigingNadBekend = a.Soort == AanbiederSoort.Zzp && rng.Chance(0.85);
                    break;
            }
        }
        // A network without a woonzorg member: its first ZIN member is registered at a flat in the network building.
        foreach (var leden in Netwerken)
        {
            var aanbieders = leden.Select(i => Aanbieders[i]).ToList();
            if (aanbieders.Any(a => a.Patronen.HasFlag(Patroon.Woonzorg))) continue;
            var eerste = aanbieders.FirstOrDefault(a => a.Soort == AanbiederSoort.Zin);
            if (eerste is not null) eerste.Vestiging = Wereld.Panden[eerste.Panden[0]].EersteAdres + 1;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Clients, allocations, agreements

    private byte[] _bezet = [];
    private readonly List<int> _bewoond = [];

    /// <summary>
    /// A dwelling for a client who is not placed by a pattern: clients mostly live alone, and about 8 % share their
    /// dwelling with another client (a couple). Clients are a small share of residents, so unrelated clients rarely share.
    /// </summary>
    private int Woning()
    {
        if (_bezet.Length == 0) _bezet = new byte[Wereld.Adressen.Count];
        if (_bewoond.Count > 0 && _rng.Chance(0.08))
        {
            var partner = _rng.Pick(_bewoond);
            if (_bezet[partner] < 2)
            {
                _bezet[partner]++;
                return partner;
            }
        }
        for (var poging = 0; ; poging++)
        {
            var woning = _rng.Pick(Wereld.GewoneWoningen);
            if (_bezet[woning] != 0 && poging < 20) continue;
            if (_bezet[woning] == 0) _bewoond.Add(woning);
            if (_bezet[woning] < 255) _bezet[woning]++;
            return woning;
        }
    }

    private int NieuweClient(int adres, int adresSinds, bool generiek)
    {
        Clienten.Add(new ClientModel { Adres = adres, AdresSinds = Math.Min(adresSinds, _ex - 1), Generiek = generiek });
        return Clienten.Count - 1;
    }

    private int VoegToewijzing(ToewijzingModel t)
    {
        t.Besluit = t.Ingang - _rng.Between(0, 21);
        Toewijzingen.Add(t);
        return Toewijzingen.Count - 1;
    }

    /// <summary>An ordinary allocation period that overlaps the declared window by at least two weeks.</summary>
    private (int Ingang, int Eind) Periode()
    {
        while (true)
        {
            var ingang = _rng.Between(_ws - 730, _we - 20);
            var eind = _rng.Chance(0.25) ? ToewijzingModel.Open : ingang + _rng.Between(180, 1095);
            if (eind >= _ws + 14) return (ingang, eind);
        }
    }

    /// <summary>A start date for a fast-growing provider: month m of the window drawn with weight 1.35^m.</summary>
    private int GroeiIngang()
    {
        var maanden = Opties.Maanden;
        var gewichten = Enumerable.Range(0, maanden).Select(m => Math.Pow(1.35, m)).ToArray();
        var m = _rng.Weighted(gewichten);
        var start = Opties.EersteMaand.AddMonths(m);
        return start.DayNumber + _rng.Next(0, DateTime.DaysInMonth(start.Year, start.Month));
    }

    /// <summary>When an ordinary client registered at the address, relative to the start of their first care.</summary>
    private int GewoonAdresSinds(int eersteIngang)
    {
        var x = _rng.NextDouble();
        if (x < 0.10 && eersteIngang + 1 < _ex - 10) return _rng.Between(eersteIngang + 1, _ex - 10); // moved after care began
        if (x < 0.13) return eersteIngang - _rng.Between(1, 89); // the natural base rate of a recent move before care
        var dagen = 90 + (int)Math.Min(365.0 * 60, 365.0 * Math.Exp(1.6 + 0.9 * _rng.Normal()));
        return eersteIngang - dagen;
    }

    private int Volume(Product product) =>
        _rng.Between(product.VolumeMinH / product.VolumeStapH, product.VolumeMaxH / product.VolumeStapH) * product.VolumeStapH;

    private int ProductVoor(string categorie) => _rng.Pick(Producten.VanCategorie(categorie));

    /// <summary>Applies the provider's billing behaviour to a new ZIN allocation.</summary>
    private void Gedragsregels(AanbiederModel a, ref ToewijzingModel t)
    {
        if (a.Patronen.HasFlag(Patroon.IdentiekeBedragen))
        {
            t.Product = Producten.Begeleiding;
            t.VolumeH = a.UniformVolumeH;
        }
        if (a.Patronen.HasFlag(Patroon.MaximumDeclareren)) t.Gedrag = _rng.Chance(W.MaximumAandeel) ? Gedrag.Maximum : Gedrag.Normaal;
        else if (a.Patronen.HasFlag(Patroon.IdentiekeBedragen))
        {
            t.Gedrag = _rng.Chance(0.97) ? Gedrag.Vast : Gedrag.Normaal;
            // 85 % of the whole-month maximum, in whole hours: the same flat amount for every client.
            t.VastH = (int)(a.UniformVolumeH * 52L * 85 / (12 * 100) / 100 * 100);
        }
        if (t.Product == Producten.BeschermdWonen) t.Gedrag = Gedrag.Etmalen;
        // A quota rather than a coin per allocation: 40 % of the allocations where it can apply, also for small providers.
        if (a.Patronen.HasFlag(Patroon.BuitenToewijzing) && a.BuitenGemarkeerd < W.BuitenAandeel * ++a.BuitenGezien)
        {
            if (t.Ingang < _we - 130)
            {
                t.Eind = _rng.Between(Math.Max(t.Ingang + 30, _ws + 30), _we - 95);
                t.Buiten = Buiten.NaEinde;
            }
            if (t.Ingang > _ws + 62 && (t.Buiten == Buiten.Geen || _rng.Chance(0.25))) t.Buiten |= Buiten.VoorIngang;
            if (t.Buiten != Buiten.Geen) a.BuitenGemarkeerd++;
        }
    }

    private int ZinToewijzing(int client, AanbiederModel a, int product, int ingang, int eind)
    {
        var t = new ToewijzingModel
        {
            Client = client, Aanbieder = a.Index, Product = (byte)product, Ingang = ingang, Eind = eind,
            VolumeH = Volume(Producten.Alle[product]), Gedrag = Gedrag.Normaal,
        };
        Gedragsregels(a, ref t);
        var index = VoegToewijzing(t);
        // Ordinary allocations that end inside the window are often renewed the next day.
        if (t.Buiten == Buiten.Geen && t.Eind < _we - 30 && t.Eind >= _ws && !a.Patronen.HasFlag(Patroon.SnelleGroei) && _rng.Chance(0.5))
        {
            var vervolg = t;
            vervolg.Ingang = t.Eind + 1;
            vervolg.Eind = _rng.Chance(0.3) ? ToewijzingModel.Open : vervolg.Ingang + _rng.Between(365, 1095);
            if (t.Gedrag == Gedrag.Normaal && _rng.Chance(0.3))
            {
                var p = Producten.Alle[t.Product];
                vervolg.VolumeH = Math.Clamp(t.VolumeH + (_rng.Chance(0.5) ? p.VolumeStapH : -p.VolumeStapH), p.VolumeMinH, p.VolumeMaxH);
            }
            VoegToewijzing(vervolg);
        }
        return index;
    }

    private void MaakClienten()
    {
        _rng = Rng.For(Opties.Seed, "clienten");
        foreach (var a in Aanbieders.Where(a => a.Patronen.HasFlag(Patroon.Woonzorg))) WoonzorgClienten(a);
        foreach (var a in Aanbieders.Where(a => a.Patronen.HasFlag(Patroon.BeschermdWonen))) BeschermdWonenClienten(a);
        foreach (var a in Aanbieders.Where(a => a.Soort == AanbiederSoort.Zin && !a.InPool && !a.Patronen.HasFlag(Patroon.Woonzorg)))
            EigenClienten(a);
        PgbClienten();
        var pool = new Pool(Aanbieders.Where(a => a.InPool).ToList());
        while (Clienten.Count < Opties.Clienten)
        {
            var client = NieuweClient(Woning(), 0, generiek: true);
            GewoneZorg(client, pool, _rng.Chance(0.75) ? 1 : _rng.Chance(0.8) ? 2 : 3);
        }
        // Clients whose PGB budget comes with ordinary ZIN care as well.
        foreach (var (client, aantal) in _pgbMetZin) GewoneZorg(client, pool, aantal);
    }

    private readonly List<(int Client, int Aantal)> _pgbMetZin = [];

    private void GewoneZorg(int client, Pool pool, int aantal)
    {
        var eerste = int.MaxValue;
        var categorieen = new HashSet<string>();
        for (var k = 0; k < aantal; k++)
        {
            var categorie = Producten.CategorieMix[_rng.Weighted(Producten.CategorieMix.Select(c => c.Aandeel).ToArray())].Categorie;
            if (!categorieen.Add(categorie)) continue;
            var aanbieder = pool.Kies(categorie, _rng);
            var (ingang, eind) = Periode();
            var t = ZinToewijzing(client, aanbieder, ProductVoor(categorie), ingang, eind);
            eerste = Math.Min(eerste, Toewijzingen[t].Ingang);
        }
        var c = Clienten[client];
        if (c.AdresSinds == 0)
        {
            c.AdresSinds = Math.Min(GewoonAdresSinds(eerste), _ex - 1);
            Clienten[client] = c;
        }
    }

    private void WoonzorgClienten(AanbiederModel a)
    {
        var panden = a.Panden.Take(a.WoonzorgPanden).Select(p => (Woningen: Wereld.Woningen(p), Rij: Wereld.WoningenInRij(p))).ToList();
        var geplaatst = (int)Math.Round(a.DoelClienten * _rng.Uniform(W.WoonzorgGeplaatstMin, W.WoonzorgGeplaatstMax));
        for (var k = 0; k < a.DoelClienten; k++)
        {
            var ingang = a.Patronen.HasFlag(Patroon.SnelleGroei) ? GroeiIngang() : _rng.Between(_ws - 540, _we - 45);
            var eind = _rng.Chance(0.5) ? ToewijzingModel.Open : ingang + _rng.Between(365, 1095);
            if (eind < _ws + 14) eind = ToewijzingModel.Open;
            int client;
            if (k < geplaatst)
            {
                // Moved into the provider's building (or its postcode row) shortly before the care started.
                var (woningen, rij) = panden[k % panden.Count];
                var adres = rij.Count > 0 && _rng.Chance(W.WoonzorgRijAandeel) ? _rng.Pick(rij) : woningen[k / panden.Count % woningen.Count];
                client = NieuweClient(adres, ingang - _rng.Between(7, 89), generiek: false);
            }
            else client = NieuweClient(Woning(), GewoonAdresSinds(ingang), generiek: false);
            ZinToewijzing(client, a, Producten.Begeleiding, ingang, eind);
        }
        // In a network, the partners' clients (EigenClienten, PgbClienten) are housed in this building too.
    }

    private void BeschermdWonenClienten(AanbiederModel a)
    {
        foreach (var pand in a.Panden)
        {
            var woningen = Wereld.Woningen(pand);
            var bewoners = (int)Math.Round(woningen.Count * _rng.Uniform(0.75, 1.0));
            for (var k = 0; k < bewoners; k++)
            {
                var ingang = _rng.Between(_ws - 1095, _we - 30);
                var eind = _rng.Chance(0.7) ? ToewijzingModel.Open : ingang + _rng.Between(730, 1460);
                if (eind < _ws + 14) eind = ToewijzingModel.Open;
                // Residents register at the facility when their stay begins.
                var client = NieuweClient(woningen[k], ingang + _rng.Between(-14, 14), generiek: false);
                ZinToewijzing(client, a, Producten.BeschermdWonen, ingang, eind);
            }
        }
    }

    /// <summary>ZIN providers outside the pool that are not woonzorg: network members and fast growers.</summary>
    private void EigenClienten(AanbiederModel a)
    {
        var netwerkWoningen = a.Netwerk >= 0 ? a.Panden.SelectMany(Wereld.Woningen).ToList() : [];
        for (var k = 0; k < a.DoelClienten; k++)
        {
            var categorie = _rng.Pick(a.Categorieen);
            var (ingang, eind) = a.Patronen.HasFlag(Patroon.SnelleGroei) ? (GroeiIngang(), ToewijzingModel.Open) : Periode();
            var inNetwerkpand = netwerkWoningen.Count > 0 && _rng.Chance(W.NetwerkPandAandeel);
            var adres = inNetwerkpand ? _rng.Pick(netwerkWoningen) : Woning();
            var client = NieuweClient(adres, GewoonAdresSinds(ingang), generiek: false);
            ZinToewijzing(client, a, ProductVoor(categorie), ingang, eind);
        }
    }

    private void PgbClienten()
    {
        var instellingen = Aanbieders.Where(a => a.DoetPgb && a.PgbSlots == 0 && !a.Patronen.HasFlag(Patroon.Netwerk)).ToList();
        if (instellingen.Count == 0)
        {
            // A small world can have every PGB organisation planted: its largest ordinary ZIN organisation takes PGB too.
            var vervanger = Aanbieders.Where(a => a.Soort == AanbiederSoort.Zin && !a.IsFraude && !a.Patronen.HasFlag(Patroon.BeschermdWonen))
                .MaxBy(a => a.Gewicht) ?? throw new InvalidOperationException("Geen PGB-instellingen over voor gewone budgethouders.");
            vervanger.DoetPgb = true;
            instellingen.Add(vervanger);
        }
        var instellingGewichten = instellingen.Select(a => a.Gewicht).ToArray();
        AanbiederModel Instelling(AanbiederModel? behalve)
        {
            for (var poging = 0; ; poging++)
            {
                var a = instellingen[_rng.Weighted(instellingGewichten)];
                if (a != behalve || poging > 10) return a;
            }
        }

        var slots = new List<int>();
        foreach (var a in Aanbieders.Where(a => a.PgbSlots > 0 && a.Soort != AanbiederSoort.Familie && a.Netwerk < 0))
            for (var i = 0; i < a.PgbSlots; i++) slots.Add(a.Index);
        _rng.Shuffle(slots);

        // Family carers: one budget holder each, living at the carer's own address.
        foreach (var a in Aanbieders.Where(a => a.Soort == AanbiederSoort.Familie))
        {
            var adres = Woning();
            a.Vestiging = adres;
            PgbClient(adres, [a], netwerkWoningen: null);
        }
        // The PGB member of a network: half its budget holders live in the network's building.
        foreach (var a in Aanbieders.Where(a => a.Netwerk >= 0 && a.PgbSlots > 0))
        {
            var woningen = a.Panden.SelectMany(Wereld.Woningen).ToList();
            for (var i = 0; i < a.PgbSlots; i++) PgbClient(Woning(), [a], woningen);
        }
        var aantal = Math.Max((int)Math.Round(0.13 * Opties.Clienten), slots.Count + 5);
        for (var k = 0; k < aantal; k++)
        {
            var eerste = k < slots.Count ? Aanbieders[slots[k]] : Instelling(null);
            var zorgverleners = _rng.Chance(0.2) ? new[] { eerste, Instelling(eerste) } : [eerste];
            PgbClient(Woning(), zorgverleners.Distinct().ToArray(), netwerkWoningen: null);
        }
    }

    private void PgbClient(int adres, AanbiederModel[] zorgverleners, List<int>? netwerkWoningen)
    {
        var hoofd = zorgverleners[0];
        var x = _rng.NextDouble();
        var categorie = x < 0.6 ? "02" : x < 0.8 ? "03" : "01";
        var (ingang, eind) = Periode();
        // Many budget holders and family carers: the agreements run on, all active at the peildatum.
        if (hoofd.Patronen.HasFlag(Patroon.VeelBudgethouders) || hoofd.Soort == AanbiederSoort.Familie)
        {
            ingang = _rng.Between(_ws - 700, _we - 60);
            eind = ToewijzingModel.Open;
        }
        if (netwerkWoningen is { Count: > 0 } && _rng.Chance(W.NetwerkPandAandeel)) adres = _rng.Pick(netwerkWoningen);
        var client = NieuweClient(adres, GewoonAdresSinds(ingang), generiek: false);

        var toewijzing = Toewijzingen.Count;
        long maandCent = 0;
        foreach (var a in zorgverleners)
        {
            var type = a.Soort switch
            {
                AanbiederSoort.Zzp => OvereenkomstType.Opdracht,
                AanbiederSoort.Particulier => OvereenkomstType.Arbeidsovereenkomst,
                AanbiederSoort.Familie => OvereenkomstType.Familie,
                _ => OvereenkomstType.Instelling,
            };
            var mediaan = Producten.PgbMediaanCent(type, categorie);
            var factor = a.Patronen.HasFlag(Patroon.PgbTarief) ? a.TariefFactor * _rng.Uniform(0.97, 1.03)
                : type == OvereenkomstType.Familie ? _rng.Uniform(0.75, 1.15)
                : a.Patronen.HasFlag(Patroon.HoogTarief) ? _rng.Uniform(1.4, W.SpecialistMaximum) : _rng.Uniform(0.8, 1.25);
            var tarief = (int)Math.Round(mediaan * factor / 50.0) * 50;
            var uren = type switch
            {
                OvereenkomstType.Opdracht when a.Patronen.HasFlag(Patroon.VeelBudgethouders) => _rng.Between(12, 28),
                OvereenkomstType.Opdracht or OvereenkomstType.Arbeidsovereenkomst when a.Patronen.HasFlag(Patroon.GroteZzp) => _rng.Between(4, 7),
                OvereenkomstType.Opdracht => _rng.Between(8, 20),
                OvereenkomstType.Arbeidsovereenkomst => _rng.Between(12, 32),
                OvereenkomstType.Familie => _rng.Between(16, 48),
                _ => _rng.Between(6, 20),
            } * 50; // half hours, in hundredths
            Overeenkomsten.Add(new OvereenkomstModel
            {
                Client = client, Aanbieder = a.Index, Toewijzing = toewijzing, Type = type, Ingang = ingang, Eind = eind,
                UurtariefCent = tarief, UrenH = uren,
            });
            maandCent += (long)tarief * uren * 52 / (12 * 100);
        }
        // The monthly budget covers the agreements with some room, in whole euros.
        // Where budgets are tight, a specialist's high rate fills the budget: honest, yet billed up to the maximum.
        var krap = W.KrappeBudgetten && hoofd.Patronen.HasFlag(Patroon.HoogTarief);
        var budget = (int)Math.Ceiling(maandCent * (krap ? _rng.Uniform(1.0, 1.02) : _rng.Uniform(1.0, 1.12)) / 100.0) * 100;
        VoegToewijzing(new ToewijzingModel
        {
            Client = client, Aanbieder = hoofd.Index, Product = ToewijzingModel.PgbProduct, PgbCategorie = byte.Parse(categorie),
            Ingang = ingang, Eind = eind, VolumeH = budget * 100, Gedrag = Gedrag.Normaal,
        });
        if (netwerkWoningen is null && hoofd.Soort != AanbiederSoort.Familie && _rng.Chance(0.2)) _pgbMetZin.Add((client, 1));
    }

    /// <summary>Ordinary ZIN providers chosen by weight among those offering a category.</summary>
    private sealed class Pool
    {
        private readonly Dictionary<string, (AanbiederModel[] Aanbieders, double[] Gewichten)> _perCategorie = [];

        public Pool(List<AanbiederModel> aanbieders)
        {
            foreach (var (categorie, _) in Producten.CategorieMix)
            {
                var bieden = aanbieders.Where(a => a.Categorieen.Contains(categorie)).ToArray();
                if (bieden.Length == 0) bieden = aanbieders.ToArray();
                var cumulatief = new double[bieden.Length];
                var som = 0.0;
                for (var i = 0; i < bieden.Length; i++) cumulatief[i] = som += bieden[i].Gewicht;
                _perCategorie[categorie] = (bieden, cumulatief);
            }
        }

        public AanbiederModel Kies(string categorie, Rng rng)
        {
            var (aanbieders, cumulatief) = _perCategorie[categorie];
            var x = rng.NextDouble() * cumulatief[^1];
            var i = Array.BinarySearch(cumulatief, x);
            if (i < 0) i = ~i;
            return aanbieders[Math.Min(i, aanbieders.Length - 1)];
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Senior housing: several unrelated providers serving clients in one building (a benign look-alike)

    private void Seniorencomplexen()
    {
        var rng = Rng.For(Opties.Seed, "senioren");
        var generiekPerAanbieder = new Dictionary<int, List<int>>();
        var eersteIngang = new Dictionary<int, int>();
        foreach (var t in Toewijzingen)
        {
            if (t.IsPgb || !Clienten[t.Client].Generiek) continue;
            var a = Aanbieders[t.Aanbieder];
            if (!a.InPool || a.IsFraude || a.Patronen.HasFlag(Patroon.BeschermdWonen)) continue;
            (generiekPerAanbieder.TryGetValue(a.Index, out var lijst) ? lijst : generiekPerAanbieder[a.Index] = []).Add(t.Client);
            eersteIngang[t.Client] = Math.Min(eersteIngang.GetValueOrDefault(t.Client, int.MaxValue), t.Ingang);
        }
        var kandidaten = generiekPerAanbieder.Where(kv => kv.Value.Count >= 8).Select(kv => kv.Key).Order().ToList();
        var verhuisd = new HashSet<int>();
        foreach (var pand in Seniorenpanden())
        {
            var woningen = Wereld.Woningen(pand);
            rng.Shuffle(woningen);
            var volgende = 0;
            var aanbieders = kandidaten.ToList();
            rng.Shuffle(aanbieders);
            foreach (var aanbieder in aanbieders.Take(rng.Between(3, 5)))
            {
                var clienten = generiekPerAanbieder[aanbieder].Where(c => !verhuisd.Contains(c)).Distinct().ToList();
                rng.Shuffle(clienten);
                var aantal = rng.Between(3, 6);
                if (clienten.Count < aantal) continue;
                foreach (var client in clienten.Take(aantal))
                {
                    verhuisd.Add(client);
                    var c = Clienten[client];
                    c.Adres = woningen[volgende++ % woningen.Count];
                    var ingang = eersteIngang[client];
                    // Older people often move to senior housing and then need care soon after: a fifth within 90 days.
                    c.AdresSinds = Math.Min(_ex - 1, rng.Chance(0.2) ? ingang - rng.Between(1, 89) : ingang - rng.Between(365, 15 * 365));
                    Clienten[client] = c;
                }
                Aanbieders[aanbieder].Patronen |= Patroon.Seniorencomplex;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Identities: ids, names, KvK, directors, bank accounts

    private void Identiteiten()
    {
        var rng = Rng.For(Opties.Seed, "identiteit");
        var bestuurderSleutel = Hash.Of((ulong)(uint)Opties.Seed, Hash.Of("bestuurder"));
        var rekeningSleutel = Hash.Of((ulong)(uint)Opties.Seed, Hash.Of("rekening"));
        long bestuurders = 0, rekeningen = 0;
        string Bestuurder() => Ids.Pseudonym('B', bestuurderSleutel, bestuurders++);
        string Rekening() => Ids.Pseudonym('R', rekeningSleutel, rekeningen++);

        var gebruikt = new HashSet<string>();
        string Uniek(Func<string> maak)
        {
            while (true)
            {
                var id = maak();
                if (gebruikt.Add(id)) return id;
            }
        }
        var namen = new HashSet<string>();
        string UniekeNaam(string naam)
        {
            if (namen.Add(naam)) return naam;
            for (var i = 2; ; i++) if (namen.Add($"{naam} {i}")) return $"{naam} {i}";
        }

        foreach (var a in Aanbieders)
        {
            var kern = rng.Pick(Namen.OrganisatieKern);
            var persoon = $"{rng.Pick(Namen.Voorletters)} {rng.Pick(Namen.Achternamen)}";
            switch (a.Soort)
            {
                case AanbiederSoort.Zin or AanbiederSoort.PgbInstelling:
                    a.Kvk = Uniek(() => rng.Between(10_000_000, 99_999_999).ToString());
                    a.Id = Uniek(() => "98" + rng.Between(0, 999_999).ToString("D6"));
                    a.Naam = UniekeNaam(OrganisatieNaam(a, kern, rng));
                    for (var i = rng.Between(1, 3); i > 0; i--) a.Bestuurders.Add(Bestuurder());
                    for (var i = rng.Between(1, 2); i > 0; i--) a.Rekeningen.Add(Rekening());
                    break;
                case AanbiederSoort.Zzp:
                    a.Kvk = Uniek(() => rng.Between(10_000_000, 99_999_999).ToString());
                    a.Id = a.Kvk;
                    a.Naam = UniekeNaam(rng.Pick([$"{persoon} Zorg & Begeleiding", $"Zorgverlening {persoon}", $"{persoon} Thuisbegeleiding"]));
                    a.Bestuurders.Add(Bestuurder());
                    a.Rekeningen.Add(Rekening());
                    break;
                default:
                    a.Id = Uniek(() => "98" + rng.Between(0, 999_999).ToString("D6"));
                    a.Naam = UniekeNaam(persoon);
                    a.Rekeningen.Add(Rekening());
                    break;
            }
            a.KvkInschrijving = a.Kvk is null ? -1
                : a.Patronen.HasFlag(Patroon.SnelleGroei) ? _ws - rng.Between(30, 240)
                : a.Patronen.HasFlag(Patroon.Woonzorg) ? _we - rng.Between(400, 2000)
                : a.JongeRegulier ? _we - rng.Between(400, 700)
                : a.Soort == AanbiederSoort.Zzp ? _we - rng.Between(365, 15 * 365)
                : _we - rng.Between(2 * 365, 30 * 365);
        }
        // Networks: one director shared by all members, one bank account shared by the first and the last.
        foreach (var leden in Netwerken)
        {
            var bestuurder = Bestuurder();
            var rekening = Rekening();
            foreach (var lid in leden) Aanbieders[lid].Bestuurders.Insert(rng.Next(0, Aanbieders[lid].Bestuurders.Count + 1), bestuurder);
            Aanbieders[leden[0]].Rekeningen.Insert(0, rekening);
            Aanbieders[leden[^1]].Rekeningen.Insert(0, rekening);
        }
        // Benign: some ordinary organisations belong to one concern and share a director.
        var gewone = Aanbieders.Where(a => a.Soort == AanbiederSoort.Zin && a.Patronen == Patroon.Geen).ToList();
        rng.Shuffle(gewone);
        var paren = Math.Max(1, (int)Math.Round(0.02 * Opties.Aanbieders));
        for (var i = 0; i + 1 < gewone.Count && i / 2 < paren; i += 2)
        {
            var bestuurder = Bestuurder();
            gewone[i].Bestuurders.Add(bestuurder);
            gewone[i + 1].Bestuurders.Add(bestuurder);
        }
    }

    private static string OrganisatieNaam(AanbiederModel a, string kern, Rng rng)
    {
        if (a.Soort == AanbiederSoort.PgbInstelling)
            return rng.Pick([$"Zorgbureau {kern}", $"{kern} Zorg B.V.", $"Stichting {kern} Ondersteuning"]);
        return a.Profiel switch
        {
            ZinProfiel.Thuiszorg => rng.Pick([$"Thuiszorg {kern}", $"{kern} Thuiszorg", $"Stichting Thuiszorg {kern}"]),
            ZinProfiel.Begeleiding => rng.Pick([$"{kern} Begeleiding B.V.", $"Begeleidingsdienst {kern}", $"Stichting {kern}"]),
            ZinProfiel.Dagbesteding => rng.Pick([$"Dagbesteding {kern}", $"Zorgboerderij {kern}", $"Activiteitencentrum {kern}"]),
            ZinProfiel.Huishouden => rng.Pick([$"Huishoudelijke Hulp {kern}", $"{kern} Huishoudhulp", $"Schoonmaak & Zorg {kern}"]),
            ZinProfiel.Breed => rng.Pick([$"Zorggroep {kern}", $"Stichting {kern} Zorg & Welzijn", $"Zorgcoöperatie {kern}"]),
            _ => rng.Pick([$"Stichting Beschermd Wonen {kern}", $"{kern} Wonen & Herstel", $"Stichting {kern} Woonbegeleiding"]),
        };
    }

    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>Shuffles clients, allocations and agreements so that file order says nothing about what was planted.</summary>
    private void Schud()
    {
        var rng = Rng.For(Opties.Seed, "volgorde");
        var clientVolgorde = Enumerable.Range(0, Clienten.Count).ToArray();
        rng.Shuffle(clientVolgorde);
        var nieuweClient = new int[Clienten.Count];
        for (var i = 0; i < clientVolgorde.Length; i++) nieuweClient[clientVolgorde[i]] = i;
        var clienten = clientVolgorde.Select(i => Clienten[i]).ToList();
        Clienten.Clear();
        Clienten.AddRange(clienten);

        var toewijzingVolgorde = Enumerable.Range(0, Toewijzingen.Count).ToArray();
        rng.Shuffle(toewijzingVolgorde);
        var nieuweToewijzing = new int[Toewijzingen.Count];
        for (var i = 0; i < toewijzingVolgorde.Length; i++) nieuweToewijzing[toewijzingVolgorde[i]] = i;
        var toewijzingen = toewijzingVolgorde.Select(i =>
        {
            var t = Toewijzingen[i];
            t.Client = nieuweClient[t.Client];
            return t;
        }).ToList();
        Toewijzingen.Clear();
        Toewijzingen.AddRange(toewijzingen);

        var overeenkomsten = Overeenkomsten.Select(o =>
        {
            o.Client = nieuweClient[o.Client];
            o.Toewijzing = nieuweToewijzing[o.Toewijzing];
            return o;
        }).ToList();
        rng.Shuffle(overeenkomsten);
        Overeenkomsten.Clear();
        Overeenkomsten.AddRange(overeenkomsten);
    }
}
