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

    // The notice and response procedure after a confirmed nader_onderzoek.
    private const string Brief = "Kennisgeving per aangetekende brief aan het bestuur van de aanbieder verzonden, kenmerk 2026-0042.";
    private const string Weging = "De zienswijze verklaart het gedeelde pand met huurcontracten per cliënt, maar niet de declaraties na verhuizing.";

    private static Beoordeling Onderzoek => Na(Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna), new BevestigEscalatie(Goed), Bob);

    private static Beoordeling Op(Beoordeling b, BeoordelingsActie actie, Reviewer wie, DateOnly dag)
    {
        var o = ReviewStateMachine.Pas(b, actie, wie, new DateTimeOffset(dag.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        Assert.True(o.Toegestaan, o.Melding);
        return o.Nieuw!;
    }

    private static Overgang PasOp(Beoordeling b, BeoordelingsActie actie, Reviewer wie, DateOnly dag) =>
        ReviewStateMachine.Pas(b, actie, wie, new DateTimeOffset(dag.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    [Fact]
    public void A_confirmed_investigation_goes_through_notice_and_response_to_a_decision_that_refers_to_the_response()
    {
        var verstuurd = Na(Onderzoek, new VerstuurKennisgeving(Vandaag, 14, "tekst van de kennisgeving", Brief), Anna);
        Assert.Equal(ReviewStatus.KennisgevingVerstuurd, verstuurd.Status);
        Assert.Equal(Vandaag.AddDays(14), verstuurd.ReactieUiterlijk);
        Assert.Equal((Vandaag, "tekst van de kennisgeving"), (verstuurd.Kennisgeving!.Datum!.Value, verstuurd.Kennisgeving.Tekst));

        var ontvangen = Op(verstuurd, new LegZienswijzeVast(Vandaag.AddDays(5), "Wij verhuren de kamers met een contract per cliënt.", "zaak 2026-17, bijlage 3", Goed), Anna, Vandaag.AddDays(6));
        Assert.Equal(ReviewStatus.ZienswijzeOntvangen, ontvangen.Status);
        var zienswijze = ontvangen.Zienswijze!;
        Assert.Equal((4, Vandaag.AddDays(5), "zaak 2026-17, bijlage 3"), (zienswijze.Nummer, zienswijze.Datum!.Value, zienswijze.Document));

        // The decision must name the response it weighs, and say how; then it may come before the period ends.
        Assert.Equal(Weigering.OngeldigeInvoer, PasOp(ontvangen, new NeemBesluit(Besluit.Maatregel, Weging, null, Goed), Bob, Vandaag.AddDays(7)).Weigering);
        Assert.Equal(Weigering.OngeldigeInvoer, PasOp(ontvangen, new NeemBesluit(Besluit.Maatregel, Weging, 3, Goed), Bob, Vandaag.AddDays(7)).Weigering);
        Assert.Equal(Weigering.OngeldigeInvoer, PasOp(ontvangen, new NeemBesluit(Besluit.Maatregel, "gewogen", 4, Goed), Bob, Vandaag.AddDays(7)).Weigering);
        Assert.Equal(Weigering.OngeldigeInvoer, PasOp(ontvangen, new NeemBesluit("boete", Weging, 4, Goed), Bob, Vandaag.AddDays(7)).Weigering);
        Assert.Equal(Weigering.GeenRecht, PasOp(ontvangen, new NeemBesluit(Besluit.Maatregel, Weging, 4, Goed), Anna, Vandaag.AddDays(7)).Weigering);
        var besloten = Op(ontvangen, new NeemBesluit(Besluit.Maatregel, Weging, 4, Goed), Bob, Vandaag.AddDays(7));
        Assert.Equal(ReviewStatus.Afgesloten, besloten.Status);
        Assert.Equal((4, Besluit.Maatregel, Weging), (besloten.LaatsteStap!.VerwijstNaarStap, besloten.LaatsteStap.Besluit, besloten.LaatsteStap.Weging));
        Assert.Null(besloten.ReactieUiterlijk);

        // Closed is closed.
        BeoordelingsActie[] acties = [new Beoordeel(Uitkomst.GeenAanwijzing, Goed), new Heropen(Goed), new VerstuurKennisgeving(Vandaag, 14, "x", Brief),
            new LegZienswijzeVast(Vandaag, "nog iets", null, Goed), new NeemBesluit(Besluit.GeenMaatregel, Weging, 4, Goed)];
        foreach (var actie in acties) Assert.Equal(Weigering.NietInDezeStatus, PasOp(besloten, actie, Carla, Vandaag.AddDays(8)).Weigering);
    }

    [Fact]
    public void Without_a_response_the_decision_waits_for_the_end_of_the_period()
    {
        var verstuurd = Na(Onderzoek, new VerstuurKennisgeving(Vandaag, 14, "tekst", Brief), Anna);
        var uiterlijk = Vandaag.AddDays(14);
        var teVroeg = PasOp(verstuurd, new NeemBesluit(Besluit.GeenMaatregel, Weging, null, Goed), Bob, uiterlijk);
        Assert.Equal(Weigering.NietInDezeStatus, teVroeg.Weigering);
        Assert.Contains("reactietermijn loopt tot en met", teVroeg.Melding);
        Assert.False(verstuurd.TermijnVerstreken(uiterlijk));
        Assert.True(verstuurd.TermijnVerstreken(uiterlijk.AddDays(1)));
        Assert.Equal(Weigering.OngeldigeInvoer, PasOp(verstuurd, new NeemBesluit(Besluit.GeenMaatregel, Weging, 3, Goed), Bob, uiterlijk.AddDays(1)).Weigering);
        var besloten = Op(verstuurd, new NeemBesluit(Besluit.GeenMaatregel, "Binnen de termijn is geen zienswijze ontvangen; het dossier is daarop nagekeken.", null, Goed), Bob, uiterlijk.AddDays(1));
        Assert.Equal(ReviewStatus.Afgesloten, besloten.Status);
        Assert.Null(besloten.LaatsteStap!.VerwijstNaarStap);
    }

    [Fact]
    public void Notice_and_response_are_checked_for_order_dates_and_roles()
    {
        // Not before a confirmed investigation, not by a role without the right, with a sane date and period.
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(Na(Nieuw, new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna), new VerstuurKennisgeving(Vandaag, 14, "t", Brief), Anna));
        Assert.Equal(Weigering.GeenRecht, Weigert(Onderzoek, new VerstuurKennisgeving(Vandaag, 14, "t", Brief), Bob));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Onderzoek, new VerstuurKennisgeving(Vandaag.AddDays(1), 14, "t", Brief), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Onderzoek, new VerstuurKennisgeving(Vandaag.AddDays(-1), 14, "t", Brief), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Onderzoek, new VerstuurKennisgeving(Vandaag, KennisgevingProcedure.MinimumTermijnDagen - 1, "t", Brief), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Onderzoek, new VerstuurKennisgeving(Vandaag, 14, " ", Brief), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(Onderzoek, new VerstuurKennisgeving(Vandaag, 14, "t", "verstuurd"), Anna));
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(Onderzoek, new LegZienswijzeVast(Vandaag, "reactie", null, Goed), Anna));
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(Onderzoek, new NeemBesluit(Besluit.GeenMaatregel, Weging, null, Goed), Bob));

        var verstuurd = Na(Onderzoek, new VerstuurKennisgeving(Vandaag, 14, "t", Brief), Anna);
        Assert.Equal(Weigering.NietInDezeStatus, Weigert(verstuurd, new VerstuurKennisgeving(Vandaag, 14, "t", Brief), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(verstuurd, new LegZienswijzeVast(Vandaag, " ", "", Goed), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(verstuurd, new LegZienswijzeVast(Vandaag.AddDays(-1), "reactie", null, Goed), Anna));
        Assert.Equal(Weigering.OngeldigeInvoer, Weigert(verstuurd, new LegZienswijzeVast(Vandaag.AddDays(1), "reactie", null, Goed), Anna));
        Assert.Equal(Weigering.GeenRecht, Weigert(verstuurd, new LegZienswijzeVast(Vandaag, "reactie", null, Goed), Auditor));
        // A late response is still recorded (and then weighed).
        Assert.Equal(ReviewStatus.ZienswijzeOntvangen, Op(verstuurd, new LegZienswijzeVast(Vandaag.AddDays(20), null, "brief van 20 dagen later", Goed), Anna, Vandaag.AddDays(21)).Status);
    }
}
