using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Buildings;

/// <summary>
/// The BAG extract as lookups: nummeraanduiding → (verblijfsobject, pand), normalised address → nummeraanduiding, and per
/// pand its dwellings (verblijfsobjecten with woonfunctie), rows (postcodes) and a label. A ligplaats or standplaats has
/// no pand; its adresseerbaar object stands in for the building (the BAG id's type digits keep the keys apart).
/// </summary>
internal sealed class BagIndex
{
    /// <summary>One usable BAG address.</summary>
    internal readonly record struct Entry(int Pand, int PostcodeCode, string? Toevoeging, string NummeraanduidingId);

    public readonly List<Entry> Entries = new();
    public readonly List<string> PandKeys = new();
    public readonly List<int> PandDwellings = new();
    /// <summary>Per pand its key as a number (<see cref="BagIdIndex.TryNumeric"/>), or -1 when the key is not numeric.</summary>
    public readonly List<long> PandNumbers = new();
    // Rows per pand as one flat array (postcode codes) with the start of each pand's run.
    private int[] _rowStart = [];
    private int[] _rows = [];
    // Street and number range per pand; the label string is made on demand.
    private readonly List<(string Straat, int Min, int Max)> _labelParts = new();
    public int Rejected { get; private set; }

    private readonly BagIdIndex _byNummeraanduiding;
    // Postcode + huisnummer + huisletter → first entry; further entries with other toevoegingen chain through _next.
    private readonly Dictionary<long, int> _byAddress = new();
    private readonly List<int> _next = new();

    public BagIndex(IReadOnlyList<BagAdres> adressen)
    {
        var n = adressen.Count;
        var pandIndex = new BagIdIndex(n / 2);
        _byNummeraanduiding = new BagIdIndex(n);
        var vboIndex = new BagIdIndex(n);
        _byAddress.EnsureCapacity(n);
        Entries.Capacity = n;
        _next.Capacity = n;
        PandKeys.Capacity = n / 2;
        PandNumbers.Capacity = n / 2;
        PandDwellings.Capacity = n / 2;
        _labelParts.Capacity = n / 2;
        var dwellings = new HashSet<long>(n);
        // (pand, postcode) pairs, sorted and deduplicated afterwards: cheaper than a set per pand at national scale.
        var pandPostcodes = new List<long>(adressen.Count);
        var labelParts = _labelParts;
        foreach (var a in adressen)
        {
            if (!AdresNormalisatie.TryNormaliseer(a.Adres, out var adres, out _) || _byNummeraanduiding.TryGetValue(a.NummeraanduidingId, out _))
            {
                Rejected++;
                continue;
            }
            var pandKey = a.PandId ?? a.VerblijfsobjectId;
            var straat = a.OpenbareRuimte ?? adres.Postcode;
            if (!pandIndex.TryGetValue(pandKey, out var pand))
            {
                pand = PandKeys.Count;
                pandIndex.TryAdd(pandKey, pand);
                PandKeys.Add(pandKey);
                PandNumbers.Add(BagIdIndex.TryNumeric(pandKey, out var number) ? number : -1);
                PandDwellings.Add(a.PandId is null ? -1 : 0);
                labelParts.Add((straat, adres.Huisnummer, adres.Huisnummer));
            }
            else
            {
                var lp = labelParts[pand];
                var cmp = string.CompareOrdinal(straat, lp.Straat);
                if (cmp < 0) labelParts[pand] = (straat, adres.Huisnummer, adres.Huisnummer);
                else if (cmp == 0 && (adres.Huisnummer < lp.Min || adres.Huisnummer > lp.Max))
                    labelParts[pand] = (lp.Straat, Math.Min(lp.Min, adres.Huisnummer), Math.Max(lp.Max, adres.Huisnummer));
            }
            var pc = AdresCode.Postcode(adres.Postcode);
            pandPostcodes.Add((long)pand << 23 | (uint)pc);
            if (a.PandId is not null && HasWoonfunctie(a.Gebruiksdoelen) && dwellings.Add((long)pand << 32 | (uint)VboNumber(vboIndex, a.VerblijfsobjectId)))
                PandDwellings[pand]++;

            var entry = Entries.Count;
            Entries.Add(new Entry(pand, pc, adres.Toevoeging, a.NummeraanduidingId));
            _byNummeraanduiding.TryAdd(a.NummeraanduidingId, entry);
            var key = AdresCode.Gebouw(pc, adres.Huisnummer, adres.Huisletter);
            _next.Add(_byAddress.TryGetValue(key, out var first) ? first : -1);
            _byAddress[key] = entry;
        }
        pandPostcodes.Sort();
        _rowStart = new int[PandKeys.Count + 1];
        var rows = new List<int>(PandKeys.Count + 16);
        for (int i = 0, p = 0; p < PandKeys.Count; p++)
        {
            _rowStart[p] = rows.Count;
            for (; i < pandPostcodes.Count && (int)(pandPostcodes[i] >> 23) == p; i++)
            {
                var pc = (int)(pandPostcodes[i] & 0x7FFFFF);
                if (rows.Count == _rowStart[p] || rows[^1] != pc) rows.Add(pc);
            }
        }
        _rowStart[PandKeys.Count] = rows.Count;
        _rows = rows.ToArray();
    }

    /// <summary>The six-position postcodes (as codes, ascending) of the pand's addresses: the rows it belongs to.</summary>
    public ReadOnlySpan<int> PandRows(int pand) => _rows.AsSpan(_rowStart[pand], _rowStart[pand + 1] - _rowStart[pand]);

    /// <summary>Street and house number (range) of the pand, e.g. <c>Prins Hendrikkade 100-103</c>.</summary>
    public string PandLabel(int pand)
    {
        var (straat, min, max) = _labelParts[pand];
        return min == max ? $"{straat} {min}" : $"{straat} {min}-{max}";
    }

    public bool TryByNummeraanduiding(string id, out int entry) => _byNummeraanduiding.TryGetValue(id, out entry);

    /// <summary>The BAG entry of a normalised address: exact toevoeging first, then a unique match on an alias.</summary>
    public bool TryByAddress(long gebouwCode, string? toevoeging, out int entry)
    {
        if (!_byAddress.TryGetValue(gebouwCode, out var first)) { entry = -1; return false; }
        for (var e = first; e >= 0; e = _next[e])
            if (Entries[e].Toevoeging == toevoeging) { entry = e; return true; }
        entry = -1;
        foreach (var alias in AdresNormalisatie.Aliassen(toevoeging))
        {
            for (var e = first; e >= 0; e = _next[e])
            {
                if (Entries[e].Toevoeging != alias) continue;
                if (entry >= 0) { entry = -1; return false; }
                entry = e;
            }
            if (entry >= 0) return true;
        }
        return false;
    }

    /// <summary>A dense number per verblijfsobject id, so that (pand, verblijfsobject) fits in a long.</summary>
    private static int VboNumber(BagIdIndex index, string id)
    {
        if (index.TryGetValue(id, out var number)) return number;
        number = index.Count;
        index.TryAdd(id, number);
        return number;
    }

    private static bool HasWoonfunctie(IReadOnlyList<string> doelen)
    {
        for (var i = 0; i < doelen.Count; i++)
            if (string.Equals(doelen[i].Trim(), "woonfunctie", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
