namespace ZorgfraudeSignalen.Generator;

/// <summary>Identifiers in the shapes the back office, the KvK and the BAG use.</summary>
internal static class Ids
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>
    /// A pseudonym: a letter and 13 base32 characters of a keyed 64-bit bijection of <paramref name="index"/>. Unique for
    /// distinct indexes, never all digits, so it can never be mistaken for (or pass as) a BSN.
    /// </summary>
    public static string Pseudonym(char prefix, ulong key, long index)
    {
        // Mix is a bijection on 64 bits, and so is XOR with a key: distinct indexes give distinct pseudonyms.
        var value = Hash.Mix((ulong)index ^ key);
        Span<char> chars = stackalloc char[14];
        chars[0] = prefix;
        for (var i = 13; i >= 1; i--)
        {
            chars[i] = Base32Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }

    /// <summary>The BSN elfproef: 9 digits, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11.</summary>
    public static bool PassesElfproef(string value)
    {
        if (value.Length != 9) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9') return false;
            var digit = c - '0';
            sum += i < 8 ? (9 - i) * digit : -digit;
        }
        return sum % 11 == 0 && sum != 0;
    }

    /// <summary>
    /// A 16-digit BAG identification: 4-digit gemeentecode, 2-digit object type (01 verblijfsobject, 10 pand,
    /// 20 nummeraanduiding) and a 10-digit serial number.
    /// </summary>
    public static string Bag(string gemeentecode, string objecttype, long serial) => gemeentecode + objecttype + serial.ToString("D10");
}
