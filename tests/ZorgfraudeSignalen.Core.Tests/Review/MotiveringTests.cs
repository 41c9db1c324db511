using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Core.Tests.Review;

public sealed class MotiveringTests
{
    [Theory]
    [InlineData("Bezoek afgelegd: zes cliënten wonen zelfstandig met eigen huurcontract, zorg aantoonbaar geleverd.")]
    [InlineData("Erkende kleinschalige woonvorm (GGZ), contracten met de gemeente gecontroleerd en in orde.")]
    public void A_substantive_rationale_passes(string tekst) => Assert.Null(Motivering.Controleer(tekst));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Akkoord, geen bijzonderheden.")]                                             // too short
    [InlineData("Ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok ok")]       // the same word
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]           // one character
    [InlineData("aaa bbb aaa bbb ccc aaa bbb ccc aaa bbb ccc aaa bbb ccc ddd")]             // few letters
    [InlineData("12345 67890 12345 67890 12345 67890 12345 67890 12345 67890")]             // no words
    [InlineData("Prima.................................................. ....")]              // one word
    public void A_rationale_that_says_nothing_is_refused_with_a_reason(string? tekst)
    {
        var fout = Motivering.Controleer(tekst);
        Assert.NotNull(fout);
        Assert.Contains("motivering", fout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_rationale_longer_than_a_table_row_can_hold_is_refused()
    {
        var lang = string.Join(' ', Enumerable.Range(0, 800).Select(i => "woord" + (char)('a' + i % 26)));
        Assert.True(lang.Length > Motivering.MaximumTekens);
        Assert.Contains("te lang", Motivering.Controleer(lang));
    }
}
