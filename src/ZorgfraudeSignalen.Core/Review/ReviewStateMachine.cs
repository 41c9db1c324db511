using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Review;

/// <summary>Why a transition was refused; the portal maps these to HTTP status codes.</summary>
public enum Weigering
{
    /// <summary>The person lacks the role the action needs.</summary>
    GeenRecht,
    /// <summary>The same person who proposed an escalation tries to confirm or reject it.</summary>
    ZelfdePersoon,
    /// <summary>The action does not apply to the signal's current status.</summary>
    NietInDezeStatus,
    /// <summary>The rationale, outcome or expiry date is not acceptable.</summary>
    OngeldigeInvoer,
}

/// <summary>The result of asking the state machine: the new state and the step, or a refusal with a Dutch explanation.</summary>
public sealed record Overgang(Beoordeling? Nieuw, BeoordelingsStap? Stap, Weigering? Weigering, string? Melding)
{
    public bool Toegestaan => Nieuw is not null;
    internal static Overgang Geweigerd(Weigering reden, string melding) => new(null, null, reden, melding);
}

/// <summary>
/// The assessment state machine, pure: no storage, no clock of its own.
/// <code>
/// te_beoordelen ──beoordelaar──► geen_aanwijzing
///               ──beoordelaar──► buiten_beschouwing (until an expiry date; after it: te_beoordelen again)
///               ──beoordelaar──► nader_onderzoek_voorgesteld ──tweede beoordelaar, another person──► nader_onderzoek
///                                                            ──tweede beoordelaar, another person──► te_beoordelen (rejected)
/// geen_aanwijzing, buiten_beschouwing ──beoordelaar──► te_beoordelen (reopened)
/// nader_onderzoek ──beoordelaar: notice sent, date, response period──► kennisgeving_verstuurd
/// kennisgeving_verstuurd ──beoordelaar: the provider's response──► zienswijze_ontvangen
/// zienswijze_ontvangen ──tweede beoordelaar: decision referring to the response──► afgesloten
/// kennisgeving_verstuurd ──tweede beoordelaar, only after the response period ended──► afgesloten
/// </code>
/// Every step needs a substantive rationale (<see cref="Motivering"/>). <c>nader_onderzoek</c>, the only status that
/// allows action, is reached only through two different persons' recorded judgements; before any action the provider is
/// told and heard (<see cref="KennisgevingProcedure"/>). A signal that was not published for review
/// (<c>niet_gepubliceerd</c>) and a closed one accept no action here.
/// </summary>
public static class ReviewStateMachine
{
    /// <summary>The longest a signal may be set aside before it must be looked at again.</summary>
    public const int MaximaleTermijnDagen = 731;

    public static Overgang Pas(Beoordeling huidig, BeoordelingsActie actie, Reviewer wie, DateTimeOffset nu)
    {
        var vandaag = DateOnly.FromDateTime(nu.UtcDateTime);
        var status = huidig.StatusOp(vandaag);

        var (rol, toegestaanVanuit) = actie switch
        {
            Beoordeel => (Rol.Beoordelaar, new[] { ReviewStatus.TeBeoordelen }),
            BevestigEscalatie or WijsEscalatieAf => (Rol.TweedeBeoordelaar, [ReviewStatus.NaderOnderzoekVoorgesteld]),
            Heropen => (Rol.Beoordelaar, [ReviewStatus.GeenAanwijzing, ReviewStatus.BuitenBeschouwing]),
            VerstuurKennisgeving => (Rol.Beoordelaar, [ReviewStatus.NaderOnderzoek]),
            LegZienswijzeVast => (Rol.Beoordelaar, [ReviewStatus.KennisgevingVerstuurd]),
            NeemBesluit => (Rol.TweedeBeoordelaar, [ReviewStatus.KennisgevingVerstuurd, ReviewStatus.ZienswijzeOntvangen]),
            _ => throw new ArgumentOutOfRangeException(nameof(actie)),
        };
        if (!wie.Heeft(rol))
            return Overgang.Geweigerd(Weigering.GeenRecht, $"Hiervoor is de rol {Rol.Omschrijving(rol)} nodig; u bent ingelogd als {RollenTekst(wie)}.");
        if (!toegestaanVanuit.Contains(status))
            return Overgang.Geweigerd(Weigering.NietInDezeStatus, NietInStatus(actie, status));
        if (huidig.OpenVoorstel is { } voorstel && actie is BevestigEscalatie or WijsEscalatieAf && wie.IsZelfde(voorstel.DoorId))
            return Overgang.Geweigerd(Weigering.ZelfdePersoon,
                "U heeft dit nader onderzoek zelf voorgesteld. Een andere persoon met de rol tweede beoordelaar moet het bevestigen of afwijzen (vier-ogenprincipe).");
        if (Motivering.Controleer(actie.Motivering) is { } fout)
            return Overgang.Geweigerd(Weigering.OngeldigeInvoer, fout);

        string naar;
        DateOnly? verlooptOp = null;
        Func<BeoordelingsStap, BeoordelingsStap> velden = s => s;
        switch (actie)
        {
            case VerstuurKennisgeving or LegZienswijzeVast or NeemBesluit:
                var procedure = KennisgevingProcedure.Controleer(huidig, actie, vandaag);
                if (procedure.Weigering is { } w) return Overgang.Geweigerd(w, procedure.Melding!);
                (naar, velden) = (procedure.Naar, procedure.Velden);
                break;
            case Beoordeel b:
                if (!Uitkomst.Alle.Contains(b.Uitkomst))
                    return Overgang.Geweigerd(Weigering.OngeldigeInvoer, $"Onbekende uitkomst '{b.Uitkomst}'. Kies geen_aanwijzing, nader_onderzoek of buiten_beschouwing.");
                if (b.Uitkomst == Uitkomst.BuitenBeschouwing)
                {
                    if (b.VerlooptOp is not { } tot)
                        return Overgang.Geweigerd(Weigering.OngeldigeInvoer, "Buiten beschouwing laten kan alleen tot een einddatum: vul in tot wanneer.");
                    if (tot <= vandaag)
                        return Overgang.Geweigerd(Weigering.OngeldigeInvoer, "De einddatum van buiten beschouwing moet na vandaag liggen.");
                    if (tot > vandaag.AddDays(MaximaleTermijnDagen))
                        return Overgang.Geweigerd(Weigering.OngeldigeInvoer, "Buiten beschouwing kan hoogstens twee jaar; kies een eerdere einddatum.");
                    verlooptOp = tot;
                }
                else if (b.VerlooptOp is not null)
                    return Overgang.Geweigerd(Weigering.OngeldigeInvoer, "Een einddatum hoort alleen bij buiten beschouwing.");
                naar = b.Uitkomst == Uitkomst.NaderOnderzoek ? ReviewStatus.NaderOnderzoekVoorgesteld : b.Uitkomst;
                break;
            case BevestigEscalatie:
                naar = ReviewStatus.NaderOnderzoek;
                break;
            default: // WijsEscalatieAf, Heropen
                naar = ReviewStatus.TeBeoordelen;
                break;
        }

        var stap = velden(new BeoordelingsStap(huidig.Versie + 1, actie.Soort, status, naar, actie.Motivering.Trim(), wie.Id, wie.Naam, rol, nu, verlooptOp));
        return new Overgang(huidig with { Status = naar, Stappen = [.. huidig.Stappen, stap] }, stap, null, null);
    }

    private static string NietInStatus(BeoordelingsActie actie, string status) => (actie, status) switch
    {
        (_, ReviewStatus.NietGepubliceerd) => "Dit signaal is niet gepubliceerd ter beoordeling (onder de publicatiedrempel) en kan niet beoordeeld worden.",
        (_, ReviewStatus.Afgesloten) => "Over dit signaal is een afsluitend besluit genomen; er kan niets meer aan worden toegevoegd.",
        (VerstuurKennisgeving, _) => $"Een kennisgeving aan de aanbieder kan alleen na bevestigd nader onderzoek, en één keer (status: {StatusTekst.Kort(status)}).",
        (LegZienswijzeVast, _) => $"Een zienswijze kan alleen worden vastgelegd nadat de kennisgeving is verstuurd en voordat er een besluit is (status: {StatusTekst.Kort(status)}).",
        (NeemBesluit, _) => $"Een afsluitend besluit kan pas nadat de aanbieder een kennisgeving heeft gekregen (status: {StatusTekst.Kort(status)}).",
        (_, ReviewStatus.NaderOnderzoek) => "Voor dit signaal is nader onderzoek bevestigd; de volgende stap is de kennisgeving aan de aanbieder.",
        (_, ReviewStatus.KennisgevingVerstuurd or ReviewStatus.ZienswijzeOntvangen) => $"Voor dit signaal loopt de kennisgeving aan de aanbieder ({StatusTekst.Kort(status)}); alleen de volgende stap daarvan is mogelijk.",
        (Beoordeel, ReviewStatus.NaderOnderzoekVoorgesteld) => "Er ligt al een voorstel voor nader onderzoek; een tweede beoordelaar moet het eerst bevestigen of afwijzen.",
        (Beoordeel, _) => $"Dit signaal is al beoordeeld ({StatusTekst.Kort(status)}). Heropen het eerst als u de beoordeling wilt herzien.",
        (BevestigEscalatie or WijsEscalatieAf, _) => $"Er ligt geen voorstel voor nader onderzoek om te bevestigen of af te wijzen (status: {StatusTekst.Kort(status)}).",
        _ => $"Alleen een signaal met geen aanwijzing of buiten beschouwing kan heropend worden (status: {StatusTekst.Kort(status)}).",
    };

    private static string RollenTekst(Reviewer wie) =>
        wie.Rollen.Count == 0 ? "iemand zonder rol" : string.Join(", ", wie.Rollen.Select(Rol.Omschrijving));
}

/// <summary>Dutch labels of the review statuses.</summary>
public static class StatusTekst
{
    public static string Kort(string status) => status switch
    {
        ReviewStatus.TeBeoordelen => "te beoordelen",
        ReviewStatus.GeenAanwijzing => "geen aanwijzing",
        ReviewStatus.NaderOnderzoekVoorgesteld => "nader onderzoek voorgesteld",
        ReviewStatus.NaderOnderzoek => "nader onderzoek",
        ReviewStatus.BuitenBeschouwing => "buiten beschouwing",
        ReviewStatus.NietGepubliceerd => "niet gepubliceerd",
        ReviewStatus.KennisgevingVerstuurd => "kennisgeving verstuurd",
        ReviewStatus.ZienswijzeOntvangen => "zienswijze ontvangen",
        ReviewStatus.Afgesloten => "afgesloten",
        _ => status,
    };
}
