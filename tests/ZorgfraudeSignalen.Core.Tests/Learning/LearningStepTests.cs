using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.RiskList;
using static ZorgfraudeSignalen.Core.Tests.Learning.LearningTestData;

namespace ZorgfraudeSignalen.Core.Tests.Learning;

public sealed class LearningStepTests
{
    /// <summary>
    /// 300 providers: the rules see feature a (base score 60 above 0.9, else 10); a hidden scheme lies in feature b,
    /// which the base score ignores. Providers 0-39 have the hidden scheme, 40-59 are flagged by a only.
    /// </summary>
    private static List<LearningCandidate> World()
    {
        var random = new Random(5);
        return Enumerable.Range(0, 300).Select(i =>
        {
            var a = i is >= 40 and < 60 ? 0.95 + random.NextDouble() * 0.05 : random.NextDouble() * 0.8;
            var b = i < 40 ? 0.9 + random.NextDouble() * 0.1 : random.NextDouble() * 0.7;
            return Candidate($"A{i:D3}", a > 0.9 ? 60 : 10, [a, b, random.NextDouble()]);
        }).ToList();
    }

    /// <summary>Positives: the hidden-scheme providers 0-34 (found earlier by samples); negatives: 60-99 and the flagged 40-59.</summary>
    private static AssessmentMemory Memory(List<LearningCandidate> world) => new(
        world.Take(35).Select(c => Past(c.AanbiederId, ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2, route: Route.Steekproef, propensity: 0.1, features: c.Kenmerken))
            .Concat(world.Skip(40).Take(60).Select(c => Past(c.AanbiederId, ReviewStatus.GeenAanwijzing, datum: Rundatum.AddDays(-400), features: c.Kenmerken)))
            .ToList());

    [Fact]
    public void Without_assessments_every_provider_keeps_its_base_score_and_the_list_has_no_sample()
    {
        var world = World();
        var outcome = LearningStep.Apply(Input(world), AssessmentMemory.Empty, new LearningSettings());

        Assert.Equal(world.Select(c => c.Basisscore), outcome.Aanbieders.Select(a => a.Risicoscore));
        Assert.Equal(world.Select(c => c.Basisscore >= 40), outcome.Aanbieders.Select(a => a.Gepubliceerd));
        Assert.All(outcome.Aanbieders, a => Assert.Null(a.Steekproef ?? a.Toelichting));
        Assert.False(outcome.Samenvatting.Geleerd);
        Assert.Contains("nog geen beoordelingen", outcome.Samenvatting.Reden);
        Assert.Equal(20, outcome.Publicatie!.Gemarkeerd);
    }

    [Fact]
    public void With_too_few_labels_it_says_why_it_did_not_learn_but_still_draws_and_marks_the_sample()
    {
        var world = World();
        var memory = new AssessmentMemory([Past("A040", ReviewStatus.GeenAanwijzing, datum: Rundatum.AddDays(-400), features: world[40].Kenmerken)]);
        var outcome = LearningStep.Apply(Input(world), memory, new LearningSettings());

        Assert.False(outcome.Samenvatting.Geleerd);
        Assert.Equal("niet geleerd: 0 positieve labels (minimaal 30) en 1 negatieve (minimaal 30)", outcome.Samenvatting.Reden);
        Assert.Equal(world.Select(c => c.Basisscore), outcome.Aanbieders.Select(a => a.Risicoscore));
        var sampled = outcome.Aanbieders.Where(a => a.Steekproef is not null).ToList();
        Assert.Equal(6, sampled.Count); // 2 % of the 280 below the threshold, rounded up
        Assert.All(sampled, s => Assert.True(s.Gepubliceerd && s.Risicoscore < 40 && s.Toelichting!.StartsWith("Steekproef:", StringComparison.Ordinal)));
        // Each sampled provider's reason and recorded publication carry its own chance of being drawn.
        var chances = outcome.Publicatie!.Aanbieders.Where(p => p.Route == Route.Steekproef).ToDictionary(p => p.AanbiederId, p => p.Kans!.Value);
        Assert.All(sampled, s => Assert.Contains($"kans om getrokken te worden {(100 * chances[s.AanbiederId]).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))} %", s.Steekproef));
        Assert.All(outcome.Publicatie.Aanbieders.Where(p => p.Route == Route.Regels), p => Assert.Null(p.Kans));
        Assert.Equal(sampled.Select(s => s.AanbiederId), outcome.Samenvatting.Steekproef);
        Assert.Equal((20, 6), (outcome.Publicatie!.Gemarkeerd, outcome.Publicatie.Steekproef));
        Assert.All(outcome.Publicatie.Aanbieders.Where(p => p.Route == Route.Steekproef), p => Assert.Contains(p.AanbiederId, outcome.Samenvatting.Steekproef));
    }

    [Fact]
    public void With_enough_labels_the_learned_model_lifts_the_hidden_scheme_explains_it_and_trains_the_same_model_twice()
    {
        var world = World();
        var settings = new LearningSettings();
        var outcome = LearningStep.Apply(Input(world), Memory(world), settings);
        var again = LearningStep.Apply(Input(world), Memory(world), settings);

        Assert.True(outcome.Samenvatting.Geleerd, outcome.Samenvatting.Reden);
        Assert.Equal((35, 60), (outcome.Samenvatting.Positief, outcome.Samenvatting.Negatief));
        Assert.NotNull(outcome.Samenvatting.ModelSha256);
        Assert.Equal(outcome.Samenvatting.ModelSha256, again.Samenvatting.ModelSha256);
        Assert.Equal(outcome.Aanbieders.Select(a => a.Risicoscore), again.Aanbieders.Select(a => a.Risicoscore));

        // The unassessed hidden-scheme providers 35-39 now rank above every ordinary unflagged provider.
        var hidden = outcome.Aanbieders.Skip(35).Take(5).Min(a => a.Risicoscore);
        var ordinary = outcome.Aanbieders.Skip(100).Where((a, i) => world[100 + i].Kenmerken[1] < 0.5).Max(a => a.Risicoscore);
        Assert.True(hidden > ordinary, $"{hidden} vs {ordinary}");
        var explained = outcome.Aanbieders[36];
        Assert.Equal("b", explained.Geleerd![0].Kenmerk);
        Assert.Contains("Geleerd uit eerdere beoordelingen (35 bevestigd nader onderzoek, 60 geen aanwijzing)", explained.Toelichting);
    }

    [Fact]
    public void With_few_labels_the_probability_is_shrunk_towards_the_labels_base_rate_in_proportion_to_the_evidence()
    {
        var world = World();
        var labels = LabelRules.Build(Memory(world), Names, Rundatum, new LearningSettings()).Labels;
        var vectors = world.Select(c => c.Kenmerken).ToList();
        var cautious = SupervisedModel.Train(labels, Names.Count, 7, new LearningSettings { KleineBomen = true, Krimp = null });
        var bold = SupervisedModel.Train(labels, Names.Count, 7, new LearningSettings { Krimp = 0 });

        // 35 positive and 60 negative labels, m = the minimum of 30: the model keeps 35 / 65 of its say.
        Assert.Equal(35.0 / 65, cautious.Vertrouwen, 12);
        Assert.Equal(1.0, bold.Vertrouwen);
        var rate = labels.Where(l => l.Positief).Sum(l => l.Gewicht) / labels.Sum(l => l.Gewicht);
        Assert.Equal(rate, cautious.Basisratio, 12);
        var shrunk = cautious.Score(vectors);
        var raw = bold.Score(vectors);
        var (low, high) = ((1 - cautious.Vertrouwen) * rate, cautious.Vertrouwen + (1 - cautious.Vertrouwen) * rate);
        Assert.All(shrunk, s => Assert.InRange(s.Kans, low - 1e-6, high + 1e-6));
        Assert.True(raw.Max(s => s.Kans) > high + 0.01 && raw.Min(s => s.Kans) < low - 0.01, $"{raw.Min(s => s.Kans)}..{raw.Max(s => s.Kans)} vs {low}..{high}");
        // The shrinkage keeps the order, and the explanation still names the hidden scheme's feature first.
        Assert.True(shrunk[36].Kans > shrunk[150].Kans || world[150].Kenmerken[1] > 0.9);
        Assert.Equal(1, Array.IndexOf(shrunk[36].Bijdragen, shrunk[36].Bijdragen.Max()));
    }

    [Fact]
    public void A_recent_no_indication_holds_a_provider_back_unless_its_facts_changed_and_names_the_change()
    {
        var world = World();
        var then = world[45].Kenmerken;
        var moved = world[46].Kenmerken.ToArray();
        var before = moved.ToArray();
        before[1] = moved[1] - 0.6;                              // b moved by far more than its interquartile range since
        var memory = new AssessmentMemory(
        [
            Past("A045", ReviewStatus.GeenAanwijzing, features: then, indicators: []),
            Past("A046", ReviewStatus.GeenAanwijzing, features: before),
            Past("A047", ReviewStatus.GeenAanwijzing, features: world[47].Kenmerken, datum: Rundatum.AddDays(-366)),
            Past("A048", ReviewStatus.GeenAanwijzing, features: world[48].Kenmerken),
        ]);
        world[48] = world[48] with { Indicatoren = ["COLOC_PAND"] };

        var outcome = LearningStep.Apply(Input(world), memory, new LearningSettings());
        var byId = outcome.Aanbieders.ToDictionary(a => a.AanbiederId);

        Assert.False(byId["A045"].Gepubliceerd);
        Assert.Contains("Niet opnieuw gepubliceerd", byId["A045"].Toelichting);
        Assert.Equal(["A045"], outcome.Samenvatting.Tegengehouden);
        Assert.True(byId["A046"].Gepubliceerd);
        Assert.Contains("opnieuw gepubliceerd omdat de feiten wezenlijk veranderden: b van", byId["A046"].Toelichting);
        Assert.True(byId["A047"].Gepubliceerd);                  // the waiting period (365 days) has passed
        Assert.Null(byId["A047"].Toelichting);
        Assert.Contains("indicator COLOC_PAND is nu afgegaan", byId["A048"].Toelichting);
        Assert.DoesNotContain("A045", outcome.Samenvatting.Steekproef); // held back is not sampled either
    }

    [Fact]
    public void A_confirmed_case_that_still_runs_is_not_published_anew_nor_sampled_and_a_closed_one_may_return()
    {
        var world = World();
        var memory = new AssessmentMemory(
        [
            Past("A041", ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2, features: world[41].Kenmerken),
            Past("A042", ReviewStatus.KennisgevingVerstuurd, confirmed: true, reviewers: 2, features: world[42].Kenmerken),
            Past("A043", ReviewStatus.Afgesloten, confirmed: true, reviewers: 2, features: world[43].Kenmerken),
            Past("A150", ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2, features: world[150].Kenmerken), // below the threshold
        ]);

        var outcome = LearningStep.Apply(Input(world), memory, new LearningSettings { SteekproefAandeel = 1 });
        var byId = outcome.Aanbieders.ToDictionary(a => a.AanbiederId);

        Assert.Equal(["A041", "A042", "A150"], outcome.Samenvatting.InOnderzoek);
        Assert.False(byId["A041"].Gepubliceerd);
        Assert.Contains("het nader onderzoek uit run-1 (bevestigd, nu kennisgeving verstuurd) loopt nog", byId["A042"].Toelichting);
        Assert.True(byId["A043"].Gepubliceerd);
        Assert.False(byId["A150"].Gepubliceerd);                  // the sample takes every other provider below the threshold here
        Assert.Equal(outcome.Aanbieders.Count(a => a.Risicoscore < 40) - 1, outcome.Samenvatting.Steekproef.Count);
        Assert.Empty(outcome.Samenvatting.Tegengehouden);
    }

    [Fact]
    public void The_learned_part_lifts_but_never_puts_a_provider_below_its_base_score_unless_the_plain_blend_is_chosen()
    {
        var world = World();
        var lifted = LearningStep.Apply(Input(world), Memory(world), new LearningSettings());
        var plain = LearningStep.Apply(Input(world), Memory(world), new LearningSettings { AlleenOphogen = false });

        Assert.All(lifted.Aanbieders.Zip(world), x => Assert.True(x.First.Risicoscore >= x.Second.Basisscore));
        Assert.Contains(lifted.Aanbieders.Zip(world), x => x.First.Risicoscore > x.Second.Basisscore);
        Assert.Contains(plain.Aanbieders.Zip(world), x => x.First.Risicoscore < x.Second.Basisscore);
        Assert.Equal(40, LearningStep.Blend(80, 0, 0.5, liftOnly: false));
        Assert.Equal(80, LearningStep.Blend(80, 0, 0.5, liftOnly: true));
        Assert.Equal(60, LearningStep.Blend(20, 1, 0.5, liftOnly: true));
    }

    [Fact]
    public void Behind_the_rules_a_provider_below_the_threshold_is_lifted_onto_the_list_but_ranks_after_every_rules_signal()
    {
        // One more provider the rules flag (feature a) that also has the hidden scheme (feature b): the model lifts it too.
        var world = World().Append(Candidate("A300", 60, [0.97, 0.95, 0.5])).ToList();
        var bold = new LearningSettings();
        Assert.Equal((false, 0, Optilling.AchterRegels), (bold.KleineBomen, bold.Krimp, bold.Optillen));
        var anywhere = LearningStep.Apply(Input(world), Memory(world), bold with { Optillen = Optilling.Overal });
        var behind = LearningStep.Apply(Input(world), Memory(world), bold);
        var below = LearningStep.Apply(Input(world), Memory(world), bold with { Optillen = Optilling.AlleenOnderDrempel });

        Assert.All(anywhere.Aanbieders, a => Assert.False(a.AchterRegels));
        Assert.Equal(world.Select(c => c.Basisscore < 40), behind.Aanbieders.Select(a => a.AchterRegels));
        Assert.Equal(world.Select(c => c.Basisscore < 40), below.Aanbieders.Select(a => a.AchterRegels));
        // The same lifted scores; only the place in the list differs.
        Assert.Equal(anywhere.Aanbieders.Select(a => a.Risicoscore), behind.Aanbieders.Select(a => a.Risicoscore));
        Assert.Contains("hoogstens tot achter de signalen van de regels", behind.Samenvatting.Reden);

        // The unassessed hidden-scheme providers are lifted onto the list, and their explanation says why they stand behind.
        var lifted = behind.Aanbieders.Skip(35).Take(5).Where(a => a.Risicoscore >= 40).ToList();
        Assert.NotEmpty(lifted);
        Assert.All(lifted, a => Assert.True(a.Gepubliceerd && a.AchterRegels && a.Toelichting!.Contains("Door het geleerde model op de lijst gezet", StringComparison.Ordinal)));
        Assert.All(behind.Aanbieders.Where(a => !a.AchterRegels), a => Assert.DoesNotContain("Door het geleerde model", a.Toelichting ?? "", StringComparison.Ordinal));

        // Among the rules' signals the learned part still lifts, unless only the providers below the threshold may be lifted.
        Assert.True(behind.Aanbieders[^1].Risicoscore > 60, $"{behind.Aanbieders[^1].Risicoscore}");
        Assert.Equal(60, below.Aanbieders[^1].Risicoscore);
        Assert.All(below.Aanbieders.Zip(world).Where(x => x.Second.Basisscore >= 40), x => Assert.Equal(x.Second.Basisscore, x.First.Risicoscore));
        Assert.Equal(behind.Aanbieders.Where(a => a.AchterRegels).Select(a => a.Risicoscore), below.Aanbieders.Where(a => a.AchterRegels).Select(a => a.Risicoscore));
    }

    [Fact]
    public void Switched_off_it_changes_nothing_even_with_assessments()
    {
        var world = World();
        var outcome = LearningStep.Apply(Input(world), Memory(world), new LearningSettings { Aan = false });
        Assert.Equal(world.Select(c => c.Basisscore), outcome.Aanbieders.Select(a => a.Risicoscore));
        Assert.DoesNotContain(outcome.Aanbieders, a => a.Steekproef is not null);
        Assert.Null(outcome.Publicatie);
        Assert.Contains("uit", outcome.Samenvatting.Reden);
    }
}
