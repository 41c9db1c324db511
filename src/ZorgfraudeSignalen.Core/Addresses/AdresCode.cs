namespace ZorgfraudeSignalen.Core.Addresses;

/// <summary>
/// Compact numeric keys for hot loops at national scale: a postcode as an int below 6,084,000 and postcode + huisnummer
/// + huisletter as a long, so that dictionaries over millions of addresses need no string keys.
/// </summary>
public static class AdresCode
{
    /// <summary>Number of distinct postcode codes (9000 × 26 × 26).</summary>
    public const int PostcodeCodes = 9000 * 676;

    /// <summary>The code of a canonical postcode (<c>1234AB</c>).</summary>
    public static int Postcode(string postcode) =>
        ((postcode[0] - '0') * 1000 + (postcode[1] - '0') * 100 + (postcode[2] - '0') * 10 + (postcode[3] - '0') - 1000) * 676
        + (postcode[4] - 'A') * 26 + (postcode[5] - 'A');

    public static string PostcodeTekst(int code)
    {
        var cijfers = code / 676 + 1000;
        var letters = code % 676;
        return string.Create(6, (cijfers, letters), static (span, s) =>
        {
            s.cijfers.TryFormat(span, out _, default, System.Globalization.CultureInfo.InvariantCulture);
            span[4] = (char)('A' + s.letters / 26);
            span[5] = (char)('A' + s.letters % 26);
        });
    }

    /// <summary>Postcode + huisnummer + huisletter: the fallback building, and the BAG lookup key before the toevoeging.</summary>
    public static long Gebouw(int postcodeCode, int huisnummer, string? huisletter) =>
        ((long)postcodeCode * 100_000 + huisnummer) * 27 + (huisletter is null ? 0 : huisletter[0] - 'A' + 1);

    public static long Gebouw(GenormaliseerdAdres a) => Gebouw(Postcode(a.Postcode), a.Huisnummer, a.Huisletter);

    /// <summary>The fallback building key text of a <see cref="Gebouw(int,int,string?)"/> code: <c>1234AB-12A</c>.</summary>
    public static string GebouwTekst(long code)
    {
        var letter = (int)(code % 27);
        var rest = code / 27;
        var nummer = (int)(rest % 100_000);
        var pc = (int)(rest / 100_000);
        return letter == 0
            ? $"{PostcodeTekst(pc)}-{nummer}"
            : $"{PostcodeTekst(pc)}-{nummer}{(char)('A' + letter - 1)}";
    }

    public static int PostcodeVanGebouw(long code) => (int)(code / 27 / 100_000);
}
