using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.RiskList;

public sealed class NaturalPersonTests
{
    [Theory]
    [InlineData("opdracht", "Zorgverlening F. Jansen")]          // a zzp'er's trade name: its kind tells
    [InlineData("arbeidsovereenkomst", "Thuishulp Noord")]
    [InlineData("familie", "De Zorgzame Hand")]
    [InlineData("instelling", "F. van der Meer")]                // a person's name, whatever the kind
    [InlineData(null, "J.K. de Vries-Bakker")]
    [InlineData("instelling", "Eenmanszaak Bakker h.o.d.n. Zorg aan Huis")]
    public void A_person_agreement_or_a_persons_name_makes_a_natural_person(string? soort, string naam) =>
        Assert.True(NaturalPerson.Is(soort, naam));

    [Theory]
    [InlineData("instelling", "Stichting Zorggroep Oost")]
    [InlineData(null, "Zorg & Welzijn B.V.")]
    [InlineData("instelling", "De Zorgzame Hand")]
    public void An_institution_with_an_organisations_name_is_no_natural_person(string? soort, string naam) =>
        Assert.False(NaturalPerson.Is(soort, naam));

    [Fact]
    public void A_signal_carries_the_runs_mark_and_one_without_it_is_judged_by_its_name()
    {
        Signal S(string naam, bool mark) => new(1, "A1", naam, 50, [], 0.5, "", null, ReviewStatus.TeBeoordelen, "run-1", null, mark);

        Assert.True(NaturalPerson.Is(S("Zorgverlening F. Jansen", mark: true)));
        Assert.True(NaturalPerson.Is(S("F. Jansen", mark: false)));     // a run before the mark existed
        Assert.False(NaturalPerson.Is(S("Zorgverlening F. Jansen", mark: false)));
    }

    [Fact]
    public void The_risk_run_marks_signals_with_the_same_rule_the_learning_uses()
    {
        var inputs = ZorgfraudeSignalen.Tests.Shared.GeneratedInputs.Create(providers: 300, clients: 6000, seed: 11).Inputs;
        var result = RiskEngine.Compute(RunTables.From(inputs), new RiskConfiguration { Rundatum = new DateOnly(2026, 1, 5) }, "run-x");

        var learning = result.Leren!.Invoer.Aanbieders.ToDictionary(a => a.AanbiederId, a => a.NatuurlijkPersoon);
        Assert.All(result.Signals, s => Assert.Equal(learning[s.AanbiederId], s.NatuurlijkPersoon));
        Assert.Contains(result.Signals, s => s.NatuurlijkPersoon);
        Assert.Contains(result.Signals, s => !s.NatuurlijkPersoon);
        // A zzp'er trading under a name with words around the person's is a person by its kind, not its name.
        Assert.Contains(result.Signals, s => s.NatuurlijkPersoon && !NaturalPerson.Is(null, s.AanbiederNaam));
    }
}
