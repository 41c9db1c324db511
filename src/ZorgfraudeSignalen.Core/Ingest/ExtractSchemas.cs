using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>A column of an extract layout; <see cref="Required"/> = the file is quarantined when the header lacks it.</summary>
internal sealed record ColumnSpec(string Name, bool Required);

/// <summary>
/// One layout of one extract type: its columns, the rules that check a row and write its canonical form, and the
/// reader that turns the canonical form back into the record of <see cref="Extracts"/>.
/// </summary>
internal sealed record ExtractSchema(
    ExtractType Type,
    string Layout,
    byte LayoutId,
    ColumnSpec[] Columns,
    Action<RowContext> Write,
    Func<SnapshotReader, object> Reader,
    IReadOnlySet<string>? AlsoKnown = null);

/// <summary>The contract's layouts (shared/spec/extracts.md), plus NLExtract's 'bagadresplus' for BAG addresses.</summary>
internal static class ExtractSchemas
{
    public static readonly CodeList Productcategorie = new("verwacht een iWmo-productcategorie 01 tot en met 18",
        "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18");
    public static readonly CodeList Eenheid = new("verwacht een iWmo-eenheid: 01 (minuut), 04 (uur), 14 (etmaal), 16 (dagdeel), 82 (stuks output), 83 (euro), 84 (stuks inspanning)",
        "01", "04", "14", "16", "82", "83", "84");
    public static readonly CodeList Frequentie = new("verwacht een iWmo-frequentie: 1 (per dag), 2 (per week), 4 (per maand), 6 (totaal binnen geldigheidsduur)",
        "1", "2", "4", "6");
    public static readonly CodeList Leveringsvorm = new("verwacht ZIN of PGB", "ZIN", "PGB");
    public static readonly CodeList OvereenkomstType = new("verwacht arbeidsovereenkomst, opdracht, familie of instelling",
        "arbeidsovereenkomst", "opdracht", "familie", "instelling");
    public static readonly CodeList Gebruiksdoel = new("verwacht BAG-gebruiksdoelen gescheiden door |: woonfunctie, bijeenkomstfunctie, celfunctie, gezondheidszorgfunctie, industriefunctie, kantoorfunctie, logiesfunctie, onderwijsfunctie, sportfunctie, winkelfunctie, overige gebruiksfunctie",
        "woonfunctie", "bijeenkomstfunctie", "celfunctie", "gezondheidszorgfunctie", "industriefunctie", "kantoorfunctie",
        "logiesfunctie", "onderwijsfunctie", "sportfunctie", "winkelfunctie", "overige gebruiksfunctie");

    private static ColumnSpec R(string name) => new(name, true);
    private static ColumnSpec O(string name) => new(name, false);

    // ---------------- clienten ----------------
    public static readonly ExtractSchema Clienten = new(ExtractType.Clienten, "contract", 0,
        [R("client_id"), R("postcode"), R("huisnummer"), O("huisletter"), O("huisnummertoevoeging"), R("adres_sinds"), O("nummeraanduiding_id")],
        row =>
        {
            row.Pseudonym(0);
            row.Adres(1, 2, 3, 4, required: true);
            row.Date(5, required: true);
            row.BagId(6, required: false);
        },
        r => new Client(r.String(), ReadAdres(r)!, r.Date(), r.NullableString()));

    // ---------------- aanbieders ----------------
    public static readonly ExtractSchema Aanbieders = new(ExtractType.Aanbieders, "contract", 0,
        [R("aanbieder_id"), R("naam"), O("kvk_nummer"), O("vestiging_postcode"), O("vestiging_huisnummer"), O("vestiging_huisletter"),
         O("vestiging_toevoeging"), O("vestiging_nummeraanduiding_id"), O("kvk_inschrijving"), O("bestuurder_ids"), O("rekening_ids")],
        row =>
        {
            row.Text(0, required: true);
            row.Text(1, required: true);
            row.KvkNummer(2);
            row.Adres(3, 4, 5, 6, required: false);
            row.BagId(7, required: false);
            row.Date(8, required: false);
            row.IdList(9, persons: true);
            row.IdList(10, persons: false);
        },
        r => new Aanbieder(r.String(), r.String(), r.NullableString(), ReadAdres(r), r.NullableString(), r.NullableDate(), ReadList(r), ReadList(r)));

    // ---------------- toewijzingen ----------------
    public static readonly ExtractSchema Toewijzingen = new(ExtractType.Toewijzingen, "contract", 0,
        [R("toewijzing_id"), R("client_id"), R("aanbieder_id"), R("productcategorie"), O("productcode"), R("leveringsvorm"),
         O("toewijzingsdatum"), R("ingangsdatum"), O("einddatum"), R("volume"), R("eenheid"), R("frequentie"), O("budget")],
        row =>
        {
            row.Text(0, required: true);
            row.Pseudonym(1);
            row.Text(2, required: true);
            row.Code(3, required: true, Productcategorie);
            row.Productcode(4);
            row.Code(5, required: true, Leveringsvorm);
            row.Date(6, required: false);
            var start = row.Date(7, required: true);
            var end = row.Date(8, required: false);
            if (start is { } s && end is { } e && e < s) row.Fail(8, "einddatum ligt voor de ingangsdatum");
            row.Decimal(9, required: true);
            row.Code(10, required: true, Eenheid);
            row.Code(11, required: true, Frequentie);
            row.Decimal(12, required: false);
        },
        r => new Toewijzing(r.String(), r.PooledString(0), r.PooledString(1), Productcategorie.FromByte(r.Byte())!, r.NullableString(),
            (Leveringsvorm)(r.Byte() - 1), r.NullableDate(), r.Date(), r.NullableDate(), r.Decimal(),
            Eenheid.FromByte(r.Byte())!, Frequentie.FromByte(r.Byte())!, r.NullableDecimal()));

    // ---------------- pgb_overeenkomsten ----------------
    public static readonly ExtractSchema PgbOvereenkomsten = new(ExtractType.PgbOvereenkomsten, "contract", 0,
        [R("overeenkomst_id"), R("client_id"), R("aanbieder_id"), R("overeenkomst_type"), O("rekening_id"), R("ingangsdatum"),
         O("einddatum"), R("uurtarief"), R("uren_per_week")],
        row =>
        {
            row.Text(0, required: true);
            row.Pseudonym(1);
            row.Text(2, required: true);
            row.Code(3, required: true, OvereenkomstType);
            row.Text(4, required: false);
            var start = row.Date(5, required: true);
            var end = row.Date(6, required: false);
            if (start is { } s && end is { } e && e < s) row.Fail(6, "einddatum ligt voor de ingangsdatum");
            row.Decimal(7, required: true);
            row.Decimal(8, required: true, max: 168m);
        },
        r => new PgbOvereenkomst(r.String(), r.PooledString(0), r.PooledString(1), (OvereenkomstType)(r.Byte() - 1), r.NullableString(),
            r.Date(), r.NullableDate(), r.Decimal(), r.Decimal()));

    // ---------------- declaraties ----------------
    public static readonly ExtractSchema Declaraties = new(ExtractType.Declaraties, "contract", 0,
        [R("declaratie_id"), R("client_id"), R("aanbieder_id"), O("toewijzing_id"), R("periode_start"), R("periode_eind"),
         O("productcategorie"), R("volume"), R("eenheid"), O("tarief"), R("bedrag")],
        row =>
        {
            row.Text(0, required: true);
            row.Pseudonym(1);
            row.Text(2, required: true);
            row.Text(3, required: false);
            var start = row.Date(4, required: true);
            var end = row.Date(5, required: true);
            row.Summarised = end;
            if (start is { } s && end is { } e)
            {
                if (e < s) row.Fail(5, "periode_eind ligt voor periode_start");
                else if (DateOnly.FromDayNumber(s) is var ds && DateOnly.FromDayNumber(e) is var de && (ds.Year != de.Year || ds.Month != de.Month))
                    row.Fail(5, "een declaratieperiode is een kalendermaand of een deel daarvan; periode_start en periode_eind liggen in verschillende maanden");
            }
            row.Code(6, required: false, Productcategorie);
            row.Decimal(7, required: true, RowContext.Sign.Any);
            row.Code(8, required: true, Eenheid);
            row.Decimal(9, required: false);
            row.Decimal(10, required: true, RowContext.Sign.Any);
        },
        r => new Declaratie(r.String(), r.PooledString(0), r.PooledString(1), r.NullablePooledString(2), r.Date(), r.Date(),
            Productcategorie.FromByte(r.Byte()), r.Decimal(), Eenheid.FromByte(r.Byte())!, r.NullableDecimal(), r.Decimal()));

    // ---------------- bag_adressen: the contract's layout ----------------
    public static readonly ExtractSchema BagAdressen = new(ExtractType.BagAdressen, "contract", 0,
        [R("nummeraanduiding_id"), R("postcode"), R("huisnummer"), O("huisletter"), O("huisnummertoevoeging"), R("verblijfsobject_id"),
         R("pand_id"), O("openbare_ruimte"), O("woonplaats"), O("gebruiksdoel")],
        row =>
        {
            row.BagId(0, required: true);
            row.Adres(1, 2, 3, 4, required: true);
            row.BagId(5, required: true);
            row.BagId(6, required: true);
            row.Text(7, required: false);
            row.Text(8, required: false);
            var v = row.Get(9);
            ushort mask = 0;
            foreach (var range in v.Split((byte)'|'))
            {
                var part = FieldRules.Trim(v[range]);
                if (part.IsEmpty) continue;
                var index = Gebruiksdoel.IndexOf(part);
                if (index < 0) row.Fail(9, $"onbekend gebruiksdoel {RowContext.Show(part)}: {Gebruiksdoel.Description}");
                else mask |= (ushort)(1 << index);
            }
            row.Out.VarUInt(mask);
        },
        ReadBag);

    // ---------------- bag_adressen: NLExtract 'bagadresplus' ----------------
    // Column indexes 0..8 as the contract's layout reads them, then the type of the adresseerbaar object, then the
    // eleven 0/1 gebruiksdoel flags in the order of Gebruiksdoel.
    private static readonly string[] FlagColumns =
        ["woonfunctie", "bijeenkomstfunctie", "celfunctie", "gezondheidszorgfunctie", "industriefunctie", "kantoorfunctie",
         "logiesfunctie", "onderwijsfunctie", "sportfunctie", "winkelfunctie", "overige_gebruiksfunctie"];

    public static readonly ExtractSchema BagAdresPlus = new(ExtractType.BagAdressen, "nlextract-bagadresplus", 1,
        [R("nummeraanduiding_id"), R("postcode"), R("huisnummer"), R("huisletter"), R("huisnummertoevoeging"), R("adresseerbaarobject_id"),
         R("pand_id"), R("openbareruimtenaam"), R("woonplaats"), R("typeadresseerbaarobject"), .. FlagColumns.Select(R)],
        row =>
        {
            row.BagId(0, required: true);
            row.Adres(1, 2, 3, 4, required: true);
            row.BagId(5, required: true);
            var kind = row.Get(9);
            var isVerblijfsobject = System.Text.Ascii.EqualsIgnoreCase(kind, "Verblijfsobject"u8);
            if (!isVerblijfsobject && !System.Text.Ascii.EqualsIgnoreCase(kind, "Ligplaats"u8) && !System.Text.Ascii.EqualsIgnoreCase(kind, "Standplaats"u8))
                row.Fail(9, $"onbekend type adresseerbaar object {RowContext.Show(kind)}: verwacht Verblijfsobject, Ligplaats of Standplaats");
            // A ligplaats or standplaats belongs to no building: its pand_id is empty and stays null.
            row.BagId(6, required: isVerblijfsobject);
            row.Text(7, required: false);
            row.Text(8, required: false);
            ushort mask = 0;
            for (var i = 0; i < FlagColumns.Length; i++)
            {
                var flag = row.Get(10 + i);
                if (flag.SequenceEqual("1"u8)) mask |= (ushort)(1 << i);
                else if (!flag.IsEmpty && !flag.SequenceEqual("0"u8)) row.Fail(10 + i, $"gebruiksdoelvlag moet 0, 1 of leeg zijn: {RowContext.Show(flag)}");
            }
            row.Out.VarUInt(mask);
        },
        ReadBag,
        AlsoKnown: new HashSet<string>(
            ["verkorteopenbareruimtenaam", "openbareruimte_id", "woonplaatscode", "gemeente", "gemeentecode", "provincienaam", "provinciecode",
             "nevenadres", "adresseerbaarobject_status", "opp_adresseerbaarobject_m2", "aantal_nad_per_adresobject", "x", "y", "lon", "lat",
             "aantal_pand_relaties_dit_vbo", "aantal_vbo_relaties_dit_pnd", "vbo_pnd_1_op_1", "opp_pand", "woningtype", "omtrek_pand",
             "verhouding_opp_vbo_opp_pnd", "pandstatus", "bouwjaar", "uniq_key", "pchnhlht", "pchnhlht_uniek", "pchn_uniek", "rangorde_pchn"],
            StringComparer.OrdinalIgnoreCase));

    private static object ReadBag(SnapshotReader r)
    {
        var nummeraanduiding = r.NullableString()!;
        var adres = ReadAdres(r)!;
        var vbo = r.NullableString()!;
        var pand = r.NullableString();
        var straat = r.NullableString();
        var woonplaats = r.NullableString();
        var mask = (int)r.VarUInt();
        var doelen = new List<string>(1);
        for (var i = 0; i < Gebruiksdoel.Codes.Count; i++)
            if ((mask & (1 << i)) != 0) doelen.Add(Gebruiksdoel.Codes[i]);
        return new BagAdres(nummeraanduiding, adres, vbo, pand, straat, woonplaats, doelen);
    }

    private static Adres? ReadAdres(SnapshotReader r)
    {
        if (r.Byte() == 0) return null;
        return new Adres(r.String(), (int)r.VarUInt(), r.NullableString(), r.NullableString());
    }

    private static IReadOnlyList<string> ReadList(SnapshotReader r)
    {
        var n = (int)r.VarUInt();
        if (n == 0) return [];
        var list = new string[n];
        for (var i = 0; i < n; i++) list[i] = r.String();
        return list;
    }

    /// <summary>The contract's layout of a type (what snapshots of it are read with; the BAG layouts share one form).</summary>
    public static ExtractSchema For(ExtractType type) => type switch
    {
        ExtractType.Clienten => Clienten,
        ExtractType.Aanbieders => Aanbieders,
        ExtractType.Toewijzingen => Toewijzingen,
        ExtractType.PgbOvereenkomsten => PgbOvereenkomsten,
        ExtractType.Declaraties => Declaraties,
        ExtractType.BagAdressen => BagAdressen,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The layout a header belongs to: NLExtract's when a BAG header has its columns, else the contract's.</summary>
    public static ExtractSchema ForHeader(ExtractType type, IReadOnlyList<string> header)
    {
        if (type == ExtractType.BagAdressen)
        {
            var names = new HashSet<string>(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
            if (names.Contains("adresseerbaarobject_id") && names.Contains("typeadresseerbaarobject") && !names.Contains("verblijfsobject_id"))
                return BagAdresPlus;
        }
        return For(type);
    }
}
