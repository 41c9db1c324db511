namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// The value rules of the contract on UTF-8 field bytes, without allocating: the hot path of a national
/// declaraties extract calls these some hundred million times.
/// </summary>
internal static class FieldRules
{
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && s[start] is (byte)' ' or (byte)'\t') start++;
        while (end > start && s[end - 1] is (byte)' ' or (byte)'\t') end--;
        return s[start..end];
    }

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    public static bool IsAsciiLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    public static bool AllDigits(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        foreach (var b in s) if (!IsDigit(b)) return false;
        return true;
    }

    /// <summary>A date as <c>yyyy-MM-dd</c> or <c>dd-MM-yyyy</c>, years 1900..2099, as <see cref="DateOnly.DayNumber"/>.</summary>
    public static bool TryDate(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        if (s.Length != 10) return false;
        int y, m, d;
        if (s[4] == '-' && s[7] == '-')
        {
            if (!TryDigits(s[..4], out y) || !TryDigits(s.Slice(5, 2), out m) || !TryDigits(s.Slice(8, 2), out d)) return false;
        }
        else if (s[2] == '-' && s[5] == '-')
        {
            if (!TryDigits(s[..2], out d) || !TryDigits(s.Slice(3, 2), out m) || !TryDigits(s.Slice(6, 4), out y)) return false;
        }
        else return false;
        if (y is < 1900 or > 2099 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        dayNumber = new DateOnly(y, m, d).DayNumber;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (!IsDigit(b)) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    /// <summary>
    /// A decimal as <c>1234.56</c> or <c>1234,56</c>: optional '-', digits, at most one decimal separator followed by
    /// digits; no '+', no thousands separators, no exponent. Gives the unscaled value and the number of decimals.
    /// </summary>
    public static bool TryDecimal(ReadOnlySpan<byte> s, out long mantissa, out byte scale)
    {
        mantissa = 0;
        scale = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && s[0] == '-') { negative = true; i = 1; }
        var digits = 0;
        var seenSeparator = false;
        ulong value = 0;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (IsDigit(b))
            {
                if (value > (ulong.MaxValue - 9) / 10 || ++digits > 18) return false;
                value = value * 10 + (ulong)(b - '0');
                if (seenSeparator) scale++;
            }
            else if ((b == '.' || b == ',') && !seenSeparator && digits > 0)
            {
                seenSeparator = true;
            }
            else return false;
        }
        if (digits == 0 || (seenSeparator && scale == 0)) return false;
        mantissa = negative ? -(long)value : (long)value;
        return true;
    }

    public static decimal ToDecimal(long mantissa, byte scale) =>
        new((int)((ulong)Math.Abs(mantissa) & 0xFFFFFFFF), (int)((ulong)Math.Abs(mantissa) >> 32), 0, mantissa < 0, scale);

    /// <summary>A Dutch postcode <c>1234AB</c> or <c>1234 ab</c>, written into <paramref name="normalised"/> as <c>1234AB</c>.</summary>
    public static bool TryPostcode(ReadOnlySpan<byte> s, Span<byte> normalised)
    {
        if (s.Length == 7 && s[4] == ' ') { Span<byte> t = stackalloc byte[6]; s[..4].CopyTo(t); s[5..].CopyTo(t[4..]); return TryPostcode(t, normalised); }
        if (s.Length != 6) return false;
        if (s[0] is < (byte)'1' or > (byte)'9' || !IsDigit(s[1]) || !IsDigit(s[2]) || !IsDigit(s[3])) return false;
        if (!IsAsciiLetter(s[4]) || !IsAsciiLetter(s[5])) return false;
        s[..4].CopyTo(normalised);
        normalised[4] = (byte)(s[4] & ~0x20);
        normalised[5] = (byte)(s[5] & ~0x20);
        return true;
    }

    /// <summary>
    /// Whether a value is a BSN: exactly nine digits passing the elfproef
    /// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11), and not all zeros.
    /// </summary>
    public static bool IsBsn(ReadOnlySpan<byte> s)
    {
        if (s.Length != 9) return false;
        var sum = 0;
        var nonZero = false;
        for (var i = 0; i < 9; i++)
        {
            if (!IsDigit(s[i])) return false;
            var d = s[i] - '0';
            nonZero |= d != 0;
            sum += i < 8 ? d * (9 - i) : -d;
        }
        return nonZero && sum % 11 == 0;
    }

    public static bool IsBsn(ReadOnlySpan<char> s)
    {
        if (s.Length != 9) return false;
        Span<byte> b = stackalloc byte[9];
        for (var i = 0; i < 9; i++) { if (s[i] > 127) return false; b[i] = (byte)s[i]; }
        return IsBsn(b);
    }

    /// <summary>Whether a text holds a run of exactly nine digits that is a BSN, so that it is never echoed into a report.</summary>
    public static bool ContainsBsn(ReadOnlySpan<char> s)
    {
        for (var i = 0; i + 9 <= s.Length; i++)
        {
            if ((i > 0 && char.IsAsciiDigit(s[i - 1])) || (i + 9 < s.Length && char.IsAsciiDigit(s[i + 9]))) continue;
            if (IsBsn(s.Slice(i, 9))) return true;
        }
        return false;
    }

    /// <summary>The text with every run of nine digits that is a BSN replaced by nine '*': for file names in reports, logs and the catalogue.</summary>
    public static string MaskBsn(string s)
    {
        if (!ContainsBsn(s)) return s;
        var chars = s.ToCharArray();
        for (var i = 0; i + 9 <= s.Length; i++)
        {
            if ((i > 0 && char.IsAsciiDigit(s[i - 1])) || (i + 9 < s.Length && char.IsAsciiDigit(s[i + 9]))) continue;
            if (IsBsn(s.AsSpan(i, 9))) chars.AsSpan(i, 9).Fill('*');
        }
        return new string(chars);
    }

    /// <summary>
    /// The first control character of a field (NUL, other C0 characters but tab and the line breaks a quoted field may
    /// hold, DEL), or -1. Such bytes come from a
    /// broken export or an attempt to smuggle a value past the checks; a row that has one is rejected.
    /// </summary>
    public static int ControlCharacter(ReadOnlySpan<byte> field)
    {
        for (var i = 0; i < field.Length; i++)
            if (field[i] is < 0x20 and not ((byte)'\t' or (byte)'\r' or (byte)'\n') or 0x7F) return field[i];
        return -1;
    }
}
