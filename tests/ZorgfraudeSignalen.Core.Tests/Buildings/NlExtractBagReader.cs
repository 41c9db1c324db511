using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

/// <summary>
/// A small reader of NLExtract's bagadresplus layout for the building tests, until ingestion's reader is on this branch.
/// The sample has no quoted fields, so a split on ';' is exact.
/// </summary>
internal static class NlExtractBagReader
{
    public sealed record Row(IReadOnlyDictionary<string, string> Fields)
    {
        public string this[string name] => Fields[name];
    }

    public static IReadOnlyList<Row> ReadRows(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(';');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(';');
            return new Row(header.Select((h, i) => (h, cells[i])).ToDictionary(x => x.h, x => x.Item2));
        }).ToList();
    }

    private static readonly string[] Doelen =
    [
        "woonfunctie", "bijeenkomstfunctie", "celfunctie", "gezondheidszorgfunctie", "industriefunctie", "kantoorfunctie",
        "logiesfunctie", "onderwijsfunctie", "sportfunctie", "winkelfunctie", "overige_gebruiksfunctie",
    ];

    public static BagAdres ToBagAdres(Row r) => new(
        r["nummeraanduiding_id"],
        new Adres(r["postcode"], int.Parse(r["huisnummer"], System.Globalization.CultureInfo.InvariantCulture),
            r["huisletter"] is "" ? null : r["huisletter"], r["huisnummertoevoeging"] is "" ? null : r["huisnummertoevoeging"]),
        r["adresseerbaarobject_id"],
        r["pand_id"] is "" ? null : r["pand_id"],
        r["openbareruimtenaam"],
        r["woonplaats"],
        Doelen.Where(d => r[d] == "1").Select(d => d.Replace('_', ' ')).ToList());

    public static string SamplePath => TestData.Path("bag/nlextract_amsterdam_1011_bagadresplus.csv");

    public static IReadOnlyList<BagAdres> ReadSample() => ReadRows(SamplePath).Select(ToBagAdres).ToList();
}
