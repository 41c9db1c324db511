using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Addresses;

/// <summary>
/// A Dutch address in canonical form: postcode <c>1234AB</c>, huisnummer, huisletter (one upper-case letter) and
/// huisnummertoevoeging (upper-case letters and digits, separators removed). <see cref="Sleutel"/> is injective:
/// two different canonical addresses never share a key.
/// </summary>
public readonly record struct GenormaliseerdAdres(string Postcode, int Huisnummer, string? Huisletter, string? Toevoeging)
{
    /// <summary><c>1234AB-12</c>, <c>1234AB-12A</c>, <c>1234AB-12-2</c>, <c>1234AB-12A-2</c>.</summary>
    public string Sleutel => Toevoeging is null
        ? $"{Postcode}-{Huisnummer.ToString(CultureInfo.InvariantCulture)}{Huisletter}"
        : $"{Postcode}-{Huisnummer.ToString(CultureInfo.InvariantCulture)}{Huisletter}-{Toevoeging}";

    /// <summary>The building key without BAG: postcode + huisnummer (+ huisletter), e.g. <c>1234AB-12A</c>.</summary>
    public string TerugvalPandSleutel => $"{Postcode}-{Huisnummer.ToString(CultureInfo.InvariantCulture)}{Huisletter}";

    public Adres ToAdres() => new(Postcode, Huisnummer, Huisletter, Toevoeging);

    public override string ToString() => Sleutel;
}

/// <summary>
/// Normalisation of Dutch addresses as back offices write them. Idempotent, and conservative: forms that could denote
/// different dwellings (<c>12A</c> with huisletter A and <c>12-A</c> with toevoeging A; <c>12-III</c> and <c>12-3</c>)
/// stay different. Equivalences that are only probable (<c>hs</c> for <c>H</c>, Roman for Arabic floor numbers) are
/// not part of the key; <see cref="Aliassen"/> offers them for a BAG lookup that found nothing exact.
/// </summary>
public static class AdresNormalisatie
{
    public const int MaxHuisnummer = 99999;

    /// <summary>Normalises a postcode (<c>1234AB</c>, <c>1234 ab</c>, <c> 1234-ab </c>) or returns false.</summary>
    public static bool TryNormaliseerPostcode(string? postcode, [NotNullWhen(true)] out string? genormaliseerd)
    {
        genormaliseerd = null;
        if (postcode is null) return false;
        if (IsCanonicalPostcode(postcode)) { genormaliseerd = postcode; return true; }   // the common case: no allocation
        Span<char> buffer = stackalloc char[6];
        var n = 0;
        foreach (var ch in postcode)
        {
            if (ch is ' ' or '-' or '\t' or '\u00A0') continue;
            if (n == 6) return false;
            buffer[n++] = char.ToUpperInvariant(ch);
        }
        if (n != 6) return false;
        if (buffer[0] is < '1' or > '9') return false;
        for (var i = 1; i < 4; i++) if (buffer[i] is < '0' or > '9') return false;
        for (var i = 4; i < 6; i++) if (buffer[i] is < 'A' or > 'Z') return false;
        genormaliseerd = new string(buffer);
        return true;
    }

    private static bool IsCanonicalPostcode(string s) =>
        s.Length == 6 && s[0] is >= '1' and <= '9' && s[1] is >= '0' and <= '9' && s[2] is >= '0' and <= '9' && s[3] is >= '0' and <= '9'
        && s[4] is >= 'A' and <= 'Z' && s[5] is >= 'A' and <= 'Z';

    /// <summary>Huisletter: one letter, upper case; empty → null. False for anything else.</summary>
    public static bool TryNormaliseerHuisletter(string? huisletter, out string? genormaliseerd)
    {
        genormaliseerd = null;
        if (string.IsNullOrWhiteSpace(huisletter)) return true;
        if (huisletter.Length == 1 && huisletter[0] is >= 'A' and <= 'Z') { genormaliseerd = huisletter; return true; }
        var t = huisletter.Trim();
        if (t.Length != 1 || !IsAsciiLetter(t[0])) return false;
        genormaliseerd = char.ToUpperInvariant(t[0]) switch { var c => LetterStrings[c - 'A'] };
        return true;
    }

    /// <summary>Huisnummertoevoeging: letters and digits upper case, separators (space, '-', '/', '.', '_') dropped; empty → null.</summary>
    public static bool TryNormaliseerToevoeging(string? toevoeging, out string? genormaliseerd)
    {
        genormaliseerd = null;
        if (string.IsNullOrWhiteSpace(toevoeging)) return true;
        var canonical = true;
        foreach (var ch in toevoeging) canonical &= ch is >= 'A' and <= 'Z' or >= '0' and <= '9';
        if (canonical) { genormaliseerd = toevoeging; return true; }
        var sb = new StringBuilder(toevoeging.Length);
        foreach (var ch in toevoeging)
        {
            if (IsSeparator(ch)) continue;
            if (IsAsciiLetter(ch)) sb.Append(char.ToUpperInvariant(ch));
            else if (ch is >= '0' and <= '9') sb.Append(ch);
            else return false;
        }
        genormaliseerd = sb.Length == 0 ? null : sb.ToString();
        return true;
    }

    /// <summary>Normalises a structured address (as in the extracts) or explains why it cannot.</summary>
    public static bool TryNormaliseer(Adres adres, out GenormaliseerdAdres resultaat, [NotNullWhen(false)] out string? fout) =>
        TryNormaliseer(adres.Postcode, adres.Huisnummer, adres.Huisletter, adres.Toevoeging, out resultaat, out fout);

    public static bool TryNormaliseer(string? postcode, int huisnummer, string? huisletter, string? toevoeging,
        out GenormaliseerdAdres resultaat, [NotNullWhen(false)] out string? fout)
    {
        resultaat = default;
        if (!TryNormaliseerPostcode(postcode, out var pc)) { fout = $"postcode '{postcode}' is geen Nederlandse postcode (1234AB)"; return false; }
        if (huisnummer is < 1 or > MaxHuisnummer) { fout = $"huisnummer {huisnummer} ligt niet tussen 1 en {MaxHuisnummer}"; return false; }
        if (!TryNormaliseerToevoeging(toevoeging, out var tv)) { fout = $"huisnummertoevoeging '{toevoeging}' bevat andere tekens dan letters en cijfers"; return false; }
        if (!TryNormaliseerHuisletter(huisletter, out var hl))
        {
            // A back office that put "A2" or "a-2" in the huisletter field: a leading letter with the rest as toevoeging.
            var t = huisletter!.Trim();
            if (tv is null && t.Length > 1 && IsAsciiLetter(t[0]) && !IsAsciiLetter(t[1])
                && TryNormaliseerToevoeging(t[1..], out var rest) && rest is not null)
            {
                hl = LetterStrings[char.ToUpperInvariant(t[0]) - 'A'];
                tv = rest;
            }
            else { fout = $"huisletter '{huisletter}' is geen enkele letter"; return false; }
        }
        resultaat = new GenormaliseerdAdres(pc, huisnummer, hl, tv);
        fout = null;
        return true;
    }

    public static GenormaliseerdAdres Normaliseer(Adres adres) =>
        TryNormaliseer(adres, out var r, out var fout) ? r : throw new FormatException($"Adres {adres}: {fout}.");

    /// <summary>
    /// Parses a house number as written in one field: <c>12</c>, <c>12A</c>, <c>12-2</c>, <c>12 bis</c>, <c>12 hs</c>,
    /// <c>12-III</c>, <c>12 a 2</c>, <c>12a-2</c>. One letter written against the number or after a space is the huisletter;
    /// whatever follows a separator ('-', '/', '.', '_') or is longer than one letter is the toevoeging.
    /// </summary>
    public static bool TryParseHuisnummer(string? tekst, out int huisnummer, out string? huisletter, out string? toevoeging)
    {
        huisnummer = 0; huisletter = null; toevoeging = null;
        if (tekst is null) return false;
        var s = tekst.Trim();
        var i = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9') i++;
        if (i == 0 || i > 5 || !int.TryParse(s.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out huisnummer) || huisnummer < 1)
            return false;
        var rest = s[i..];
        var trimmed = rest.TrimStart(' ');
        if (trimmed.Length == 0) return true;
        if (IsSeparator(trimmed[0]) && trimmed[0] != ' ')
            return TryNormaliseerToevoeging(trimmed, out toevoeging) && toevoeging is not null;
        if (IsAsciiLetter(trimmed[0]) && (trimmed.Length == 1 || !IsAsciiLetter(trimmed[1])))
        {
            huisletter = LetterStrings[char.ToUpperInvariant(trimmed[0]) - 'A'];
            return TryNormaliseerToevoeging(trimmed[1..], out toevoeging);
        }
        return TryNormaliseerToevoeging(trimmed, out toevoeging) && toevoeging is not null;
    }

    /// <summary>Postcode and a one-field house number (see <see cref="TryParseHuisnummer"/>) into a canonical address.</summary>
    public static bool TryParse(string? postcode, string? huisnummerTekst, out GenormaliseerdAdres resultaat, [NotNullWhen(false)] out string? fout)
    {
        resultaat = default;
        if (!TryParseHuisnummer(huisnummerTekst, out var nr, out var hl, out var tv))
        {
            fout = $"huisnummer '{huisnummerTekst}' is niet te lezen";
            return false;
        }
        return TryNormaliseer(postcode, nr, hl, tv, out resultaat, out fout);
    }

    /// <summary>Parses a key made by <see cref="GenormaliseerdAdres.Sleutel"/>.</summary>
    public static bool TryParseSleutel(string? sleutel, out GenormaliseerdAdres resultaat)
    {
        resultaat = default;
        if (sleutel is null || sleutel.Length < 8 || sleutel[6] != '-') return false;
        var rest = sleutel[7..];
        var dash = rest.IndexOf('-');
        var nummerDeel = dash < 0 ? rest : rest[..dash];
        if (dash >= 0 && dash == rest.Length - 1) return false;
        if (!TryParseHuisnummer(nummerDeel, out var nr, out var hl, out var tvInNummer) || tvInNummer is not null) return false;
        if (!TryNormaliseer(sleutel[..6], nr, hl, dash < 0 ? null : rest[(dash + 1)..], out resultaat, out _)) return false;
        return resultaat.Sleutel == sleutel;
    }

    /// <summary>
    /// Probable equivalents of a toevoeging, for a BAG lookup that found no exact match: <c>HS</c>/<c>HUIS</c> ↔ <c>H</c>,
    /// Roman ↔ Arabic floor numbers (<c>III</c> ↔ <c>3</c>), <c>BIS</c>/<c>B</c>. Never used to build a key.
    /// </summary>
    public static IEnumerable<string?> Aliassen(string? toevoeging)
    {
        switch (toevoeging)
        {
            case "HS" or "HUIS": yield return "H"; yield break;
            case "H": yield return "HS"; yield break;
            case "BIS": yield return "B"; yield break;
            case null: yield break;
        }
        var roman = Array.IndexOf(Romeins, toevoeging);
        if (roman > 0) { yield return roman.ToString(CultureInfo.InvariantCulture); yield break; }
        if (int.TryParse(toevoeging, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 11
            && toevoeging.Length == (n < 10 ? 1 : 2))
            yield return Romeins[n];
    }

    private static readonly string[] Romeins = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    private static readonly string[] LetterStrings = Enumerable.Range(0, 26).Select(i => ((char)('A' + i)).ToString()).ToArray();

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
    private static bool IsSeparator(char c) => c is ' ' or '-' or '/' or '.' or '_' or '\t';
}
