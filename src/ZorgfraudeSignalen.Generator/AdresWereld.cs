namespace ZorgfraudeSignalen.Generator;

internal enum PandSoort : byte
{
    Eengezinswoning,
    BovenBeneden,
    Portiek,
    Appartementen,
    Kantoor,
    WinkelMetWonen,
    Gezondheidszorg,
    Overig,
    // Buildings reserved for planted patterns and look-alikes; never used for ordinary clients.
    Woonzorgpand,
    BeschermdWonen,
    Seniorencomplex,
    Netwerkpand,
    /// <summary>A further building of a woonzorg provider whose clients live in several (flats, no office).</summary>
    WoonzorgDependance,
}

[Flags]
internal enum Gebruiksdoel : ushort
{
    Woon = 1,
    Bijeenkomst = 2,
    Cel = 4,
    Gezondheidszorg = 8,
    Industrie = 16,
    Kantoor = 32,
    Logies = 64,
    Onderwijs = 128,
    Sport = 256,
    Winkel = 512,
    Overig = 1024,
}

internal struct Pand
{
    public int Serial;
    public PandSoort Soort;
    public int EersteAdres;
    public int AantalAdressen;
}

/// <summary>One address (nummeraanduiding with its verblijfsobject). Compact: there are millions at national scale.</summary>
internal struct Adres
{
    public int Pand;
    /// <summary><c>pc4 * 400 + letter pair</c>; see <see cref="AdresWereld.Postcode"/>.</summary>
    public int Postcode;
    public int Huisnummer;
    public char Huisletter;
    /// <summary>0 none, 1..999 the number itself, negative an index into <see cref="AdresWereld.VasteToevoegingen"/>.</summary>
    public short Toevoeging;
    public Gebruiksdoel Doel;
    public int Straat;
}

/// <summary>
/// A synthetic but realistic Dutch address space: municipalities, streets, six-position postcodes (one side of one
/// street segment each), buildings with one or many addresses, BAG identifications.
/// </summary>
internal sealed class AdresWereld
{
    public static readonly string[] VasteToevoegingen = ["", "hs", "bis", "A", "B", "C", "I", "II", "III", "IV", "H", "ZW"];
    private const short Hs = -1, Bis = -2, ToevA = -3, ToevB = -4, ToevC = -5, Rom1 = -6, Rom2 = -7, Rom3 = -8, Rom4 = -9, ToevH = -10;

    public readonly List<Pand> Panden = [];
    public readonly List<Adres> Adressen = [];
    public readonly List<string> Straten = [];
    public readonly List<byte> StraatGemeente = [];
    public readonly List<int> GewoneWoningen = [];
    public readonly List<int> Kantooradressen = [];
    /// <summary>The building created for each special request, by the request's index.</summary>
    public int[] PandVanVerzoek = [];
    public readonly IReadOnlyList<(string Woonplaats, string Gemeentecode, int Pc4Van, int Pc4Tot)> Gemeenten;

    private readonly Rng _rng;
    private readonly long _serialBase;

    // Walking state while building.
    private int _gemeente;
    private int _pc4;
    private int _letterPair;
    private int _maxLetterPairs;
    private int _currentPostcode;

    private AdresWereld(Rng rng, IReadOnlyList<(string, string, int, int)> gemeenten)
    {
        _rng = rng;
        Gemeenten = gemeenten;
        _serialBase = 100_000 + rng.Next(0, 400_000) * 10_000L;
    }

    public static string Postcode(int code)
    {
        var pc4 = code / 400;
        var pair = code % 400;
        return string.Create(6, (pc4, pair), static (span, s) =>
        {
            s.pc4.TryFormat(span, out _);
            span[4] = Namen.PostcodeLetters[s.pair / 20];
            span[5] = Namen.PostcodeLetters[s.pair % 20];
        });
    }

    public static string Toevoeging(short value) => value switch
    {
        0 => "",
        > 0 => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => VasteToevoegingen[-value],
    };

    public string Gemeentecode(int adres) => Gemeenten[StraatGemeente[Adressen[adres].Straat]].Gemeentecode;
    public string Woonplaats(int adres) => Gemeenten[StraatGemeente[Adressen[adres].Straat]].Woonplaats;

    public long NummeraanduidingSerial(int adres) => _serialBase + 2L * adres;
    public long VerblijfsobjectSerial(int adres) => _serialBase + 2L * adres + 1;
    public long PandSerial(int pand) => _serialBase + 5_000_000L + Panden[pand].Serial;

    public IEnumerable<int> AdressenVan(int pand)
    {
        var p = Panden[pand];
        for (var i = 0; i < p.AantalAdressen; i++) yield return p.EersteAdres + i;
    }

    /// <summary>Builds about <paramref name="woningen"/> ordinary addresses plus the requested special buildings.</summary>
    public static AdresWereld Bouw(int seed, int woningen, int aantalGemeenten, IReadOnlyList<(PandSoort Soort, int Eenheden)> specials)
    {
        var rng = Rng.For(seed, "adressen");
        var start = (int)((uint)seed % (uint)Namen.Gemeenten.Count);
        var gemeenten = Enumerable.Range(0, Math.Clamp(aantalGemeenten, 1, Namen.Gemeenten.Count))
            .Select(i => Namen.Gemeenten[(start + i) % Namen.Gemeenten.Count]).ToList();
        var wereld = new AdresWereld(rng, gemeenten);
        wereld.Vul(woningen, specials);
        return wereld;
    }

    private void Vul(int woningen, IReadOnlyList<(PandSoort Soort, int Eenheden)> specials)
    {
        const int woningenPerKant = 26;
        var kanten = Math.Max(1, woningen / woningenPerKant);
        // Special buildings go on evenly random sides of ordinary streets, so they have ordinary neighbours.
        PandVanVerzoek = new int[specials.Count];
        var plaatsing = specials.Select((s, i) => (Kant: _rng.Next(0, Math.Max(1, kanten * 9 / 10)), s.Soort, s.Eenheden, Verzoek: i))
            .OrderBy(p => p.Kant).ThenBy(p => p.Verzoek).ToList();
        var volgendeSpecial = 0;
        var perGemeente = (woningen + Gemeenten.Count - 1) / Gemeenten.Count;

        var kant = 0;
        for (_gemeente = 0; _gemeente < Gemeenten.Count; _gemeente++)
        {
            var (_, _, van, tot) = Gemeenten[_gemeente];
            var pc4Aantal = tot - van + 1;
            _maxLetterPairs = Math.Clamp((int)Math.Ceiling(perGemeente * 1.3 / (pc4Aantal * (double)woningenPerKant)), 12, 390);
            _pc4 = van;
            _letterPair = -1;
            var doel = GewoneWoningen.Count + perGemeente;
            var straatnamen = Straatnamen();
            var straatIndex = 0;
            while (GewoneWoningen.Count < doel && (_gemeente < Gemeenten.Count - 1 || GewoneWoningen.Count < woningen))
            {
                // A street: one to four segments, each with an odd and an even side under its own postcode.
                Straten.Add(straatnamen[straatIndex++ % straatnamen.Count]);
                StraatGemeente.Add((byte)_gemeente);
                var straat = Straten.Count - 1;
                int oneven = 1, even = 2;
                var segmenten = _rng.Between(1, 4);
                for (var segment = 0; segment < segmenten && GewoneWoningen.Count < doel; segment++)
                {
                    for (var zijde = 0; zijde < 2; zijde++)
                    {
                        if (!NieuwePostcode(tot)) break;
                        var gebouwen = _rng.Between(4, 12);
                        for (var g = 0; g < gebouwen; g++)
                        {
                            ref var nummer = ref (zijde == 0 ? ref oneven : ref even);
                            GewoonPand(straat, ref nummer, tot);
                        }
                        while (volgendeSpecial < plaatsing.Count && plaatsing[volgendeSpecial].Kant <= kant)
                        {
                            ref var nummer = ref (zijde == 0 ? ref oneven : ref even);
                            PandVanVerzoek[plaatsing[volgendeSpecial].Verzoek] =
                                SpeciaalPand(straat, ref nummer, plaatsing[volgendeSpecial].Soort, plaatsing[volgendeSpecial].Eenheden, tot);
                            volgendeSpecial++;
                        }
                        kant++;
                    }
                }
            }
        }
        // Whatever did not fit (tiny worlds) goes on one more street of the last municipality.
        if (volgendeSpecial < plaatsing.Count)
        {
            _gemeente = Gemeenten.Count - 1;
            var tot = Gemeenten[_gemeente].Pc4Tot;
            Straten.Add("Nieuwe Zorgstraat");
            StraatGemeente.Add((byte)_gemeente);
            var nummer = 1;
            for (; volgendeSpecial < plaatsing.Count; volgendeSpecial++)
            {
                NieuwePostcode(tot);
                PandVanVerzoek[plaatsing[volgendeSpecial].Verzoek] =
                    SpeciaalPand(Straten.Count - 1, ref nummer, plaatsing[volgendeSpecial].Soort, plaatsing[volgendeSpecial].Eenheden, tot);
            }
        }
    }

    private List<string> Straatnamen()
    {
        var namen = new List<string>();
        foreach (var voor in Namen.StraatVoorvoegsels)
            foreach (var stam in Namen.StraatStammen)
                foreach (var achter in Namen.StraatAchtervoegsels)
                    namen.Add(voor + stam + achter);
        _rng.Shuffle(namen);
        return namen;
    }

    private bool NieuwePostcode(int pc4Tot)
    {
        while (true)
        {
            _letterPair++;
            if (_letterPair >= _maxLetterPairs)
            {
                // Never reuse a postcode: an address must be unique (GeneratorOptions.Validate keeps sets within range).
                if (_pc4 >= pc4Tot) throw new InvalidOperationException($"De postcodes van {Gemeenten[_gemeente].Woonplaats} zijn op.");
                _pc4++;
                _letterPair = 0;
                // Skip some letter pairs at the start of a PC4 so that not every area starts at AA.
                _letterPair = _rng.Next(0, 3);
            }
            var l1 = _letterPair / 20;
            var l2 = _letterPair % 20;
            var pair = $"{Namen.PostcodeLetters[l1]}{Namen.PostcodeLetters[l2]}";
            if (pair is "SA" or "SD" or "SS") continue; // not used in Dutch postcodes
            _currentPostcode = _pc4 * 400 + _letterPair;
            return true;
        }
    }

    private int NieuwPand(PandSoort soort)
    {
        Panden.Add(new Pand { Serial = Panden.Count + 1, Soort = soort, EersteAdres = Adressen.Count, AantalAdressen = 0 });
        return Panden.Count - 1;
    }

    private void Voeg(int pand, int straat, int huisnummer, char huisletter, short toevoeging, Gebruiksdoel doel)
    {
        Adressen.Add(new Adres
        {
            Pand = pand, Postcode = _currentPostcode, Huisnummer = huisnummer, Huisletter = huisletter,
            Toevoeging = toevoeging, Doel = doel, Straat = straat,
        });
        var p = Panden[pand];
        p.AantalAdressen++;
        Panden[pand] = p;
        var index = Adressen.Count - 1;
        if (p.Soort < PandSoort.Woonzorgpand)
        {
            if (doel.HasFlag(Gebruiksdoel.Woon)) GewoneWoningen.Add(index);
            else if (doel.HasFlag(Gebruiksdoel.Kantoor) || doel.HasFlag(Gebruiksdoel.Gezondheidszorg)) Kantooradressen.Add(index);
        }
    }

    private void GewoonPand(int straat, ref int nummer, int pc4Tot)
    {
        var x = _rng.NextDouble();
        if (x < 0.46)
        {
            var pand = NieuwPand(PandSoort.Eengezinswoning);
            Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Woon);
            if (_rng.Chance(0.04))
            {
                // A later infill house: same number with a huisletter, its own building.
                Voeg(NieuwPand(PandSoort.Eengezinswoning), straat, nummer, 'A', 0, Gebruiksdoel.Woon);
            }
        }
        else if (x < 0.64)
        {
            var pand = NieuwPand(PandSoort.BovenBeneden);
            switch (_rng.Next(0, 6))
            {
                case 0: Voeg(pand, straat, nummer, '\0', Hs, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', 1, Gebruiksdoel.Woon); break;
                case 1: Voeg(pand, straat, nummer, '\0', Hs, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', 1, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', 2, Gebruiksdoel.Woon); break;
                case 2: Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, 'A', 0, Gebruiksdoel.Woon); break;
                case 3: Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', Bis, Gebruiksdoel.Woon); break;
                case 4: Voeg(pand, straat, nummer, '\0', ToevH, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', Rom1, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', Rom2, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', Rom3, Gebruiksdoel.Woon); break;
                default: Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, 'A', 0, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, 'B', 0, Gebruiksdoel.Woon); break;
            }
        }
        else if (x < 0.77)
        {
            var pand = NieuwPand(PandSoort.Portiek);
            var k = _rng.Between(6, 8);
            if (_rng.Chance(0.5))
            {
                for (var i = 0; i < k; i++) Voeg(pand, straat, nummer, "ABCDEFGH"[i], 0, Gebruiksdoel.Woon);
            }
            else
            {
                for (var i = 0; i < k; i++, nummer += 2) Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Woon);
                return;
            }
        }
        else if (x < 0.84)
        {
            Appartementen(NieuwPand(PandSoort.Appartementen), straat, ref nummer, _rng.Between(20, 60), pc4Tot, Gebruiksdoel.Woon);
            return;
        }
        else if (x < 0.88)
        {
            var pand = NieuwPand(PandSoort.Kantoor);
            var k = _rng.Between(1, 3);
            var doel = _rng.Chance(0.15) ? Gebruiksdoel.Kantoor | Gebruiksdoel.Industrie : Gebruiksdoel.Kantoor;
            if (k == 1) Voeg(pand, straat, nummer, '\0', 0, doel);
            else for (var i = 0; i < k; i++) Voeg(pand, straat, nummer, '\0', (short)(ToevA - i), doel);
        }
        else if (x < 0.95)
        {
            var pand = NieuwPand(PandSoort.WinkelMetWonen);
            Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Winkel);
            if (_rng.Chance(0.5)) Voeg(pand, straat, nummer, 'A', 0, Gebruiksdoel.Woon);
            else { Voeg(pand, straat, nummer, '\0', 1, Gebruiksdoel.Woon); Voeg(pand, straat, nummer, '\0', 2, Gebruiksdoel.Woon); }
        }
        else if (x < 0.97)
        {
            var pand = NieuwPand(PandSoort.Gezondheidszorg);
            var k = _rng.Between(1, 3);
            for (var i = 0; i < k; i++) Voeg(pand, straat, nummer, '\0', k == 1 ? (short)0 : (short)(ToevA - i), Gebruiksdoel.Gezondheidszorg);
        }
        else
        {
            var pand = NieuwPand(PandSoort.Overig);
            Gebruiksdoel[] doelen = [Gebruiksdoel.Bijeenkomst, Gebruiksdoel.Onderwijs, Gebruiksdoel.Sport, Gebruiksdoel.Industrie, Gebruiksdoel.Overig, Gebruiksdoel.Logies, Gebruiksdoel.Bijeenkomst | Gebruiksdoel.Kantoor];
            Voeg(pand, straat, nummer, '\0', 0, _rng.Pick(doelen));
        }
        nummer += 2;
    }

    /// <summary>A block of flats: one number with toevoegingen, or consecutive numbers (above 40, under two postcodes).</summary>
    private void Appartementen(int pand, int straat, ref int nummer, int eenheden, int pc4Tot, Gebruiksdoel doel)
    {
        if (_rng.Chance(0.5))
        {
            for (var i = 1; i <= eenheden; i++) Voeg(pand, straat, nummer, '\0', (short)i, doel);
            nummer += 2;
            return;
        }
        for (var i = 0; i < eenheden; i++, nummer += 2)
        {
            if (i == 40) NieuwePostcode(pc4Tot);
            Voeg(pand, straat, nummer, '\0', 0, doel);
        }
    }

    private int SpeciaalPand(int straat, ref int nummer, PandSoort soort, int eenheden, int pc4Tot)
    {
        var pand = NieuwPand(soort);
        switch (soort)
        {
            case PandSoort.Woonzorgpand:
                // The provider's office address is the first address of the building; the rest are dwellings.
                Voeg(pand, straat, nummer, '\0', 0, _rng.Chance(0.7) ? Gebruiksdoel.Kantoor : Gebruiksdoel.Woon);
                if (_rng.Chance(0.5))
                {
                    for (var i = 1; i <= eenheden; i++) Voeg(pand, straat, nummer, '\0', (short)i, Gebruiksdoel.Woon);
                    nummer += 2;
                }
                else
                {
                    nummer += 2;
                    for (var i = 0; i < eenheden; i++, nummer += 2) Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Woon);
                }
                break;
            case PandSoort.BeschermdWonen:
                Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Gezondheidszorg | Gebruiksdoel.Kantoor);
                for (var i = 1; i <= eenheden; i++) Voeg(pand, straat, nummer, '\0', (short)i, Gebruiksdoel.Woon | Gebruiksdoel.Gezondheidszorg);
                nummer += 2;
                break;
            case PandSoort.Seniorencomplex:
                Voeg(pand, straat, nummer, '\0', 0, Gebruiksdoel.Bijeenkomst);
                nummer += 2;
                Appartementen(pand, straat, ref nummer, eenheden, pc4Tot, Gebruiksdoel.Woon);
                break;
            default:
                Appartementen(pand, straat, ref nummer, eenheden, pc4Tot, Gebruiksdoel.Woon);
                break;
        }
        return pand;
    }

    /// <summary>Ordinary dwellings under the same six-position postcode(s) as the building: its 'rijtje'.</summary>
    public List<int> WoningenInRij(int pand)
    {
        var p = Panden[pand];
        var postcodes = AdressenVan(pand).Select(a => Adressen[a].Postcode).ToHashSet();
        var result = new List<int>();
        for (var a = p.EersteAdres - 1; a >= 0 && postcodes.Contains(Adressen[a].Postcode); a--)
            if (Adressen[a].Doel.HasFlag(Gebruiksdoel.Woon) && Panden[Adressen[a].Pand].Soort < PandSoort.Woonzorgpand) result.Add(a);
        for (var a = p.EersteAdres + p.AantalAdressen; a < Adressen.Count && postcodes.Contains(Adressen[a].Postcode); a++)
            if (Adressen[a].Doel.HasFlag(Gebruiksdoel.Woon) && Panden[Adressen[a].Pand].Soort < PandSoort.Woonzorgpand) result.Add(a);
        return result;
    }

    /// <summary>The dwellings of a building (addresses with woonfunctie).</summary>
    public List<int> Woningen(int pand) => AdressenVan(pand).Where(a => Adressen[a].Doel.HasFlag(Gebruiksdoel.Woon)).ToList();
}
