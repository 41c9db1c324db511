using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Tables;

/// <summary>
/// The BAG extract as lookups: nummeraanduiding → (verblijfsobject, pand), normalised address → nummeraanduiding, and per
/// pand its dwellings (verblijfsobjecten with woonfunctie), rows (postcodes) and a label. A ligplaats or standplaats has
/// no pand; its adresseerbaar object stands in for the building (the BAG id's type digits keep the keys apart).
/// </summary>
internal sealed class BagIndex
{
    /// <summary>
    /// One usable BAG address. <see cref="Nummeraanduiding"/> is the id as a number (<see cref="BagIdIndex.TryNumeric"/>),
    /// or minus one minus its place among the ids that are not numbers.
    /// </summary>
    internal readonly record struct Entry(int Pand, int PostcodeCode, string? Toevoeging, long Nummeraanduiding);

    public readonly List<Entry> Entries;
    public readonly List<int> PandDwellings;
    /// <summary>Per pand its key as a number (<see cref="BagIdIndex.TryNumeric"/>), or -1 when the key is not numeric.</summary>
    public readonly List<long> PandNumbers;
    public int PandCount => PandNumbers.Count;
    // Ids that are not 16-digit numbers (rare) are kept as text.
    private readonly Dictionary<int, string> _otherPandKeys = new();
    private readonly List<string> _otherIds = new();
    // Rows per pand as one flat array (postcode codes) with the start of each pand's run.
    private int[] _rowStart = [];
    private int[] _rows = [];
    // Street and number range per pand; the label string is made on demand.
    private readonly List<(string Straat, int Min, int Max)> _labelParts;
    public int Rejected { get; private set; }

    // Entries whose verblijfsobject the BAG registers for healthcare (gezondheidszorgfunctie): few, so a set.
    private readonly HashSet<int> _careEntries = new();

    private readonly BagIdIndex _byNummeraanduiding;
    // Postcode + huisnummer + huisletter → first entry; further entries with other toevoegingen chain through _next.
    private readonly Dictionary<long, int> _byAddress;
    private readonly List<int> _next;

    // Only while adding rows.
    private BagIdIndex? _pandIndex, _vboIndex;
    private HashSet<long>? _dwellings;
    // (pand, postcode) pairs, sorted and deduplicated at the end: cheaper than a set per pand at national scale.
    private List<long>? _pandPostcodes;
    private SharedStrings? _shared;

    public BagIndex(IReadOnlyList<BagAdres> adressen) : this(adressen.Count)
    {
        foreach (var a in adressen) Add(a);
        Complete();
    }

    /// <summary>An empty index for about <paramref name="capacity"/> addresses; <see cref="Add"/> them, then <see cref="Complete"/>.</summary>
    public BagIndex(int capacity)
    {
        var n = capacity;
        _byNummeraanduiding = new BagIdIndex(n);
        _pandIndex = new BagIdIndex(n / 2);
        _vboIndex = new BagIdIndex(n);
        _dwellings = new HashSet<long>(n);
        _pandPostcodes = new List<long>(n);
        _shared = new SharedStrings();
        _byAddress = new Dictionary<long, int>(n);
        Entries = new List<Entry>(n);
        _next = new List<int>(n);
        PandNumbers = new List<long>(n / 2);
        PandDwellings = new List<int>(n / 2);
        _labelParts = new List<(string, int, int)>(n / 2);
    }

    /// <summary>Adds one address; the strings it keeps (streets, toevoegingen) are shared between rows.</summary>
    public void Add(BagAdres a)
    {
        if (_pandIndex is null) throw new InvalidOperationException("The BAG index is complete.");
        // A repeated nummeraanduiding keeps its first address; the entry it names is the one added below.
        if (!AdresNormalisatie.TryNormaliseer(a.Adres, out var adres, out _)
            || !_byNummeraanduiding.TryAdd(a.NummeraanduidingId, Entries.Count, out var id))
        {
            Rejected++;
            return;
        }
        var pandKey = a.PandId ?? a.VerblijfsobjectId;
        var straat = _shared!.Of(a.OpenbareRuimte ?? adres.Postcode);
        if (!_pandIndex.TryGetValue(pandKey, out var pand))
        {
            pand = PandNumbers.Count;
            _pandIndex.TryAdd(pandKey, pand);
            if (BagIdIndex.TryNumeric(pandKey, out var number)) PandNumbers.Add(number);
            else { PandNumbers.Add(-1); _otherPandKeys[pand] = pandKey; }
            PandDwellings.Add(a.PandId is null ? -1 : 0);
            _labelParts.Add((straat, adres.Huisnummer, adres.Huisnummer));
        }
        else
        {
            var lp = _labelParts[pand];
            var cmp = string.CompareOrdinal(straat, lp.Straat);
            if (cmp < 0) _labelParts[pand] = (straat, adres.Huisnummer, adres.Huisnummer);
            else if (cmp == 0 && (adres.Huisnummer < lp.Min || adres.Huisnummer > lp.Max))
                _labelParts[pand] = (lp.Straat, Math.Min(lp.Min, adres.Huisnummer), Math.Max(lp.Max, adres.Huisnummer));
        }
        var pc = AdresCode.Postcode(adres.Postcode);
        _pandPostcodes!.Add((long)pand << 23 | (uint)pc);
        if (a.PandId is not null && HasDoel(a.Gebruiksdoelen, "woonfunctie") && _dwellings!.Add((long)pand << 32 | (uint)VboNumber(_vboIndex!, a.VerblijfsobjectId)))
            PandDwellings[pand]++;

        var entry = Entries.Count;
        if (HasDoel(a.Gebruiksdoelen, "gezondheidszorgfunctie")) _careEntries.Add(entry);
        if (id == 0)
        {
            id = -1 - _otherIds.Count;
            _otherIds.Add(a.NummeraanduidingId);
        }
        Entries.Add(new Entry(pand, pc, adres.Toevoeging is null ? null : _shared.Of(adres.Toevoeging), id));
        var key = AdresCode.Gebouw(pc, adres.Huisnummer, adres.Huisletter);
        _next.Add(_byAddress.TryGetValue(key, out var first) ? first : -1);
        _byAddress[key] = entry;
    }

    /// <summary>Builds the rows per pand and lets go of what only adding needed.</summary>
    public BagIndex Complete()
    {
        if (_pandPostcodes is null) return this;
        var pandPostcodes = _pandPostcodes;
        pandPostcodes.Sort();
        var pandCount = PandNumbers.Count;
        _rowStart = new int[pandCount + 1];
        var rows = new List<int>(pandCount + 16);
        for (int i = 0, p = 0; p < pandCount; p++)
        {
            _rowStart[p] = rows.Count;
            for (; i < pandPostcodes.Count && (int)(pandPostcodes[i] >> 23) == p; i++)
            {
                var pc = (int)(pandPostcodes[i] & 0x7FFFFF);
                if (rows.Count == _rowStart[p] || rows[^1] != pc) rows.Add(pc);
            }
        }
        _rowStart[pandCount] = rows.Count;
        _rows = rows.ToArray();
        _pandPostcodes = null;
        _pandIndex = null;
        _vboIndex = null;
        _dwellings = null;
        _shared = null;
        return this;
    }

    /// <summary>The pand's id (or the ligplaats/standplaats id standing in for it).</summary>
    public string PandKey(int pand) => PandNumbers[pand] >= 0 ? BagIdIndex.Text(PandNumbers[pand]) : _otherPandKeys[pand];

    /// <summary>The nummeraanduiding id of an entry.</summary>
    public string NummeraanduidingId(int entry)
    {
        var id = Entries[entry].Nummeraanduiding;
        return id >= 0 ? BagIdIndex.Text(id) : _otherIds[(int)(-1 - id)];
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

    /// <summary>By a nummeraanduiding id already in <see cref="BagIdIndex.TryNumeric"/> form.</summary>
    public bool TryByNummeraanduiding(long numericId, out int entry) => _byNummeraanduiding.TryGetValue(numericId, out entry);

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

    /// <summary>
    /// Whether the address is registered for healthcare (gezondheidszorgfunctie): a care home, a cluster of care
    /// dwellings, a facility. Clients living there live where their care is given by design.
    /// </summary>
    public bool IsCareAddress(int entry) => _careEntries.Contains(entry);

    private static bool HasDoel(IReadOnlyList<string> doelen, string doel)
    {
        for (var i = 0; i < doelen.Count; i++)
            if (string.Equals(doelen[i].Trim(), doel, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
