using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Tests.RiskList;

public class ReviewOrderTests
{
    private static (bool Published, IReadOnlyList<string> Fired) P(params string[] codes) => (true, codes);
    private static (bool Published, IReadOnlyList<string> Fired) Unpublished(params string[] codes) => (false, codes);

    [Fact]
    public void A_kind_missing_from_the_window_brings_in_its_highest_scoring_provider_at_the_window_end()
    {
        // Ten providers in score order; MAX_DECL fires first at place 7 (index 6), twice.
        var rows = new[]
        {
            P("COLOC_PAND", "VERHUIS_START"), P("COLOC_PAND"), P("BUITEN_TOEW"), P("COLOC_PAND"), P("BUITEN_TOEW"),
            P("PGB_UREN"), P("MAX_DECL"), P("MAX_DECL"), P("PGB_UREN"), Unpublished(),
        };

        var (order, movedIn) = ReviewOrder.Arrange(rows, window: 5);

        Assert.Equal([0, 1, 2, 5, 6, 3, 4, 7, 8, 9], order);
        Assert.Equal(new Dictionary<int, string> { [5] = "PGB_UREN", [6] = "MAX_DECL" }, movedIn);
    }

    [Fact]
    public void A_displaced_provider_that_was_the_only_one_of_its_kind_is_kept_in_the_window()
    {
        // GROEI shows only at place 3; bringing in MAX_DECL (place 5) pushes it out, so it must come back.
        var rows = new[] { P("COLOC_PAND"), P("COLOC_PAND"), P("GROEI"), P("COLOC_PAND"), P("MAX_DECL") };

        var (order, movedIn) = ReviewOrder.Arrange(rows, window: 3);

        Assert.Equal([0, 2, 4, 1, 3], order);
        Assert.Equal(["GROEI", "MAX_DECL"], order.Take(3).SelectMany(i => rows[i].Fired).Distinct().Except(["COLOC_PAND"]).Order());
        Assert.Equal(new Dictionary<int, string> { [2] = "GROEI", [4] = "MAX_DECL" }, movedIn);
    }

    [Fact]
    public void Nothing_moves_when_the_window_shows_every_published_kind_already()
    {
        var rows = new[] { P("COLOC_PAND"), P("MAX_DECL"), P("COLOC_PAND"), P("MAX_DECL"), Unpublished("GROEI") };

        var (order, movedIn) = ReviewOrder.Arrange(rows, window: 2);

        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.Empty(movedIn);
    }

    [Fact]
    public void An_unpublished_provider_is_never_moved_in_and_its_signals_do_not_count_as_shown()
    {
        // GROEI fired below the publication threshold only: no kind of published signal, so nothing to show.
        // MAX_DECL fired for an unpublished provider in the window and for a published one further down: the latter comes in.
        var rows = new[] { P("COLOC_PAND"), Unpublished("MAX_DECL"), P("COLOC_PAND"), Unpublished("GROEI"), P("MAX_DECL") };

        var (order, movedIn) = ReviewOrder.Arrange(rows, window: 2);

        Assert.Equal([0, 4, 1, 2, 3], order);
        Assert.Equal(new Dictionary<int, string> { [4] = "MAX_DECL" }, movedIn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_window_of_zero_or_as_long_as_the_list_keeps_the_score_order(int window)
    {
        var rows = new[] { P("COLOC_PAND"), P("COLOC_PAND"), P("COLOC_PAND"), P("COLOC_PAND"), P("MAX_DECL") };

        var (order, movedIn) = ReviewOrder.Arrange(rows, window);

        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.Empty(movedIn);
    }
}
