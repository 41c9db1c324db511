using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.Benchmarks.Tests;

public class RankingMetricsTests
{
    private static readonly Dictionary<string, Patroon> Truth = new()
    {
        ["a"] = Patroon.Woonzorg,
        ["b"] = Patroon.Geen,
        ["c"] = Patroon.PgbTarief | Patroon.Netwerk,
        ["d"] = Patroon.GroteZzp,
        ["e"] = Patroon.Geen,
        ["f"] = Patroon.BuitenToewijzing,
    };

    [Fact]
    public void A_perfect_ranking_scores_one_and_a_reversed_one_zero()
    {
        var perfect = RankingMetrics.Measure(["a", "c", "f", "b", "d", "e"], Truth);
        Assert.Equal(1.0, perfect.AveragePrecision, 12);
        Assert.Equal(1.0, perfect.RocAuc, 12);
        var reversed = RankingMetrics.Measure(["e", "d", "b", "f", "c", "a"], Truth);
        Assert.Equal(0.0, reversed.RocAuc, 12);
    }

    [Fact]
    public void Figures_of_a_mixed_ranking_match_a_count_by_hand()
    {
        // Ranked: a(F) d(look-alike) c(F) b; e and f not ranked (tied at the bottom).
        var m = RankingMetrics.Measure(["a", "d", "c", "b"], Truth);
        Assert.Equal(3, m.Fraud);
        // Precision at the hits: 1/1 and 2/3; f never ranked counts as missed: (1 + 2/3) / 3.
        Assert.Equal((1 + 2.0 / 3) / 3, m.AveragePrecision, 12);
        Assert.Equal(2.0 / 4, m.PrecisionAt20, 12);
        Assert.Equal(1, m.LookAlikesTop20);
        // Pairs (fraud, honest) of 3 × 3: a beats all 3; c beats b and e; f ties with e and loses to d and b: (3 + 2 + 0.5) / 9.
        Assert.Equal(5.5 / 9, m.RocAuc, 12);
        Assert.Equal(1.0, m.RecallTop50(Patroon.Woonzorg));
        Assert.Equal(0.0, m.RecallTop50(Patroon.BuitenToewijzing));
        Assert.True(double.IsNaN(m.RecallTop50(Patroon.MaximumDeclareren)));
        Assert.Equal((1, 1), m.Top50[Patroon.Netwerk]);
    }
}
