using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>A resolved building: its key, a readable label, how it was resolved and its row (six-position postcode).</summary>
public sealed record PandRef(string Key, string Label, string Resolutie, string Rij);

/// <summary>
/// Addresses to buildings as the contract prescribes: through the BAG by nummeraanduiding id, else by address in the
/// BAG, else the fallback key postcode + huisnummer (+ huisletter). The row is always the six-position postcode.
/// The buildings area's analysis (clusters, linked providers) builds on the same rules.
/// </summary>
public sealed class BuildingKeys
{
    private readonly Dictionary<string, BagAdres> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BagAdres> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _woningen = new(StringComparer.Ordinal);

    public BuildingKeys(IReadOnlyList<BagAdres>? bag)
    {
        foreach (var a in bag ?? [])
        {
            _byId.TryAdd(a.NummeraanduidingId, a);
            _byAddress.TryAdd(AddressKey(a.Adres), a);
            if (a.PandId is not null && a.Gebruiksdoelen.Contains("woonfunctie"))
                _woningen[a.PandId] = _woningen.GetValueOrDefault(a.PandId) + 1;
        }
    }

    public PandRef Resolve(Adres adres, string? nummeraanduidingId)
    {
        if (nummeraanduidingId is not null && _byId.TryGetValue(nummeraanduidingId, out var byId) && byId.PandId is not null)
            return new PandRef("pand:" + byId.PandId, Label(byId, adres), "bag_id", adres.Postcode);
        if (_byAddress.TryGetValue(AddressKey(adres), out var byAddress) && byAddress.PandId is not null)
            return new PandRef("pand:" + byAddress.PandId, Label(byAddress, adres), "bag_adres", adres.Postcode);
        var number = adres.Huisnummer + (adres.Huisletter ?? "");
        return new PandRef($"adres:{adres.Postcode}-{number}", $"{adres.Postcode} {number}", "terugval", adres.Postcode);
    }

    /// <summary>Dwellings in a building by the BAG, when known.</summary>
    public int? Woningen(string pandKey) =>
        pandKey.StartsWith("pand:", StringComparison.Ordinal) && _woningen.TryGetValue(pandKey[5..], out var n) ? n : null;

    private static string Label(BagAdres bag, Adres adres)
    {
        var number = adres.Huisnummer + (adres.Huisletter ?? "");
        return string.IsNullOrWhiteSpace(bag.OpenbareRuimte) ? $"{adres.Postcode} {number}" : $"{bag.OpenbareRuimte} {number}";
    }

    private static string AddressKey(Adres a) => $"{a.Postcode}|{a.Huisnummer}|{a.Huisletter}|{a.Toevoeging?.ToUpperInvariant()}";
}
