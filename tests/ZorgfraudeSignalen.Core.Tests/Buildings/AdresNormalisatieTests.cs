using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ZorgfraudeSignalen.Core.Addresses;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Tests.Buildings;

public class AdresNormalisatieTests
{
    [Theory]
    [InlineData("1234AB", "1234AB")]
    [InlineData("1234 ab", "1234AB")]
    [InlineData(" 1234ab ", "1234AB")]
    [InlineData("1234-AB", "1234AB")]
    [InlineData("1234 Ab", "1234AB")]
    public void Postcode_forms_normalise_to_one(string input, string expected)
    {
        Assert.True(AdresNormalisatie.TryNormaliseerPostcode(input, out var pc));
        Assert.Equal(expected, pc);
    }

    [Theory]
    [InlineData("0234AB")]
    [InlineData("123AB")]
    [InlineData("12345A")]
    [InlineData("1234ABC")]
    [InlineData("1234ÄB")]
    [InlineData("")]
    public void Invalid_postcodes_are_refused(string input) => Assert.False(AdresNormalisatie.TryNormaliseerPostcode(input, out _));

    [Theory]
    [InlineData("12", 12, null, null)]
    [InlineData("12A", 12, "A", null)]
    [InlineData("12a", 12, "A", null)]
    [InlineData("12 a", 12, "A", null)]
    [InlineData("12-2", 12, null, "2")]
    [InlineData("12 2", 12, null, "2")]
    [InlineData("12 bis", 12, null, "BIS")]
    [InlineData("12bis", 12, null, "BIS")]
    [InlineData("12 hs", 12, null, "HS")]
    [InlineData("12-hs", 12, null, "HS")]
    [InlineData("12-III", 12, null, "III")]
    [InlineData("12 a 2", 12, "A", "2")]
    [InlineData("12a-2", 12, "A", "2")]
    [InlineData("12A2", 12, "A", "2")]
    [InlineData("12-A", 12, null, "A")]
    [InlineData("100-1L", 100, null, "1L")]
    [InlineData("12 / 3", 12, null, "3")]
    public void House_number_forms_of_back_offices(string input, int nummer, string? letter, string? toevoeging)
    {
        Assert.True(AdresNormalisatie.TryParseHuisnummer(input, out var n, out var l, out var t));
        Assert.Equal((nummer, letter, toevoeging), (n, l, t));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A12")]
    [InlineData("123456")]
    [InlineData("0")]
    [InlineData("12-")]
    [InlineData("12 é")]
    public void Unreadable_house_numbers_are_refused(string input) => Assert.False(AdresNormalisatie.TryParseHuisnummer(input, out _, out _, out _));

    [Fact]
    public void Same_dwelling_written_differently_gets_one_key()
    {
        var keys = new[]
        {
            AdresNormalisatie.Normaliseer(new Adres("1234 ab", 12, "a", "2")),
            AdresNormalisatie.Normaliseer(new Adres("1234AB", 12, "A", "-2")),
            AdresNormalisatie.Normaliseer(new Adres("1234ab", 12, "a-2", null)),
            AdresNormalisatie.TryParse("1234 AB", "12 a 2", out var parsed, out _) ? parsed : default,
            AdresNormalisatie.TryParse("1234AB", "12a-2", out var parsed2, out _) ? parsed2 : default,
        }.Select(a => a.Sleutel).Distinct().ToList();
        Assert.Equal(["1234AB-12A-2"], keys);
    }

    [Fact]
    public void Look_alike_dwellings_keep_different_keys()
    {
        // Huisletter A and toevoeging A are different nummeraanduidingen in the BAG; so are III and 3, hs and H.
        string Key(string nr) => AdresNormalisatie.TryParse("1234AB", nr, out var a, out var fout) ? a.Sleutel : throw new Exception(fout);
        var keys = new[] { "12", "12A", "12-A", "12-III", "12-3", "12 hs", "12-H", "12A-2", "12-A2", "12-2", "122", "1-22" }.Select(Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Invalid_parts_give_a_clear_reason()
    {
        Assert.False(AdresNormalisatie.TryNormaliseer(new Adres("1234AB", 0, null, null), out _, out var fout));
        Assert.Contains("huisnummer", fout);
        Assert.False(AdresNormalisatie.TryNormaliseer(new Adres("1234AB", 5, "AB", "1"), out _, out fout));
        Assert.Contains("huisletter", fout);
        Assert.False(AdresNormalisatie.TryNormaliseer(new Adres("1234AB", 5, null, "½"), out _, out fout));
        Assert.Contains("toevoeging", fout);
    }

    [Fact]
    public void Aliases_cover_the_probable_equivalents_only()
    {
        Assert.Equal(["H"], AdresNormalisatie.Aliassen("HS"));
        Assert.Equal(["3"], AdresNormalisatie.Aliassen("III"));
        Assert.Equal(["IV"], AdresNormalisatie.Aliassen("4"));
        Assert.Empty(AdresNormalisatie.Aliassen("2L"));
        Assert.Empty(AdresNormalisatie.Aliassen("04"));
    }

    // ---- Properties -------------------------------------------------------------------------------------------------

    private static readonly char[] Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray();
    private static readonly char[] Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray();

    private static Gen<GenormaliseerdAdres> Canonical =>
        from cijfers in Gen.Choose(1000, 9999)
        from l1 in Gen.Elements(Letters)
        from l2 in Gen.Elements(Letters)
        from nummer in Gen.OneOf(Gen.Choose(1, 200), Gen.Choose(1, AdresNormalisatie.MaxHuisnummer))
        from heeftLetter in Gen.Elements(true, false)
        from letter in Gen.Elements(Letters)
        from toevoegingLengte in Gen.Choose(0, 4)
        from toevoeging in Gen.ArrayOf(Gen.Elements(Alnum), toevoegingLengte)
        select new GenormaliseerdAdres($"{cijfers}{l1}{l2}", nummer, heeftLetter ? letter.ToString() : null,
            toevoeging.Length == 0 ? null : new string(toevoeging));

    /// <summary>A canonical address as a careless back office writes it: case, spaces, separators in the toevoeging.</summary>
    private static Gen<(GenormaliseerdAdres Canonical, Adres Messy)> Messy =>
        from a in Canonical
        from lower in Gen.Elements(true, false)
        from space in Gen.Elements("", " ", "  ", "-")
        from sep in Gen.Elements("", "-", " ", "/", ".")
        from pad in Gen.Elements("", " ")
        select (a, new Adres(
            pad + a.Postcode[..4] + space + (lower ? a.Postcode[4..].ToLowerInvariant() : a.Postcode[4..]) + pad,
            a.Huisnummer,
            a.Huisletter is null ? (pad == "" ? null : pad) : pad + (lower ? a.Huisletter.ToLowerInvariant() : a.Huisletter),
            a.Toevoeging is null ? null : sep + (lower ? a.Toevoeging.ToLowerInvariant() : a.Toevoeging)));

    [Property(MaxTest = 500)]
    public Property Normalisation_is_idempotent() => Prop.ForAll(Messy.ToArbitrary(), x =>
    {
        var once = AdresNormalisatie.Normaliseer(x.Messy);
        var twice = AdresNormalisatie.Normaliseer(once.ToAdres());
        return once == twice && once == x.Canonical;
    });

    [Property(MaxTest = 500)]
    public Property Different_dwellings_never_share_a_key() => Prop.ForAll(Canonical.ToArbitrary(), Canonical.ToArbitrary(), (a, b) =>
        (a == b) == (a.Sleutel == b.Sleutel));

    [Property(MaxTest = 500)]
    public Property Key_parses_back_to_the_address() => Prop.ForAll(Canonical.ToArbitrary(), a =>
        AdresNormalisatie.TryParseSleutel(a.Sleutel, out var back) && back == a);

    [Property(MaxTest = 500)]
    public Property One_field_house_number_round_trips() => Prop.ForAll(Canonical.ToArbitrary(), a =>
    {
        // The unambiguous written forms: 12A-2, 12 a 2 (letter present), 12-2 (no letter).
        var forms = a.Huisletter is null
            ? [$"{a.Huisnummer}{(a.Toevoeging is null ? "" : "-" + a.Toevoeging.ToLowerInvariant())}"]
            : new[] { $"{a.Huisnummer}{a.Huisletter}{(a.Toevoeging is null ? "" : "-" + a.Toevoeging)}",
                      $"{a.Huisnummer} {a.Huisletter.ToLowerInvariant()} {a.Toevoeging}".TrimEnd() };
        return forms.All(f => AdresNormalisatie.TryParse(a.Postcode.Insert(4, " "), f, out var parsed, out _) && parsed == a);
    });

    [Property(MaxTest = 300)]
    public Property Compact_codes_round_trip() => Prop.ForAll(Canonical.ToArbitrary(), a =>
        AdresCode.PostcodeTekst(AdresCode.Postcode(a.Postcode)) == a.Postcode
        && AdresCode.GebouwTekst(AdresCode.Gebouw(a)) == a.TerugvalPandSleutel);
}
