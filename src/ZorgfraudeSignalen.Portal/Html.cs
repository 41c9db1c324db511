using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// A piece of HTML that is safe by construction: built only from literals written in this code and from values that
/// were HTML-encoded on the way in. <c>Html.H($"&lt;td&gt;{naam}&lt;/td&gt;")</c> encodes <c>naam</c> (provider names are
/// data from outside); only another <see cref="Html"/> is inserted as it is.
/// </summary>
public readonly struct Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    internal static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");
    private readonly string? _value;

    private Html(string value) => _value = value;

    public static readonly Html Leeg = new("");

    /// <summary>HTML from the interpolated string: literals as they are, every value encoded.</summary>
    public static Html H(ref HtmlHandler html) => new(html.ToStringAndClear());

    /// <summary>A value as text.</summary>
    public static Html Tekst(string? text) => new(Encoder.Encode(text ?? ""));

    /// <summary>For constant markup kept in this assembly (the stylesheet, fixed fragments); never for data.</summary>
    internal static Html Vertrouwd(string constant) => new(constant);

    public static Html Samen(IEnumerable<Html> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts) sb.Append(p._value);
        return new Html(sb.ToString());
    }

    public static Html operator +(Html a, Html b) => new(a._value + b._value);

    public static string Encode(string text) => Encoder.Encode(text);

    public override string ToString() => _value ?? "";
}

[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount) => _sb = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string literal) => _sb.Append(literal);

    public void AppendFormatted(Html html) => _sb.Append(html.ToString());

    public void AppendFormatted(IEnumerable<Html> parts)
    {
        foreach (var p in parts) _sb.Append(p.ToString());
    }

    public void AppendFormatted(string? text) => _sb.Append(Html.Encode(text ?? ""));

    public void AppendFormatted<T>(T value, string? format = null) where T : IFormattable =>
        _sb.Append(Html.Encode(value.ToString(format, Html.Nl)));

    internal string ToStringAndClear() => _sb.ToString();
}
