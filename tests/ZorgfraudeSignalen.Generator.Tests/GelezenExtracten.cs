using System.Globalization;
using System.Text;
using CsvHelper;

namespace ZorgfraudeSignalen.Generator.Tests;

/// <summary>One extract read back with CsvHelper the way a consumer would: encoding and delimiter detected, not assumed.</summary>
public sealed class GelezenBestand
{
    public required string Pad { get; init; }
    public required string[] Kop { get; init; }
    public required List<Dictionary<string, string>> Rijen { get; init; }
    public required char Scheidingsteken { get; init; }
    public required string Codering { get; init; }

    public static GelezenBestand Lees(string pad)
    {
        var bytes = File.ReadAllBytes(pad);
        string tekst;
        string codering;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            tekst = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
            codering = "utf-8-bom";
        }
        else
        {
            try
            {
                tekst = new UTF8Encoding(false, true).GetString(bytes);
                codering = "utf-8";
            }
            catch (DecoderFallbackException)
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                tekst = Encoding.GetEncoding(1252).GetString(bytes);
                codering = "windows-1252";
            }
        }
        var kopregel = tekst[..tekst.IndexOf('\n')];
        var scheiding = kopregel.Count(c => c == ';') >= kopregel.Count(c => c == ',') ? ';' : ',';
        using var reader = CsvReader.FromText(tekst, new CsvReaderOptions { Separator = scheiding });
        var rijen = new List<Dictionary<string, string>>();
        string[]? kop = null;
        while (reader.Read())
        {
            kop ??= reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            Assert.Equal(kop.Length, reader.FieldCount);
            var rij = new Dictionary<string, string>(kop.Length);
            for (var i = 0; i < kop.Length; i++) rij[kop[i]] = reader.GetString(i);
            rijen.Add(rij);
        }
        kop ??= reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        return new GelezenBestand { Pad = pad, Kop = kop, Rijen = rijen, Scheidingsteken = scheiding, Codering = codering };
    }
}

/// <summary>Parsing per the contract: both date forms, both decimal separators, postcodes normalised.</summary>
public static class Contract
{
    public static DateOnly Datum(string s) =>
        DateOnly.ParseExact(s.Trim(), ["yyyy-MM-dd", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateOnly? DatumOfNull(string s) => string.IsNullOrWhiteSpace(s) ? null : Datum(s);

    public static decimal Bedrag(string s)
    {
        var t = s.Trim();
        Assert.DoesNotContain(' ', t);
        Assert.True(t.Count(c => c is ',' or '.') <= 1, $"'{s}' heeft een scheidingsteken voor duizendtallen");
        return decimal.Parse(t.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    public static string Postcode(string s)
    {
        var t = s.Trim().Replace(" ", "").ToUpperInvariant();
        Assert.Matches("^[1-9][0-9]{3}[A-Z]{2}$", t);
        Assert.DoesNotContain(t[4..], new[] { "SA", "SD", "SS" });
        return t;
    }

    public static string AdresSleutel(string postcode, string huisnummer, string huisletter, string toevoeging) =>
        $"{Postcode(postcode)}|{int.Parse(huisnummer, CultureInfo.InvariantCulture)}|{huisletter.Trim().ToUpperInvariant()}|{toevoeging.Trim().ToUpperInvariant()}";

    public static readonly IReadOnlyDictionary<string, string[]> Velden = new Dictionary<string, string[]>
    {
        ["clienten"] = ["client_id", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "adres_sinds", "nummeraanduiding_id"],
        ["aanbieders"] = ["aanbieder_id", "naam", "kvk_nummer", "vestiging_postcode", "vestiging_huisnummer", "vestiging_huisletter",
            "vestiging_toevoeging", "vestiging_nummeraanduiding_id", "kvk_inschrijving", "bestuurder_ids", "rekening_ids"],
        ["toewijzingen"] = ["toewijzing_id", "client_id", "aanbieder_id", "productcategorie", "productcode", "leveringsvorm",
            "toewijzingsdatum", "ingangsdatum", "einddatum", "volume", "eenheid", "frequentie", "budget"],
        ["pgb_overeenkomsten"] = ["overeenkomst_id", "client_id", "aanbieder_id", "overeenkomst_type", "rekening_id", "ingangsdatum",
            "einddatum", "uurtarief", "uren_per_week"],
        ["declaraties"] = ["declaratie_id", "client_id", "aanbieder_id", "toewijzing_id", "periode_start", "periode_eind",
            "productcategorie", "volume", "eenheid", "tarief", "bedrag"],
        ["bag_adressen"] = ["nummeraanduiding_id", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "verblijfsobject_id",
            "pand_id", "openbare_ruimte", "woonplaats", "gebruiksdoel"],
    };

    /// <summary>The allocated maximum of a period per the contract, for frequenties 1, 2 and 4.</summary>
    public static decimal Maximum(decimal volume, string frequentie, DateOnly start, DateOnly eind)
    {
        var dagen = eind.DayNumber - start.DayNumber + 1;
        var dagenInMaand = DateTime.DaysInMonth(start.Year, start.Month);
        return frequentie switch
        {
            "1" => volume * dagen,
            "2" => volume * 52m / 12m * dagen / dagenInMaand,
            "4" => volume * dagen / dagenInMaand,
            _ => throw new ArgumentOutOfRangeException(nameof(frequentie)),
        };
    }

    public static bool PassesElfproef(string s)
    {
        if (s.Length != 9 || !s.All(char.IsAsciiDigit)) return false;
        var som = 0;
        for (var i = 0; i < 8; i++) som += (9 - i) * (s[i] - '0');
        som -= s[8] - '0';
        return som % 11 == 0;
    }
}

/// <summary>A generated set read back: every extract, the truth, and the joins the pattern tests need.</summary>
public sealed class GelezenSet
{
    public required string Map { get; init; }
    public required Dictionary<string, GelezenBestand> Bestanden { get; init; }
    public required Dictionary<string, (string Patronen, int Fraude)> Waarheid { get; init; }

    public GelezenBestand this[string type] => Bestanden[type];

    public bool HeeftBag => Bestanden.ContainsKey("bag_adressen");

    public static GelezenSet Lees(string map)
    {
        var bestanden = new Dictionary<string, GelezenBestand>();
        foreach (var type in Contract.Velden.Keys)
        {
            // A world without a BAG extract has no bag_adressen folder.
            if (type == "bag_adressen" && !Directory.Exists(Path.Combine(map, "extracts", type))) continue;
            var paden = Directory.GetFiles(Path.Combine(map, "extracts", type), "*.csv");
            Assert.Single(paden);
            bestanden[type] = GelezenBestand.Lees(paden[0]);
        }
        var waarheid = GelezenBestand.Lees(Path.Combine(map, "truth.csv")).Rijen
            .ToDictionary(r => r["aanbieder_id"], r => (r["patronen"], int.Parse(r["fraude"], CultureInfo.InvariantCulture)));
        return new GelezenSet { Map = map, Bestanden = bestanden, Waarheid = waarheid };
    }

    public IEnumerable<string> Met(string patroon) => Waarheid.Where(w => w.Value.Patronen.Split('|').Contains(patroon)).Select(w => w.Key);

    private Dictionary<string, Dictionary<string, string>>? _bag;
    /// <summary>BAG rows by normalised address.</summary>
    public Dictionary<string, Dictionary<string, string>> Bag => _bag ??= this["bag_adressen"].Rijen
        .ToDictionary(r => Contract.AdresSleutel(r["postcode"], r["huisnummer"], r["huisletter"], r["huisnummertoevoeging"]));

    public Dictionary<string, string> ClientAdres(Dictionary<string, string> client) =>
        Bag[Contract.AdresSleutel(client["postcode"], client["huisnummer"], client["huisletter"], client["huisnummertoevoeging"])];

    public Dictionary<string, string> Vestiging(Dictionary<string, string> aanbieder) =>
        Bag[Contract.AdresSleutel(aanbieder["vestiging_postcode"], aanbieder["vestiging_huisnummer"], aanbieder["vestiging_huisletter"], aanbieder["vestiging_toevoeging"])];

    private Dictionary<string, Dictionary<string, string>>? _clienten, _aanbieders, _toewijzingen;
    public Dictionary<string, Dictionary<string, string>> Clienten => _clienten ??= this["clienten"].Rijen.ToDictionary(r => r["client_id"]);
    public Dictionary<string, Dictionary<string, string>> Aanbieders => _aanbieders ??= this["aanbieders"].Rijen.ToDictionary(r => r["aanbieder_id"]);
    public Dictionary<string, Dictionary<string, string>> Toewijzingen => _toewijzingen ??= this["toewijzingen"].Rijen.ToDictionary(r => r["toewijzing_id"]);

    public DateOnly LaatsteMaand => this["declaraties"].Rijen.Max(r => Contract.Datum(r["periode_start"]));
    public DateOnly EersteMaand => this["declaraties"].Rijen.Min(r => Contract.Datum(r["periode_start"])) is var d ? new DateOnly(d.Year, d.Month, 1) : default;
}

/// <summary>
/// The sample configuration (the reference world, whose strengths docs/generator.md states) generated once into a
/// temporary folder and read back.
/// </summary>
public sealed class SampleFixture : IDisposable
{
    public string Map { get; } = Path.Combine(Path.GetTempPath(), "zfs-gen-" + Guid.NewGuid().ToString("N"));
    public GeneratieResultaat Resultaat { get; }
    public GelezenSet Set { get; }

    public SampleFixture()
    {
        Resultaat = SynthetischeExtracten.Genereer(GeneratorOptions.ForScale("sample", 20251) with { Wereld = Wereldprofiel.Referentie }, Map);
        Set = GelezenSet.Lees(Map);
    }

    public void Dispose()
    {
        try { Directory.Delete(Map, recursive: true); } catch (IOException) { }
    }
}
