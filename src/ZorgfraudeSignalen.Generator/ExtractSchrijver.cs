using System.Text;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Generator;

/// <summary>Writes the six extracts and truth.csv in the contract's layout (shared/spec/extracts.md).</summary>
internal sealed class ExtractSchrijver(Populatie p, string uitvoerMap)
{
    private static readonly Encoding Utf8MetBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Older back-office exports are Windows-1252; .NET needs the code-pages provider for it.</summary>
    private static Encoding Windows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    // The formatting variety the contract allows, one style per extract type (docs/generator.md lists them).
    public static readonly IReadOnlyDictionary<ExtractType, CsvStijl> Stijlen = new Dictionary<ExtractType, CsvStijl>
    {
        [ExtractType.Clienten] = new(';', ',', false, Utf8MetBom, "\r\n"),
        [ExtractType.Aanbieders] = new(';', ',', false, Windows1252(), "\r\n"),
        [ExtractType.Toewijzingen] = new(',', '.', false, Utf8, "\n"),
        [ExtractType.PgbOvereenkomsten] = new(';', ',', true, Utf8MetBom, "\r\n"),
        [ExtractType.Declaraties] = new(';', ',', false, Utf8, "\n"),
        [ExtractType.BagAdressen] = new(';', ',', false, Utf8, "\n"),
    };

    public static string ToewijzingId(int index) => "T" + index.ToString("D8");
    private static string OvereenkomstId(int index) => "SVB" + index.ToString("D8");

    private readonly ulong _clientSleutel = Hash.Of((ulong)(uint)p.Opties.Seed, Hash.Of("client"));
    private readonly ulong _stijlSleutel = Hash.Of((ulong)(uint)p.Opties.Seed, Hash.Of("stijl"));
    private readonly Dictionary<ExtractType, (string Pad, long Regels)> _bestanden = [];

    public IReadOnlyDictionary<ExtractType, (string Pad, long Regels)> Bestanden => _bestanden;

    public string Pad(ExtractType type)
    {
        var naam = type.Name();
        return Path.Combine(uitvoerMap, "extracts", naam, $"{naam}_{p.Opties.Extractdatum:yyyyMMdd}.csv");
    }

    public void SchrijfAlles()
    {
        var clientIds = new string[p.Clienten.Count];
        for (var i = 0; i < clientIds.Length; i++) clientIds[i] = Ids.Pseudonym('C', _clientSleutel, i);

        if (p.W.MetBag) Schrijf(ExtractType.BagAdressen, Bag);
        Schrijf(ExtractType.Clienten, csv => Clienten(csv, clientIds));
        Schrijf(ExtractType.Aanbieders, Aanbieders);
        Schrijf(ExtractType.Toewijzingen, csv => Toewijzingen(csv, clientIds));
        Schrijf(ExtractType.PgbOvereenkomsten, csv => Overeenkomsten(csv, clientIds));
        Schrijf(ExtractType.Declaraties, csv => new Declaraties(p, clientIds).Schrijf(csv));
        Waarheid();
        File.WriteAllText(Path.Combine(uitvoerMap, "wereld.json"), JsonSerializer.Serialize(p.W, JsonOpties) + "\n", Utf8);
    }

    private static readonly JsonSerializerOptions JsonOpties = new() { WriteIndented = true };

    private void Schrijf(ExtractType type, Action<CsvOut> inhoud)
    {
        var pad = Pad(type);
        using (var csv = new CsvOut(pad, Stijlen[type]))
        {
            inhoud(csv);
            _bestanden[type] = (pad, csv.Regels);
        }
    }

    private double U(long a, int k) => Hash.Unit(Hash.Of(_stijlSleutel, (ulong)a, (ulong)k));

    private void Adres(CsvOut csv, int adres, string postcodeVorm)
    {
        var a = p.Wereld.Adressen[adres];
        var postcode = AdresWereld.Postcode(a.Postcode);
        csv.Tekst(postcodeVorm switch
        {
            "spatie" => postcode[..4] + " " + postcode[4..],
            "klein" => postcode[..4] + " " + postcode[4..].ToLowerInvariant(),
            _ => postcode,
        });
        csv.Geheel(a.Huisnummer);
        csv.Tekst(a.Huisletter == '\0' ? null : a.Huisletter.ToString());
        csv.Tekst(AdresWereld.Toevoeging(a.Toevoeging));
    }

    private string Nummeraanduiding(int adres) => Ids.Bag(p.Wereld.Gemeentecode(adres), "20", p.Wereld.NummeraanduidingSerial(adres));

    private void Bag(CsvOut csv)
    {
        csv.Kop("nummeraanduiding_id", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "verblijfsobject_id",
            "pand_id", "openbare_ruimte", "woonplaats", "gebruiksdoel");
        var wereld = p.Wereld;
        var doelen = new List<string>(3);
        for (var i = 0; i < wereld.Adressen.Count; i++)
        {
            var a = wereld.Adressen[i];
            var gemeente = wereld.Gemeentecode(i);
            csv.Tekst(Nummeraanduiding(i));
            Adres(csv, i, "vast");
            csv.Tekst(Ids.Bag(gemeente, "01", wereld.VerblijfsobjectSerial(i)));
            csv.Tekst(Ids.Bag(gemeente, "10", wereld.PandSerial(a.Pand)));
            csv.Tekst(wereld.Straten[a.Straat]);
            csv.Tekst(wereld.Woonplaats(i));
            doelen.Clear();
            foreach (var (vlag, naam) in Gebruiksdoelen) if (a.Doel.HasFlag(vlag)) doelen.Add(naam);
            csv.Tekst(string.Join('|', doelen));
            csv.Einde();
        }
    }

    private static readonly (Gebruiksdoel, string)[] Gebruiksdoelen =
    [
        (Gebruiksdoel.Woon, "woonfunctie"), (Gebruiksdoel.Bijeenkomst, "bijeenkomstfunctie"), (Gebruiksdoel.Cel, "celfunctie"),
        (Gebruiksdoel.Gezondheidszorg, "gezondheidszorgfunctie"), (Gebruiksdoel.Industrie, "industriefunctie"),
        (Gebruiksdoel.Kantoor, "kantoorfunctie"), (Gebruiksdoel.Logies, "logiesfunctie"), (Gebruiksdoel.Onderwijs, "onderwijsfunctie"),
        (Gebruiksdoel.Sport, "sportfunctie"), (Gebruiksdoel.Winkel, "winkelfunctie"), (Gebruiksdoel.Overig, "overige gebruiksfunctie"),
    ];

    private void Clienten(CsvOut csv, string[] clientIds)
    {
        csv.Kop("client_id", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "adres_sinds", "nummeraanduiding_id");
        for (var i = 0; i < p.Clienten.Count; i++)
        {
            var c = p.Clienten[i];
            var vorm = U(i, 1);
            csv.Tekst(clientIds[i]);
            Adres(csv, c.Adres, vorm < 0.7 ? "vast" : vorm < 0.9 ? "spatie" : "klein");
            csv.Datum(c.AdresSinds);
            csv.Tekst(U(i, 2) < 0.75 ? Nummeraanduiding(c.Adres) : null);
            csv.Einde();
        }
    }

    private void Aanbieders(CsvOut csv)
    {
        csv.Kop("aanbieder_id", "naam", "kvk_nummer", "vestiging_postcode", "vestiging_huisnummer", "vestiging_huisletter",
            "vestiging_toevoeging", "vestiging_nummeraanduiding_id", "kvk_inschrijving", "bestuurder_ids", "rekening_ids");
        foreach (var a in p.Aanbieders.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            csv.Tekst(a.Id);
            csv.Tekst(a.Naam);
            csv.Tekst(a.Kvk);
            Adres(csv, a.Vestiging, U(1_000_000_000L + a.Index, 1) < 0.5 ? "spatie" : "vast");
            csv.Tekst(a.VestigingNadBekend ? Nummeraanduiding(a.Vestiging) : null);
            csv.DatumOfLeeg(a.KvkInschrijving);
            csv.Tekst(string.Join('|', a.Bestuurders));
            csv.Tekst(string.Join('|', a.Rekeningen));
            csv.Einde();
        }
    }

    private void Toewijzingen(CsvOut csv, string[] clientIds)
    {
        csv.Kop("toewijzing_id", "client_id", "aanbieder_id", "productcategorie", "productcode", "leveringsvorm", "toewijzingsdatum",
            "ingangsdatum", "einddatum", "volume", "eenheid", "frequentie", "budget");
        for (var i = 0; i < p.Toewijzingen.Count; i++)
        {
            var t = p.Toewijzingen[i];
            csv.Tekst(ToewijzingId(i));
            csv.Tekst(clientIds[t.Client]);
            csv.Tekst(p.Aanbieders[t.Aanbieder].Id);
            csv.Tekst(t.Categorie);
            if (t.IsPgb)
            {
                csv.Leeg();
                csv.Tekst("PGB");
            }
            else
            {
                csv.Tekst(Producten.Alle[t.Product].Code);
                csv.Tekst("ZIN");
            }
            csv.DatumOfLeeg(U(2_000_000_000L + i, 1) < 0.03 ? -1 : t.Besluit);
            csv.Datum(t.Ingang);
            csv.DatumOfLeeg(t.Eind);
            csv.Honderdsten(t.VolumeH, altijdCenten: false);
            if (t.IsPgb)
            {
                // PGB in the allocations: eurocents per month, the yearly budget in euros.
                csv.Tekst("83");
                csv.Tekst("4");
                csv.Honderdsten(t.VolumeH / 100L * 12, altijdCenten: true);
            }
            else
            {
                csv.Tekst(Producten.Alle[t.Product].Eenheid);
                csv.Tekst(Producten.Alle[t.Product].Frequentie);
                csv.Leeg();
            }
            csv.Einde();
        }
    }

    private void Overeenkomsten(CsvOut csv, string[] clientIds)
    {
        csv.Kop("overeenkomst_id", "client_id", "aanbieder_id", "overeenkomst_type", "rekening_id", "ingangsdatum", "einddatum",
            "uurtarief", "uren_per_week");
        for (var i = 0; i < p.Overeenkomsten.Count; i++)
        {
            var o = p.Overeenkomsten[i];
            var a = p.Aanbieders[o.Aanbieder];
            csv.Tekst(OvereenkomstId(i));
            csv.Tekst(clientIds[o.Client]);
            csv.Tekst(a.Id);
            csv.Tekst(o.Type switch
            {
                OvereenkomstType.Arbeidsovereenkomst => "arbeidsovereenkomst",
                OvereenkomstType.Opdracht => "opdracht",
                OvereenkomstType.Familie => "familie",
                _ => "instelling",
            });
            csv.Tekst(a.Rekeningen.Count > 0 ? a.Rekeningen[0] : null);
            csv.Datum(o.Ingang);
            csv.DatumOfLeeg(o.Eind);
            csv.Honderdsten(o.UurtariefCent, altijdCenten: true);
            csv.Honderdsten(o.UrenH, altijdCenten: false);
            csv.Einde();
        }
    }

    private void Waarheid()
    {
        using var csv = new CsvOut(Path.Combine(uitvoerMap, "truth.csv"), new CsvStijl(';', ',', false, Utf8, "\n"));
        csv.Kop("aanbieder_id", "patronen", "fraude");
        foreach (var a in p.Aanbieders.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            csv.Tekst(a.Id);
            csv.Tekst(Patronen.ToCodes(a.Patronen));
            csv.Geheel(a.IsFraude ? 1 : 0);
            csv.Einde();
        }
    }
}
