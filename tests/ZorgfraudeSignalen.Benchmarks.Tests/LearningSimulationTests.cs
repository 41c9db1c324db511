using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Benchmarks.Tests;

public class LearningSimulationTests
{
    /// <summary>F1 and F2 on top, then two honest providers on the list, then F3 below the threshold, then ten honest ones.</summary>
    private static (LearningInput Input, List<TruthRow> Truth) World()
    {
        var scores = new List<(string Id, double Score, bool Fraud)> { ("F1", 90, true), ("F2", 85, true), ("H1", 80, false), ("H2", 75, false), ("F3", 30, true) };
        scores.AddRange(Enumerable.Range(0, 10).Select(i => ($"O{i}", 20.0 - i, false)));
        var input = new LearningInput("sim", new DateOnly(2026, 1, 5), 7, 40, ["a"],
            scores.Select(s => new LearningCandidate(s.Id, s.Score, [s.Score], [], false)).ToList());
        var truth = scores.Select(s => new TruthRow(s.Id, s.Fraud, false, s.Fraud ? ["woonzorg"] : [])).ToList();
        return (input, truth);
    }

    [Fact]
    public void An_assessed_provider_leaves_the_queue_so_the_remaining_ap_is_over_what_is_still_to_be_found()
    {
        var (input, truth) = World();
        var figures = new LearningSimulation(rounds: 2, k: 2, TextWriter.Null).Simulate(1, input, truth)
            .Where(f => f.Scheme == "geen_leren").OrderBy(f => f.Round).ToList();

        // Round 0: frauds at places 1, 2 and 5 of everyone.
        Assert.Equal((1 + 1 + 3.0 / 5) / 3, figures[0].ApAll, 9);
        Assert.Equal(figures[0].ApAll, figures[0].ApRest, 9);
        // Round 1: F1 and F2 were confirmed; F3 is third in what is left, while AP over all stays as it was.
        Assert.Equal((2, 1), (figures[1].FraudFound, figures[1].FraudLeft));
        Assert.Equal(1.0 / 3, figures[1].ApRest, 9);
        Assert.Equal(figures[0].ApAll, figures[1].ApAll, 9);
        // Round 2: H1 and H2 were assessed too; F3 now heads the queue.
        Assert.Equal(1.0, figures[2].ApRest, 9);
        Assert.Equal(1.0, figures[2].RecallRest["woonzorg"], 9);
    }

    [Fact]
    public void A_queue_with_no_fraud_left_counts_as_complete()
    {
        var (input, truth) = World();
        // k = 5 takes the whole list in round 1 (F1, F2, H1, H2 by score); F3 is below the threshold and stays.
        var figures = new LearningSimulation(rounds: 1, k: 5, TextWriter.Null).Simulate(1, input, truth
            .Select(t => t.AanbiederId == "F3" ? t with { Fraude = false, Patronen = [] } : t).ToList());
        var last = figures.Single(f => f.Scheme == "geen_leren" && f.Round == 1);

        Assert.Equal((2, 0), (last.FraudFound, last.FraudLeft));
        Assert.Equal(1.0, last.ApRest);
        Assert.Equal(1.0, last.RecallRest["woonzorg"]);
    }

    [Fact]
    public void Blinding_sets_only_the_named_indicators_minimum_out_of_reach()
    {
        var usual = new Core.Indicators.IndicatorThresholds();
        var blinded = Blinding.Thresholds(usual, ["PGB_TARIEF", "NETWERK"]);

        Assert.Equal(1e9, blinded.TariefFactor);
        Assert.Equal(int.MaxValue, blinded.MinimumClientenNetwerk);
        Assert.Equal(usual with { TariefFactor = blinded.TariefFactor, MinimumClientenNetwerk = blinded.MinimumClientenNetwerk }, blinded);
        Assert.Equal(1.25, usual.TariefFactor);
        Assert.Throws<ArgumentException>(() => Blinding.Thresholds(usual, ["COLOC_PAND"]));
    }

    [Fact]
    public void The_variants_are_chosen_by_name_and_no_learning_always_runs_first()
    {
        var simulation = new LearningSimulation(1, 1, TextWriter.Null, schemes: "ontwerp,oud,voorzichtig");
        Assert.Equal(["geen_leren", "ontwerp", "oud", "voorzichtig"], simulation.Schemes.Select(s => s.Name));
        Assert.Equal(new LearningSettings(), simulation.Schemes[1].Settings);
        Assert.Equal((false, 0, Optilling.Overal), (simulation.Schemes[2].Settings.KleineBomen, simulation.Schemes[2].Settings.Krimp, simulation.Schemes[2].Settings.Optillen));
        Assert.Equal((true, (int?)null, Optilling.Overal), (simulation.Schemes[3].Settings.KleineBomen, simulation.Schemes[3].Settings.Krimp, simulation.Schemes[3].Settings.Optillen));
        Assert.Throws<ArgumentException>(() => new LearningSimulation(1, 1, TextWriter.Null, schemes: "onbekend"));
    }

    [Fact]
    public void The_goal_compares_the_medians_over_the_worlds_after_round_five()
    {
        static LearningSimulation.RoundFigures Row(string scheme, int world, int round, double apAll, double apRest) =>
            new(scheme, world, round, apAll, apRest, 0, new Dictionary<string, double>(), new Dictionary<string, double>(),
                new Dictionary<string, double>(), 0, 0, 0, 0, false);
        var figures = new List<LearningSimulation.RoundFigures>();
        foreach (var (world, baseAll, baseRest, designAll, designRest) in new[]
                 { (1, 0.80, 0.10, 0.90, 0.12), (2, 0.70, 0.20, 0.72, 0.40), (3, 0.90, 0.30, 0.91, 0.31) })
        {
            figures.Add(Row("geen_leren", world, 5, baseAll, baseRest));
            figures.Add(Row("ontwerp", world, 5, designAll, designRest));
            // Round 6 differs wildly: the goal is read after round 5.
            figures.Add(Row("geen_leren", world, 6, 0, 0));
            figures.Add(Row("ontwerp", world, 6, 1, 1));
        }

        var goal = LearningSimulation.Goal(figures);

        Assert.NotNull(goal);
        Assert.Equal(5, goal.Value.Round);
        Assert.Equal(0.90 - 0.80, goal.Value.OnAll, 9);
        Assert.Equal(0.31 - 0.20, goal.Value.OnRest, 9);
        Assert.Null(LearningSimulation.Goal(figures.Where(f => f.Scheme != "ontwerp").ToList()));
    }
}
