using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.RiskList;
using static ZorgfraudeSignalen.Core.Tests.Learning.LearningTestData;

namespace ZorgfraudeSignalen.Core.Tests.Learning;

public sealed class LabelRulesTests
{
    private static LabelSet Build(LearningSettings? settings = null, params PastAssessment[] past) =>
        LabelRules.Build(new AssessmentMemory(past), Names, Rundatum, settings ?? new LearningSettings());

    [Fact]
    public void Confirmed_escalation_is_positive_no_indication_negative_and_set_aside_no_label()
    {
        var set = Build(null,
            Past("P1", ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2),
            Past("P2", ReviewStatus.GeenAanwijzing),
            Past("P3", ReviewStatus.BuitenBeschouwing));

        Assert.Equal((1, 1), (set.Positief, set.Negatief));
        Assert.True(set.Labels.Single(l => l.AanbiederId == "P1").Positief);
        Assert.False(set.Labels.Single(l => l.AanbiederId == "P2").Positief);
        Assert.DoesNotContain(set.Labels, l => l.AanbiederId == "P3");
        Assert.Equal(1, set.Uitgesloten[LabelRules.GeenLabel]);
    }

    [Fact]
    public void An_escalation_without_a_second_different_reviewer_is_no_label()
    {
        var set = Build(null,
            Past("P1", ReviewStatus.NaderOnderzoek, confirmed: false, reviewers: 2),
            Past("P2", ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 1));
        Assert.Empty(set.Labels);
        Assert.Equal(2, set.Uitgesloten[LabelRules.GeenLabel]);
    }

    [Fact]
    public void Labels_expire_after_the_configured_period()
    {
        var settings = new LearningSettings { LabelGeldigheidDagen = 100 };
        var set = Build(settings,
            Past("OUD", ReviewStatus.GeenAanwijzing, datum: Rundatum.AddDays(-101)),
            Past("RAND", ReviewStatus.GeenAanwijzing, datum: Rundatum.AddDays(-100)));
        Assert.Equal(["RAND"], set.Labels.Select(l => l.AanbiederId));
        Assert.Equal(1, set.Uitgesloten[LabelRules.Verlopen]);
        Assert.Equal((Rundatum.AddDays(-100), Rundatum.AddDays(-100)), (set.Van!.Value, set.Tot!.Value));
    }

    [Fact]
    public void Natural_persons_are_left_out_only_when_configured()
    {
        var person = Past("ZZP", ReviewStatus.GeenAanwijzing, person: true);
        Assert.Single(Build(null, person).Labels);
        var excluded = Build(new LearningSettings { NatuurlijkePersonenUitsluiten = true }, person);
        Assert.Empty(excluded.Labels);
        Assert.Equal(1, excluded.Uitgesloten[LabelRules.NatuurlijkPersoon]);
    }

    [Fact]
    public void A_label_with_another_feature_set_is_not_used_and_only_the_latest_label_of_a_provider_counts()
    {
        var set = Build(null,
            Past("P1", ReviewStatus.GeenAanwijzing, names: ["a", "b", "x"]),
            Past("P2", ReviewStatus.GeenAanwijzing, datum: Rundatum.AddDays(-50), runId: "run-1"),
            Past("P2", ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2, datum: Rundatum.AddDays(-5), runId: "run-2"));
        var label = Assert.Single(set.Labels);
        Assert.Equal(("P2", true, "run-2"), (label.AanbiederId, label.Positief, label.RunId));
        Assert.Equal(1, set.Uitgesloten[LabelRules.AndereKenmerken]);
        Assert.Equal(1, set.Uitgesloten[LabelRules.Ouder]);
    }

    [Fact]
    public void Weights_are_inverse_propensities_scaled_to_average_one_and_clipped()
    {
        var set = Build(new LearningSettings { MinimumPropensiteit = 0.05 },
            Past("GEMARKEERD", ReviewStatus.GeenAanwijzing, propensity: 0.5),
            Past("STEEKPROEF", ReviewStatus.GeenAanwijzing, route: Route.Steekproef, propensity: 0.1),
            Past("ZELDZAAM", ReviewStatus.GeenAanwijzing, route: Route.Steekproef, propensity: 0.001));
        var w = set.Labels.ToDictionary(l => l.AanbiederId, l => l.Gewicht);
        Assert.Equal(1.0, set.Labels.Average(l => l.Gewicht), 5);
        Assert.Equal(5.0, w["STEEKPROEF"] / w["GEMARKEERD"], 4);   // 1/0.1 against 1/0.5
        Assert.Equal(10.0, w["ZELDZAAM"] / w["GEMARKEERD"], 4);    // clipped at 0.05: 1/0.05 against 1/0.5

        var naive = Build(new LearningSettings { Wegen = false },
            Past("GEMARKEERD", ReviewStatus.GeenAanwijzing, propensity: 0.5),
            Past("STEEKPROEF", ReviewStatus.GeenAanwijzing, route: Route.Steekproef, propensity: 0.1));
        Assert.All(naive.Labels, l => Assert.Equal(1.0, l.Gewicht));
    }

    [Fact]
    public void The_label_set_hash_changes_with_any_label_and_not_with_the_order_of_the_memory()
    {
        var a = Past("P1", ReviewStatus.GeenAanwijzing);
        var b = Past("P2", ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2);
        Assert.Equal(Build(null, a, b).Sha256, Build(null, b, a).Sha256);
        Assert.NotEqual(Build(null, a, b).Sha256, Build(null, a).Sha256);
    }
}
