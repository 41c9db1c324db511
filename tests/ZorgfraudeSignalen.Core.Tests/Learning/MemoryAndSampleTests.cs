using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using static ZorgfraudeSignalen.Core.Tests.Learning.LearningTestData;

namespace ZorgfraudeSignalen.Core.Tests.Learning;

public sealed class MemoryAndSampleTests
{
    private static Publication Run(string runId, int flagged, int sampled, int pool)
    {
        var providers = Enumerable.Range(0, flagged).Select(i => new PublishedProvider($"F{i}", Route.Regels, [i, 0, 0], ["X"], false))
            .Concat(Enumerable.Range(0, sampled).Select(i => new PublishedProvider($"S{i}", Route.Steekproef, [0, i, 0], [], i == 0)))
            .ToList();
        return new Publication(runId, Rundatum, Names, flagged, pool, sampled, providers);
    }

    [Fact]
    public void The_memory_keeps_final_outcomes_with_the_published_features_and_each_routes_propensity()
    {
        // 10 flagged, of which 4 assessed; a sample of 2 from a pool of 100 (98 left after the draw), both assessed.
        var run = Run("run-1", 10, 2, 98);
        var assessments = new Dictionary<string, IReadOnlyList<Beoordeling>>
        {
            ["run-1"] =
            [
                Confirmed("run-1", "F0"), NoIndication("run-1", "F1"), NoIndication("run-1", "F2"),
                Assessed("run-1", "F3", (new Beoordeel(Uitkomst.NaderOnderzoek, Rationale), Anna)), // proposed, not yet confirmed
                NoIndication("run-1", "S0"), NoIndication("run-1", "S1"),
                Beoordeling.Nieuw("run-1", "F4", "feiten"), // opened, never assessed
            ],
        };

        var memory = MemoryBuilder.Build([run], assessments);

        Assert.Equal(["F0", "F1", "F2", "S0", "S1"], memory.Beoordelingen.Select(b => b.AanbiederId));
        var f0 = memory.Beoordelingen[0];
        Assert.True(f0.Bevestigd);
        Assert.Equal(["anna", "bram"], f0.Beoordelaars);
        Assert.Equal([0.0, 0, 0], f0.Kenmerken);
        Assert.Equal(0.4, f0.Propensiteit, 6);                        // 4 of 10 flagged assessed
        var s1 = memory.Beoordelingen.Single(b => b.AanbiederId == "S1");
        Assert.Equal(Route.Steekproef, s1.Route);
        Assert.Equal(2.0 / 100 * 1.0, s1.Propensiteit, 6);            // on the list 2 in 100, both assessed
        Assert.True(memory.Beoordelingen.Single(b => b.AanbiederId == "S0").NatuurlijkPersoon);
    }

    [Fact]
    public void A_sampled_label_carries_its_own_chance_of_being_drawn()
    {
        var run = Run("run-1", 10, 2, 98);
        run = run with { Aanbieders = run.Aanbieders.Select(p => p.AanbiederId switch { "S0" => p with { Kans = 0.05 }, "S1" => p with { Kans = 0.01 }, _ => p }).ToList() };
        var memory = MemoryBuilder.Build([run], new Dictionary<string, IReadOnlyList<Beoordeling>>
        {
            ["run-1"] = [NoIndication("run-1", "S0"), NoIndication("run-1", "S1")],
        });

        Assert.Equal(0.05, memory.Beoordelingen.Single(b => b.AanbiederId == "S0").Propensiteit, 6);
        Assert.Equal(0.01, memory.Beoordelingen.Single(b => b.AanbiederId == "S1").Propensiteit, 6);
    }

    [Fact]
    public void Only_a_confirmation_by_someone_else_makes_a_confirmed_escalation()
    {
        Assert.True(MemoryBuilder.Confirmed(Confirmed("r", "P")));
        Assert.False(MemoryBuilder.Confirmed(NoIndication("r", "P")));
        // The state machine refuses the same person; a record that claims it anyway is not a confirmed label.
        var forged = Confirmed("r", "P");
        forged = forged with { Stappen = [forged.Stappen[0], forged.Stappen[1] with { DoorId = "anna" }] };
        Assert.False(MemoryBuilder.Confirmed(forged));
    }

    [Fact]
    public void A_confirmed_case_stays_a_positive_label_through_notice_and_response_but_not_when_closed_without_a_measure()
    {
        var notice = new VerstuurKennisgeving(new DateOnly(2026, 5, 1), 14, "tekst van de kennisgeving", Rationale);
        var response = new LegZienswijzeVast(new DateOnly(2026, 5, 1), Rationale, null, Rationale);
        (BeoordelingsActie, Reviewer)[] confirmed = [(new Beoordeel(Uitkomst.NaderOnderzoek, Rationale), Anna), (new BevestigEscalatie(Rationale), Bram)];
        var sent = Assessed("run-1", "F0", [.. confirmed, (notice, Anna)]);
        var answered = Assessed("run-1", "F1", [.. confirmed, (notice, Anna), (response, Anna)]);
        var measure = Assessed("run-1", "F2", [.. confirmed, (notice, Anna), (response, Anna), (new NeemBesluit(Besluit.Maatregel, Rationale, 4, Rationale), Bram)]);
        var noMeasure = Assessed("run-1", "F3", [.. confirmed, (notice, Anna), (response, Anna), (new NeemBesluit(Besluit.GeenMaatregel, Rationale, 4, Rationale), Bram)]);

        var memory = MemoryBuilder.Build([Run("run-1", 10, 0, 90)], new Dictionary<string, IReadOnlyList<Beoordeling>> { ["run-1"] = [sent, answered, measure, noMeasure] });

        Assert.Equal([ReviewStatus.KennisgevingVerstuurd, ReviewStatus.ZienswijzeOntvangen, ReviewStatus.Afgesloten, ReviewStatus.Afgesloten],
            memory.Beoordelingen.Select(b => b.Status));
        Assert.All(memory.Beoordelingen, b => Assert.True(b.Bevestigd));
        Assert.Equal(new bool?[] { true, true, true, null }, memory.Beoordelingen.Select(LabelRules.Outcome));
        Assert.Equal(Besluit.GeenMaatregel, memory.Beoordelingen[3].Besluit);
        Assert.Equal(new bool?[] { true, true, true, null }, new[] { sent, answered, measure, noMeasure }.Select(LabelRules.Outcome));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(50, 3)]
    [InlineData(150, 3)]
    [InlineData(151, 4)]
    [InlineData(1000, 20)]
    public void The_sample_is_two_percent_rounded_up_at_least_three_at_most_the_pool(int pool, int expected) =>
        Assert.Equal(expected, ExplorationSample.Size(pool, new LearningSettings()));

    [Fact]
    public void The_draw_is_seeded_independent_of_the_pools_order_and_new_for_each_run()
    {
        var pool = Enumerable.Range(0, 500).Select(i => ($"A{i:D4}", (double)(i % 40))).ToList();
        var settings = new LearningSettings();
        var seed = ExplorationSample.SeedFor(7, "run-a");
        var first = ExplorationSample.Draw(pool, seed, settings);
        var again = ExplorationSample.Draw(Enumerable.Reverse(pool), seed, settings);

        Assert.Equal(10, first.Count);
        Assert.Equal(first, again);
        Assert.Equal(first.Count, first.Select(d => d.AanbiederId).Distinct().Count());
        Assert.All(first, d => Assert.Contains(pool, p => p.Item1 == d.AanbiederId));
        var others = Enumerable.Range(0, 5).Select(r => ExplorationSample.Draw(pool, ExplorationSample.SeedFor(7, $"run-{r}"), settings)).ToList();
        Assert.Contains(others, o => !o.SequenceEqual(first));
    }

    [Fact]
    public void Half_the_sample_follows_the_score_and_no_chance_falls_below_half_the_uniform_one()
    {
        // 100 providers scoring 0, 100 scoring 30: a sample of 4 (2 %).
        double[] scores = [.. Enumerable.Repeat(0.0, 100), .. Enumerable.Repeat(30.0, 100)];
        var chances = ExplorationSample.Chances(scores, new LearningSettings());

        Assert.Equal(4, chances.Sum(), 9);
        Assert.Equal(0.5 * 4 / 200, chances[0], 9);                   // the uniform half only
        Assert.Equal(0.5 * 4 / 200 + 0.5 * 4 / 100, chances[^1], 9);  // and its share of the scored half
        var uniform = ExplorationSample.Chances(scores, new LearningSettings { SteekproefNaarScore = 0 });
        Assert.All(uniform, c => Assert.Equal(4.0 / 200, c, 9));
    }

    [Fact]
    public void A_chance_that_would_exceed_one_is_one_and_the_rest_is_shared_among_the_others()
    {
        // A small pool where one provider holds almost all of the score: 3 of 5 must be drawn.
        double[] scores = [1000, 0, 0, 0, 0];
        var chances = ExplorationSample.Chances(scores, new LearningSettings { SteekproefNaarScore = 1 });

        Assert.Equal(1, chances[0], 9);
        Assert.Equal(3, chances.Sum(), 9);
        Assert.All(chances.Skip(1), c => Assert.Equal(0.5, c, 9));
    }

    [Fact]
    public void Every_provider_is_drawn_as_often_as_its_chance_says()
    {
        // Over 4,000 seeded draws a provider's frequency lies within four standard errors of its chance.
        var pool = Enumerable.Range(0, 60).Select(i => ($"A{i:D2}", (double)(i < 50 ? 2 : 35))).ToList();
        var settings = new LearningSettings { SteekproefAandeel = 0.1 };
        var chance = ExplorationSample.Chances(pool.Select(p => p.Item2).ToArray(), settings);
        var counts = new int[pool.Count];
        const int draws = 4000;
        for (var r = 0; r < draws; r++)
        {
            var drawn = ExplorationSample.Draw(pool, ExplorationSample.SeedFor(3, $"run-{r}"), settings);
            Assert.Equal(6, drawn.Count);
            foreach (var d in drawn)
            {
                var i = int.Parse(d.AanbiederId[1..]);
                Assert.Equal(Math.Round(chance[i], 6), d.Kans);
                counts[i]++;
            }
        }
        for (var i = 0; i < pool.Count; i++)
            Assert.InRange((double)counts[i] / draws, chance[i] - 4 * Math.Sqrt(chance[i] * (1 - chance[i]) / draws), chance[i] + 4 * Math.Sqrt(chance[i] * (1 - chance[i]) / draws));
        Assert.True(chance[55] > 3 * chance[5]);
    }
}
