using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Tests.Review;

public sealed class ReviewStateMachineTests
{
    private const string Goed = "Dossier bekeken: het betreft een erkende woonvorm met eigen huurcontracten per cliënt.";
    private static readonly DateTimeOffset Nu = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Vandaag = DateOnly.FromDateTime(Nu.UtcDateTime);
    private static readonly Reviewer Anna = new("a", "Anna", [Rol.Beoordelaar]);
    private static readonly Reviewer Bob = new("b", "Bob", [Rol.TweedeBeoordelaar]);
    private static readonly Reviewer Carla = new("c", "Carla", [Rol.Beoordelaar, Rol.TweedeBeoordelaar]);
    private static readonly Reviewer Auditor = new("d", "Dirk", [Rol.Auditor]);
    private static readonly Reviewer Engineer = new("e", "Eva", [Rol.DataEngineer]);

    private static Beoordeling Nieuw => Beoordeling.Nieuw("run", "AGB1", "hash");

    private static Beoordeling Na(Beoordeling b, BeoordelingsActie actie, Reviewer wie)
    {
        var o = ReviewStateMachine.Pas(b, actie, wie, Nu);
        Assert.True(o.Toegestaan, o.Melding);
        return o.Nieuw!;
    }

    private static Weigering? Weigert(Beoordeling b, BeoordelingsActie actie, Reviewer wie) => ReviewStateMachine.Pas(b, actie, wie, Nu).Weigering;

    [Theory]
    [InlineData(Uitkomst.GeenAanwijzing, ReviewStatus.GeenAanwijzing)]
    [InlineData(Uitkomst.NaderOnderzoek, ReviewStatus.NaderOnderzoekVoorgesteld)]
    public void A_first_reviewer_moves_a_new_signal_to_the_outcome_or_to_a_proposal(string uitkomst, string verwacht)
    {
        var b = Na(Nieuw, new Beoordeel(uitkomst, Goed), Anna);
        Assert.Equal(verwacht, b.Status);
        var stap = Assert.Single(b.Stappen);
        Assert.Equal((1, ReviewStatus.TeBeoordelen, verwacht, "a", "Anna", Rol.Beoordelaar, Nu), (stap.Nummer, stap.Van, stap.Naar, stap.DoorId, stap.DoorNaam, stap.Rol, stap.Op));
        Assert.Equal(Goed, stap.Motivering);
    }

    [Fact]
    public void Nader_onderzoek_is_reached_only_through_a_second_different_person()
    {
        var voorgesteld = Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Carla);
        Assert.Equal(Weigering.ZelfdePersoon, Weigert(voorgesteld, new BevestigEscalatie(Goed), Carla));
        Assert.Equal(Weigering.ZelfdePersoon, Weigert(voorgesteld, new WijsEscalatieAf(Goed), Carla));
        Assert.Equal(Weigering.GeenRecht, Weigert(voorgesteld, new BevestigEscalatie(Goed), Anna));
        var bevestigd = Na(voorgesteld, new BevestigEscalatie(Goed), Bob);
        Assert.Equal(ReviewStatus.NaderOnderzoek, bevestigd.Status);
        Assert.Equal(["c", "b"], bevestigd.Stappen.Select(s => s.DoorId));
    }

    [Fact]
    public void The_same_person_is_recognised_by_id_not_by_display_name()
    {
        var voorgesteld = Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), new Reviewer("x1", "Jan", [Rol.Beoordelaar]));
        Assert.True(ReviewStateMachine.Pas(voorgesteld, new BevestigEscalatie(Goed), new Reviewer("x2", "Jan", [Rol.TweedeBeoordelaar]), Nu).Toegestaan);
        Assert.Equal(Weigering.ZelfdePersoon, Weigert(voorgesteld, new BevestigEscalatie(Goed), new Reviewer("x1", "Jan (ander scherm)", [Rol.TweedeBeoordelaar])));
    }

    [Fact]
    public void A_rejected_proposal_goes_back_to_be_assessed()
    {
        var b = Na(Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna), new WijsEscalatieAf(Goed), Bob);
        Assert.Equal(ReviewStatus.TeBeoordelen, b.Status);
        Assert.Equal(2, b.Versie);
        Assert.Equal(ReviewStatus.GeenAanwijzing, Na(b, new Beoordeel(Uitkomst.GeenAanwijzing, Goed), Anna).Status);
    }

    [Fact]
    public void Roles_without_the_right_to_act_are_refused_every_action()
    {
        BeoordelingsActie[] acties = [new Beoordeel(Uitkomst.GeenAanwijzing, Goed), new BevestigEscalatie(Goed), new WijsEscalatieAf(Goed), new Heropen(Goed)];
        foreach (var wie in new[] { Auditor, Engineer })
            foreach (var actie in acties)
                Assert.Equal(Weigering.GeenRecht, Weigert(Nieuw, actie, wie));
        Assert.Equal(Weigering.GeenRecht, Weigert(Nieuw, new Beoordeel(Uitkomst.GeenAanwijzing, Goed), Bob));
    }

    [Fact]
    public void Actions_that_do_not_fit_the_status_are_refused()
    {
        var geen = Na(Nieuw, new Beoordeel(Uitkomst.GeenAanwijzing, Goed), Anna);
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(geen, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna));
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(geen, new BevestigEscalatie(Goed), Bob));
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(Nieuw, new BevestigEscalatie(Goed), Bob));
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(Nieuw, new Heropen(Goed), Anna));
        var voorgesteld = Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna);
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(voorgesteld, new Beoordeel(Uitkomst.GeenAanwijzing, Goed), Anna));
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(voorgesteld, new Heropen(Goed), Anna));
        var onderzoek = Na(voorgesteld, new BevestigEscalatie(Goed), Bob);
        foreach (var actie in new BeoordelingsActie[] { new Beoordeel(Uitkomst.GeenAanwijzing, Goed), new BevestigEscalatie(Goed), new WijsEscalatieAf(Goed), new Heropen(Goed) })
            Assert.Equal(Weigering.NietInDezeStatus, Weigert(onderzoek, actie, Carla));
        var nietGepubliceerd = Beoordeling.Nieuw("run", "AGB2", "h", ReviewStatus.NietGepubliceerd);
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(nietGepubliceerd, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna));
    }

    [Fact]
    public void Reopening_returns_an_assessed_signal_to_be_assessed()
    {
        var geen = Na(Nieuw, new Beoordeel(Uitkomst.GeenAanwijzing, Goed), Anna);
        var heropend = Na(geen, new Heropen(Goed), Anna);
        Assert.Equal(ReviewStatus.TeBeoordelen, heropend.Status);
        Assert.Equal(Weigering.GeenRecht, Weigert(geen, new Heropen(Goed), Bob));
    }

    [Fact]
    public void Set_aside_holds_until_its_expiry_date_and_then_needs_a_new_assessment()
    {
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Nieuw, new Beoordeel(Uitkomst.BuitenBeschouwing, Goed), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Nieuw, new Beoordeel(Uitkomst.BuitenBeschouwing, Goed, Vandaag), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Nieuw, new Beoordeel(Uitkomst.BuitenBeschouwing, Goed, Vandaag.AddDays(ReviewStateMachine.MaximaleTermijnDagen + 1)), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed, Vandaag.AddDays(10)), Anna));

        var tot = Vandaag.AddDays(30);
        var opzij = Na(Nieuw, new Beoordeel(Uitkomst.BuitenBeschouwing, Goed, tot), Anna);
        Assert.Equal(tot, opzij.VerlooptOp);
        Assert.Equal(ReviewStatus.BuitenBeschouwing, opzij.StatusOp(tot));
        Assert.Equal(ReviewStatus.TeBeoordelen, opzij.StatusOp(tot.AddDays(1)));
        // After expiry a new first assessment is allowed without reopening.
        var later = new DateTimeOffset(tot.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var o = ReviewStateMachine.Pas(opzij, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna, later);
        Assert.True(o.Toegestaan, o.Melding);
        Assert.Equal(ReviewStatus.TeBeoordelen, o.Stap!.Van);
    }

    [Fact]
    public void Unknown_outcomes_and_empty_rationales_are_refused()
    {
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Nieuw, new Beoordeel("fraude", Goed), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, "  "), Anna));
        var voorgesteld = Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna);
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(voorgesteld, new BevestigEscalatie("ok"), Bob));
    }

    [Fact]
    public void A_refused_transition_leaves_the_state_as_it_was()
    {
        var b = Nieuw;
        var o = ReviewStateMachine.Pas(b, new Beoordeel(Uitkomst.NaderOnderzoek, "kort"), Anna, Nu);
        Assert.Null(o.Nieuw);
        Assert.Empty(b.Stappen);
        Assert.False(string.IsNullOrWhiteSpace(o.Melding));
    }
}
