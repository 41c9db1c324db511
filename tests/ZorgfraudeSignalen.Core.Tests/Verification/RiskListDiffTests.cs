using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Verification;

namespace ZorgfraudeSignalen.Core.Tests.Verification;

public sealed class RiskListDiffTests
{
    private static Signal Row(int rang, string id, double score, string toelichting = "Gewoon.") =>
        new(rang, id, $"Zorg {id}", score, ["COLOC_PAND"], 0.25, toelichting, null, ReviewStatus.TeBeoordelen, "run1");

    [Fact]
    public void Identical_lists_have_no_differences_even_with_quotes_separators_and_line_breaks_in_cells()
    {
        Signal[] list = [Row(1, "A", 80, "Let op; \"veel\"\nregels"), Row(2, "B", 60, "=SOM(1)")];
        Assert.Empty(RiskListDiff.Compare(RiskListCsv.Write(list), RiskListCsv.Write(list)));
    }

    [Fact]
    public void A_changed_field_a_missing_row_and_an_extra_row_are_each_named()
    {
        Signal[] recorded = [Row(1, "A", 80, "Let op; \"veel\""), Row(2, "B", 60), Row(3, "C", 50)];
        Signal[] replayed = [Row(1, "A", 80, "Let op; \"weinig\""), Row(2, "C", 50), Row(3, "D", 40)];
        var differences = RiskListDiff.Compare(RiskListCsv.Write(recorded), RiskListCsv.Write(replayed));
        Assert.Equal(
            [
                "A: toelichting recorded 'Let op; \"veel\"', replayed 'Let op; \"weinig\"'",
                "B: missing from the replay",
                "C: rang recorded '3', replayed '2'",
                "D: only in the replay",
            ],
            differences.Select(d => d.ToString()));
    }
}
