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
    public readonly List<string> PandLabels = new();
    public readonly List<int> PandDwellings = new();
    public readonly List<int[]> PandRows = new();
    public int Rejected { get; private set; }

    private readonly Dictionary<string, int> _byNummeraanduiding = new(StringComparer.Ordinal);
    // Postcode + huisnummer + huisletter → first entry; further entries with other toevoegingen chain through _next.
    private readonly Dictionary<long, int> _byAddress = new();
    private readonly List<int> _next = new();

    public BagIndex(IReadOnlyList<BagAdres> adressen)
    {
        var pandIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var dwellings = new HashSet<(int, string)>();
        var rows = new List<HashSet<int>>();
        var labelParts = new List<(string Straat, int Min, int Max)>();
        foreach (var a in adressen)
        {
            if (!AdresNormalisatie.TryNormaliseer(a.Adres, out var adres, out _) || _byNummeraanduiding.ContainsKey(a.NummeraanduidingId))
            {
                Rejected++;
                continue;
            }
            var pandKey = a.PandId ?? a.VerblijfsobjectId;
            if (!pandIndex.TryGetValue(pandKey, out var pand))
            {
                pand = PandKeys.Count;
                pandIndex.Add(pandKey, pand);
                PandKeys.Add(pandKey);
                PandDwellings.Add(a.PandId is null ? -1 : 0);
                rows.Add(new HashSet<int>());
                labelParts.Add((a.OpenbareRuimte ?? adres.Postcode, adres.Huisnummer, adres.Huisnummer));
            }
            var pc = AdresCode.Postcode(adres.Postcode);
            rows[pand].Add(pc);
            var lp = labelParts[pand];
            var straat = a.OpenbareRuimte ?? adres.Postcode;
            var cmp = string.CompareOrdinal(straat, lp.Straat);
            if (cmp < 0) labelParts[pand] = (straat, adres.Huisnummer, adres.Huisnummer);
            else if (cmp == 0) labelParts[pand] = (lp.Straat, Math.Min(lp.Min, adres.Huisnummer), Math.Max(lp.Max, adres.Huisnummer));
            if (a.PandId is not null && HasWoonfunctie(a.Gebruiksdoelen) && dwellings.Add((pand, a.VerblijfsobjectId)))
                PandDwellings[pand]++;

            var entry = Entries.Count;
            Entries.Add(new Entry(pand, pc, adres.Toevoeging, a.NummeraanduidingId));
            _byNummeraanduiding.Add(a.NummeraanduidingId, entry);
            var key = AdresCode.Gebouw(pc, adres.Huisnummer, adres.Huisletter);
            _next.Add(_byAddress.TryGetValue(key, out var first) ? first : -1);
            _byAddress[key] = entry;
        }
        for (var p = 0; p < PandKeys.Count; p++)
        {
            var (straat, min, max) = labelParts[p];
            PandLabels.Add(min == max ? $"{straat} {min}" : $"{straat} {min}-{max}");
            var r = rows[p].ToArray();
            Array.Sort(r);
            PandRows.Add(r);
        }
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

    private static bool HasWoonfunctie(IReadOnlyList<string> doelen)
    {
        for (var i = 0; i < doelen.Count; i++)
            if (string.Equals(doelen[i].Trim(), "woonfunctie", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
