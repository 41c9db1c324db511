using System.Text;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Tests.RiskList;

public class RiskListCsvTests
{
    private static Signal Row(string naam, string toelichting, double score = 72.25, double anomaly = 0.123456) =>
        new(1, "A1", naam, score, ["COLOC_PAND", "MAX_DECL"], anomaly, toelichting, null, ReviewStatus.TeBeoordelen, "run-1");

    [Fact]
    public void Has_bom_header_semicolons_and_decimal_commas()
    {
        var bytes = RiskListCsv.Write([Row("Zorg B.V.", "Feiten.")]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("rang;aanbieder_id;aanbieder_naam;risicoscore;signalen;anomaliescore;toelichting;cluster_id;status;run_id", lines[0]);
        Assert.Equal("1;A1;Zorg B.V.;72,3;COLOC_PAND|MAX_DECL;0,1235;Feiten.;;te_beoordelen;run-1", lines[1]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+31 zorg", "'+31 zorg")]
    [InlineData("-zorg", "'-zorg")]
    [InlineData("@zorg", "'@zorg")]
    [InlineData("\tzorg", "'\tzorg")]
    [InlineData("Zorg; en meer", "\"Zorg; en meer\"")]
    [InlineData("Zorg = goed", "Zorg = goed")]
    public void Neutralises_formulas_and_quotes_where_needed(string naam, string cell)
    {
        var text = Encoding.UTF8.GetString(RiskListCsv.Write([Row(naam, "x")])[3..]);
        Assert.Equal(cell, text.Split("\r\n")[1].Split(";A1;")[1][..cell.Length]);
    }

    [Fact]
    public void Keeps_accents()
    {
        var text = Encoding.UTF8.GetString(RiskListCsv.Write([Row("Zorg Één & Cliënt", "ë ü é")])[3..]);
        Assert.Contains("Zorg Één & Cliënt", text);
        Assert.Contains("ë ü é", text);
    }
}
