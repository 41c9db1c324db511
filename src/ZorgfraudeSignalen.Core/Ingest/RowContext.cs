using System.Text;
using CsvHelper;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>A BSN or another value the pipeline must never store: the whole file is quarantined and not kept.</summary>
internal sealed class PrivacyViolationException(string message) : Exception(message);

/// <summary>
/// The current CSV row seen through one extract type's columns: each rule reads a field, checks it and writes its
/// canonical form into the row buffer, or records why the row is rejected.
/// </summary>
internal sealed class RowContext(string file, ExtractSchema schema, int[] map, List<RowError> errors)
{
    public CsvReader Reader { get; set; } = null!;
    public RowBuffer Out { get; } = new();
    public long Line { get; set; }
    public bool Failed { get; private set; }
    public string File => file;
    /// <summary>A date of the row the snapshot's catalogue entry summarises (declarations: periode_eind), as a day number.</summary>
    public int? Summarised { get; set; }

    public void Begin(long line)
    {
        Line = line;
        Failed = false;
        Summarised = null;
        Out.Reset();
    }

    public ReadOnlySpan<byte> Get(int column)
    {
        var index = map[column];
        return index < 0 || index >= Reader.FieldCount ? default : FieldRules.Trim(Reader.GetSpan(index));
    }

    public void Fail(int column, string reason)
    {
        Failed = true;
        errors.Add(new RowError(file, Line, schema.Columns[column].Name, reason));
    }

    public void FailRow(string reason)
    {
        Failed = true;
        errors.Add(new RowError(file, Line, "(rij)", reason));
    }

    /// <summary>A value for a report: quoted, shortened, and left out when it could be a BSN.</summary>
    public static string Show(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value.Length > 40 ? value[..40] : value);
        if (FieldRules.ContainsBsn(text)) return "(waarde weggelaten: lijkt op een BSN)";
        return "'" + text + (value.Length > 40 ? "…'" : "'");
    }

    // ---- rules: each writes exactly one field (or a fixed group) into Out, even when it fails ----

    public void Text(int column, bool required)
    {
        var v = Get(column);
        if (v.IsEmpty && required) Fail(column, "verplicht veld is leeg");
        if (required) Out.String(v); else Out.NullableString(v);
    }

    /// <summary>A pseudonym of a person (client_id, bestuurder): a valid BSN here quarantines the whole file.</summary>
    public void Pseudonym(int column)
    {
        var v = Get(column);
        GuardBsn(column, v);
        if (v.IsEmpty) Fail(column, "verplicht veld is leeg");
        Out.String(v);
    }

    private void GuardBsn(int column, ReadOnlySpan<byte> v)
    {
        if (FieldRules.IsBsn(v))
            throw new PrivacyViolationException(
                $"Kolom {schema.Columns[column].Name} bevat op regel {Line} een geldig BSN (9 cijfers die de elfproef doorstaan) waar een pseudoniem wordt verwacht. " +
                "De pijplijn slaat nooit een BSN op: het hele bestand is geweigerd en niet bewaard. Lever het extract aan met gepseudonimiseerde id's.");
    }

    /// <summary>A '|'-separated list of ids; <paramref name="persons"/> applies the BSN guard to each.</summary>
    public void IdList(int column, bool persons)
    {
        var v = Get(column);
        var count = 0;
        foreach (var range in v.Split((byte)'|'))
            if (!FieldRules.Trim(v[range]).IsEmpty) count++;
        Out.VarUInt((ulong)count);
        foreach (var range in v.Split((byte)'|'))
        {
            var part = FieldRules.Trim(v[range]);
            if (part.IsEmpty) continue;
            if (persons) GuardBsn(column, part);
            Out.String(part);
        }
    }

    public int? Date(int column, bool required)
    {
        var v = Get(column);
        if (v.IsEmpty)
        {
            if (required) { Fail(column, "verplicht veld is leeg"); Out.Date(0); }
            else Out.NullableDate(null);
            return null;
        }
        if (!FieldRules.TryDate(v, out var day))
        {
            Fail(column, $"geen geldige datum {Show(v)} (verwacht jjjj-mm-dd of dd-mm-jjjj)");
            if (required) Out.Date(0); else Out.NullableDate(null);
            return null;
        }
        if (required) Out.Date(day); else Out.NullableDate(day);
        return day;
    }

    public enum Sign { Any, NotNegative }

    public decimal? Decimal(int column, bool required, Sign sign = Sign.NotNegative, decimal? max = null)
    {
        var v = Get(column);
        if (v.IsEmpty)
        {
            if (required) Fail(column, "verplicht veld is leeg");
            Out.NullDecimal();
            return null;
        }
        if (!FieldRules.TryDecimal(v, out var mantissa, out var scale))
        {
            Fail(column, $"geen geldig getal {Show(v)} (verwacht bijvoorbeeld 1234,56 of 1234.56, zonder duizendtalscheiding)");
            Out.NullDecimal();
            return null;
        }
        if (sign == Sign.NotNegative && mantissa < 0) Fail(column, $"mag niet negatief zijn: {Show(v)}");
        var value = FieldRules.ToDecimal(mantissa, scale);
        if (max is { } m && value > m) Fail(column, $"is groter dan {m}: {Show(v)}");
        Out.Decimal(mantissa, scale);
        return value;
    }

    /// <summary>A code from a fixed list, stored as its index + 1 (0 = empty).</summary>
    public void Code(int column, bool required, CodeList codes)
    {
        var v = Get(column);
        if (v.IsEmpty)
        {
            if (required) Fail(column, "verplicht veld is leeg");
            Out.Byte(0);
            return;
        }
        var index = codes.IndexOf(v);
        if (index < 0) Fail(column, $"onbekende code {Show(v)}: {codes.Description}");
        Out.Byte((byte)(index + 1));
    }

    /// <summary>A BAG identification: exactly 16 digits, kept as a string (leading zeros matter).</summary>
    public void BagId(int column, bool required)
    {
        var v = Get(column);
        if (v.IsEmpty)
        {
            if (required) Fail(column, "verplicht veld is leeg");
        }
        else if (v.Length != 16 || !FieldRules.AllDigits(v))
        {
            Fail(column, $"BAG-identificatie moet uit 16 cijfers bestaan: {Show(v)}");
        }
        Out.NullableString(v);
    }

    public void KvkNummer(int column)
    {
        var v = Get(column);
        if (!v.IsEmpty && (v.Length != 8 || !FieldRules.AllDigits(v)))
            Fail(column, $"KvK-nummer moet uit 8 cijfers bestaan: {Show(v)}");
        Out.NullableString(v);
    }

    public void Productcode(int column)
    {
        var v = Get(column);
        if (!v.IsEmpty)
        {
            var ok = v.Length == 5;
            foreach (var b in v) ok &= FieldRules.IsDigit(b) || FieldRules.IsAsciiLetter(b);
            if (!ok) Fail(column, $"productcode moet uit 5 letters of cijfers bestaan: {Show(v)}");
        }
        Out.NullableString(v);
    }

    /// <summary>
    /// An address: postcode (normalised to 1234AB), huisnummer 1..99999, huisletter (one letter, upper case),
    /// toevoeging (up to 4 letters or digits). Written as a presence byte and the four parts.
    /// Optional addresses (a provider's vestiging) are absent when postcode and huisnummer are both empty.
    /// </summary>
    public void Adres(int postcode, int huisnummer, int huisletter, int toevoeging, bool required)
    {
        var pc = Get(postcode);
        var nr = Get(huisnummer);
        var letter = Get(huisletter);
        var toev = Get(toevoeging);
        if (!required && pc.IsEmpty && nr.IsEmpty)
        {
            if (!letter.IsEmpty) Fail(huisletter, "huisletter zonder postcode en huisnummer");
            if (!toev.IsEmpty) Fail(toevoeging, "toevoeging zonder postcode en huisnummer");
            Out.Byte(0);
            return;
        }
        Out.Byte(1);

        Span<byte> normalised = stackalloc byte[6];
        if (pc.IsEmpty) { Fail(postcode, "verplicht veld is leeg"); normalised.Clear(); }
        else if (!FieldRules.TryPostcode(pc, normalised)) { Fail(postcode, $"postcode moet de vorm 1234AB of 1234 AB hebben: {Show(pc)}"); normalised.Clear(); }
        Out.String(normalised);

        var number = 0;
        if (nr.IsEmpty) Fail(huisnummer, "verplicht veld is leeg");
        else if (nr.Length > 5 || !FieldRules.AllDigits(nr) || (number = int.Parse(nr)) is < 1 or > 99999)
            Fail(huisnummer, $"huisnummer moet een geheel getal van 1 tot en met 99999 zijn: {Show(nr)}");
        Out.VarUInt((ulong)number);

        if (letter.IsEmpty) Out.NullableString(default);
        else if (letter.Length != 1 || !FieldRules.IsAsciiLetter(letter[0])) { Fail(huisletter, $"huisletter moet één letter zijn: {Show(letter)}"); Out.NullableString(default); }
        else Out.NullableString([(byte)(letter[0] & ~0x20)]);

        var toevOk = toev.Length <= 4;
        foreach (var b in toev) toevOk &= FieldRules.IsDigit(b) || FieldRules.IsAsciiLetter(b);
        if (!toevOk) Fail(toevoeging, $"huisnummertoevoeging mag hoogstens 4 letters of cijfers hebben: {Show(toev)}");
        Out.NullableString(toev);
    }
}

/// <summary>A fixed list of codes (iWmo productcategorie, eenheid, ...), matched ignoring ASCII case.</summary>
internal sealed class CodeList(string description, params string[] codes)
{
    private readonly byte[][] _utf8 = [.. codes.Select(Encoding.UTF8.GetBytes)];
    public string Description => description;
    public IReadOnlyList<string> Codes => codes;

    public int IndexOf(ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < _utf8.Length; i++)
            if (System.Text.Ascii.EqualsIgnoreCase(value, _utf8[i])) return i;
        return -1;
    }

    public string? FromByte(byte b) => b == 0 ? null : codes[b - 1];
}
