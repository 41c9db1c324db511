using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// Kennisgeving en zienswijze on a signal's page, after a confirmed nader_onderzoek: the notice to the provider
/// (date sent, response period, the generated text), the provider's response, and the closing decision that refers
/// to it. The state machine decides (Core/Review/Kennisgeving.cs); every step goes to the audit log.
/// </summary>
public static class KennisgevingenEndpoints
{
    public static void MapKennisgevingen(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signalen/{runId}/{aanbiederId}/kennisgeving", Bewaar);
    }

    private static async Task<IResult> Bewaar(HttpContext ctx, PortalData data, PortalOptions opties, string runId, string aanbiederId)
    {
        var (form, formFout) = await Formulier.LeesAsync(ctx);
        if (form is null) return formFout!;
        var soort = form["actie"].ToString();
        var motivering = form["motivering"].ToString();
        int.TryParse(form["versie"], NumberStyles.None, CultureInfo.InvariantCulture, out var versie);

        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        var detail = lijst is not null && lijst.OpId.ContainsKey(aanbiederId) ? await data.DetailAsync(runId, aanbiederId, ctx.RequestAborted) : null;
        if (detail is null) return Fouten.NietGevonden("Dit signaal bestaat niet in een gepubliceerde run.");

        var (actie, fout) = Actie(form, soort, motivering, detail, opties);
        var resultaat = actie is null
            ? new OpslagResultaat.Geweigerd(Weigering.OngeldigeInvoer, fout!)
            : await data.Beoordelingen.PasToeAsync(detail.Signal, detail.FeitenHash, actie, ctx.User.Reviewer(), versie, ctx.RequestAborted);
        Terugkoppeling Terug(string melding, int code) => new(melding, soort, null, motivering, null, code);
        return resultaat switch
        {
            // The page shows its confirmation only when this step is there and is this person's (SignalenEndpoints).
            OpslagResultaat.Opgeslagen o => TypedResults.Redirect(Weergave.SignaalUrl(runId, aanbiederId) + "?opgeslagen=" + o.Stap.Nummer + "#beoordeling"),
            OpslagResultaat.Conflict c => await SignalenEndpoints.ToonAsync(ctx, data, opties, runId, aanbiederId, Terug(c.Melding, StatusCodes.Status409Conflict)),
            OpslagResultaat.Geweigerd g => await SignalenEndpoints.ToonAsync(ctx, data, opties, runId, aanbiederId, Terug(g.Melding, BeoordelingenEndpoints.StatusCode(g.Reden))),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>The action the form asks for, or a Dutch message on what is wrong with the input.</summary>
    private static (BeoordelingsActie? Actie, string? Fout) Actie(IFormCollection form, string soort, string motivering, SignalDetail detail, PortalOptions opties)
    {
        switch (soort)
        {
            case BeoordelingsActie.Kennisgeven:
                if (Datum(form["verzondenOp"]) is not { } verzonden) return (null, "Vul de verzenddatum in (jjjj-mm-dd).");
                if (!int.TryParse(form["termijn"], NumberStyles.None, CultureInfo.InvariantCulture, out var termijn))
                    return (null, $"Vul de reactietermijn in als aantal dagen ({KennisgevingProcedure.MinimumTermijnDagen} tot en met {KennisgevingProcedure.MaximumTermijnDagen}).");
                // The text is generated here, from the signal's facts, never taken from the form: nothing else can slip into it.
                var tekst = KennisgevingTekst.Maak(detail, opties.Organisatie, verzonden, verzonden.AddDays(termijn));
                return (new VerstuurKennisgeving(verzonden, termijn, tekst, motivering), null);
            case BeoordelingsActie.ZienswijzeVastleggen:
                if (Datum(form["ontvangenOp"]) is not { } ontvangen) return (null, "Vul de datum van ontvangst van de zienswijze in (jjjj-mm-dd).");
                return (new LegZienswijzeVast(ontvangen, form["zienswijze"].ToString(), form["document"].ToString(), motivering), null);
            case BeoordelingsActie.Besluiten:
                int? stap = int.TryParse(form["zienswijzeStap"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
                return (new NeemBesluit(form["besluit"].ToString(), form["weging"].ToString(), stap, motivering), null);
            default:
                return (null, $"Onbekende handeling '{soort}'.");
        }
    }

    private static DateOnly? Datum(string? tekst) =>
        DateOnly.TryParseExact(tekst?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The form for the next step of the procedure, or where it stands; for the signal page's assessment card.</summary>
    public static Html Procedure(HttpContext ctx, SignaalRegel regel, SignalDetail d, Reviewer wie, Terugkoppeling? terug, int versie)
    {
        var b = regel.Beoordeling;
        var vandaag = ctx.RequestServices.GetRequiredService<PortalData>().Vandaag;
        var opties = ctx.RequestServices.GetRequiredService<PortalOptions>();
        var actie = Weergave.SignaalUrl(d.Signal.RunId, d.Signal.AanbiederId) + "/kennisgeving";
        string Tekst(string soort) => terug is not null && terug.Actie == soort && terug.StatusCode != StatusCodes.Status409Conflict ? terug.Motivering : "";
        var regelTekst = Motivering.Regel;

        switch (regel.Status)
        {
            case ReviewStatus.NaderOnderzoek:
            {
                var uitleg = Html.H($"<p>Nader onderzoek is bevestigd door twee beoordelaars. Eerst krijgt de aanbieder een <b>kennisgeving</b>: welke gegevens, welk signaal, welk doel, en tot wanneer hij kan reageren (zienswijze). Een besluit kan pas daarna.</p>");
                var voorbeeld = KennisgevingTekst.Maak(d, opties.Organisatie, vandaag, vandaag.AddDays(KennisgevingProcedure.StandaardTermijnDagen));
                var tekstKaart = Html.H($"""
                    <details class="kennisgeving" open><summary>Tekst van de kennisgeving (gemaakt uit de feiten van het signaal)</summary>
                    <div class="kennisgevingstekst">{voorbeeld}</div>
                    <p class="sub">Zonder cliëntgegevens die de aanbieder niet al heeft: aantallen en bedragen, geen pseudoniemen, adressen of data van cliënten, niets over andere aanbieders. Bij het vastleggen wordt de tekst gemaakt met de verzenddatum en termijn die u invult.</p></details>
                    """);
                if (!wie.Heeft(Rol.Beoordelaar)) return uitleg + tekstKaart + Html.H($"<p class=\"sub\">Wacht op een beoordelaar die de kennisgeving verstuurt.</p>");
                return uitleg + tekstKaart + Html.H($"""
                    <form method="post" action="{actie}" class="formulier kennisgeving-formulier">{Formulier.Token(ctx)}
                    <input type="hidden" name="actie" value="{BeoordelingsActie.Kennisgeven}"><input type="hidden" name="versie" value="{versie}">
                    <label>Verzonden op <input type="date" name="verzondenOp" value="{Iso(vandaag)}" required></label>
                    <label>Reactietermijn in dagen <input type="number" name="termijn" value="{KennisgevingProcedure.StandaardTermijnDagen}" min="{KennisgevingProcedure.MinimumTermijnDagen}" max="{KennisgevingProcedure.MaximumTermijnDagen}" required></label>
                    <label>Hoe is de kennisgeving verstuurd? <textarea name="motivering" rows="3" required minlength="{Motivering.MinimumTekens}" maxlength="{Motivering.MaximumTekens}" placeholder="Bijvoorbeeld: per aangetekende brief aan het bestuur, kenmerk ...">{Tekst(BeoordelingsActie.Kennisgeven)}</textarea></label>
                    <p class="sub">{regelTekst}</p>
                    <button type="submit">Kennisgeving vastleggen als verstuurd</button></form>
                    """);
            }
            case ReviewStatus.KennisgevingVerstuurd:
            {
                var k = b!.Kennisgeving!;
                var verstreken = b.TermijnVerstreken(vandaag);
                var stand = Html.H($"""
                    <p class="termijn-stand">Kennisgeving verstuurd op {Weergave.Datum(k.Datum!.Value)}. De aanbieder kan reageren tot en met <b>{Weergave.Datum(k.ReactieUiterlijk!.Value)}</b>.
                    {(verstreken ? Html.H($"<span class=\"termijn verstreken\">De termijn is verstreken zonder zienswijze: een besluit kan nu.</span>") : Html.H($"<span class=\"termijn\">Nog geen zienswijze; een besluit kan pas na de termijn of na het vastleggen van de zienswijze.</span>"))}</p>
                    """);
                var zienswijze = wie.Heeft(Rol.Beoordelaar) ? Html.H($"""
                    <form method="post" action="{actie}" class="formulier zienswijze-formulier">{Formulier.Token(ctx)}
                    <h3>Zienswijze van de aanbieder vastleggen</h3>
                    <input type="hidden" name="actie" value="{BeoordelingsActie.ZienswijzeVastleggen}"><input type="hidden" name="versie" value="{versie}">
                    <label>Ontvangen op <input type="date" name="ontvangenOp" value="{Iso(vandaag)}" required></label>
                    <label>Zienswijze (tekst, of samenvatting van een mondelinge reactie) <textarea name="zienswijze" rows="5" maxlength="{KennisgevingProcedure.MaximumTekstTekens}"></textarea></label>
                    <label>Of verwijzing naar het document in het dossier <input type="text" name="document" maxlength="500"></label>
                    <label>Uw aantekening bij de ontvangst <textarea name="motivering" rows="3" required minlength="{Motivering.MinimumTekens}" maxlength="{Motivering.MaximumTekens}" placeholder="Hoe en van wie is de reactie ontvangen?">{Tekst(BeoordelingsActie.ZienswijzeVastleggen)}</textarea></label>
                    <button type="submit">Zienswijze vastleggen</button></form>
                    """) : Html.Leeg;
                return stand + zienswijze + BesluitFormulier(ctx, actie, b, null, wie, versie, Tekst(BeoordelingsActie.Besluiten), !verstreken);
            }
            case ReviewStatus.ZienswijzeOntvangen:
            {
                var z = b!.Zienswijze!;
                var stand = Html.H($"<p>Zienswijze ontvangen op {Weergave.Datum(z.Datum!.Value)} (stap {z.Nummer}); de reactietermijn liep tot en met {Weergave.Datum(b.Kennisgeving!.ReactieUiterlijk!.Value)}. Het besluit moet erop ingaan.</p>");
                return stand + BesluitFormulier(ctx, actie, b, z, wie, versie, Tekst(BeoordelingsActie.Besluiten), false);
            }
            case ReviewStatus.Afgesloten:
            {
                var s = b!.LaatsteStap!;
                return Html.H($"<p>Afgesloten door {s.DoorNaam} op {Weergave.Tijd(s.Op)}: <b>{Besluit.Omschrijving(s.Besluit ?? "")}</b>{(s.VerwijstNaarStap is { } n ? $", met weging van de zienswijze (stap {n})" : ", zonder zienswijze binnen de termijn")}.</p>");
            }
            default:
                return Html.Leeg;
        }
    }

    private static Html BesluitFormulier(HttpContext ctx, string actie, Beoordeling b, BeoordelingsStap? zienswijze, Reviewer wie, int versie, string motivering, bool nogNiet)
    {
        if (!wie.Heeft(Rol.TweedeBeoordelaar))
            return Html.H($"<p class=\"sub\">Het afsluitende besluit neemt een tweede beoordelaar.</p>");
        var keuzes = Besluit.Alle.Select(x => Html.H($"<label class=\"keuze\"><input type=\"radio\" name=\"besluit\" value=\"{x}\" required> <b>{Besluit.Omschrijving(x)}</b></label>"));
        var verwijzing = zienswijze is null
            ? Html.H($"<p class=\"sub\">Er is geen zienswijze vastgelegd. Beschrijf in de weging dat er binnen de termijn geen reactie kwam en wat u daarop heeft nagegaan.</p>")
            : Html.H($"""
                <div class="voorstel"><b>Zienswijze (stap {zienswijze.Nummer}), ontvangen {Weergave.Datum(zienswijze.Datum!.Value)}</b>
                {(zienswijze.Tekst is { } t ? Html.H($"<div class=\"motivering\">{t}</div>") : Html.Leeg)}{(zienswijze.Document is { } doc ? Html.H($"<div class=\"sub\">Document: {doc}</div>") : Html.Leeg)}</div>
                <input type="hidden" name="zienswijzeStap" value="{zienswijze.Nummer}">
                """);
        // Offered but refused by the server while the period runs: the page says why, the button says it cannot yet.
        var wacht = nogNiet ? Html.H($"<p class=\"melding\">Een besluit kan pas na {Weergave.Datum(b.ReactieUiterlijk!.Value)} of nadat de zienswijze is vastgelegd.</p>") : Html.Leeg;
        return Html.H($"""
            <form method="post" action="{actie}" class="formulier besluit-formulier">{Formulier.Token(ctx)}
            <h3>Afsluitend besluit</h3>{wacht}
            <input type="hidden" name="actie" value="{BeoordelingsActie.Besluiten}"><input type="hidden" name="versie" value="{versie}">
            {verwijzing}
            <fieldset><legend>Besluit</legend>{keuzes}</fieldset>
            <label>Weging van de zienswijze <textarea name="weging" rows="4" required minlength="{Motivering.MinimumTekens}" maxlength="{Motivering.MaximumTekens}" placeholder="Wat zegt de aanbieder, wat weegt u mee en waarom?"></textarea></label>
            <label>Motivering van het besluit <textarea name="motivering" rows="4" required minlength="{Motivering.MinimumTekens}" maxlength="{Motivering.MaximumTekens}">{motivering}</textarea></label>
            <p class="sub">{Motivering.Regel}</p>
            <button type="submit"{(nogNiet ? Html.Vertrouwd(" disabled") : Html.Leeg)}>Besluit vastleggen</button></form>
            """);
    }

    /// <summary>The procedure's own facts under a recorded step: the notice text, the response, the decision and its weighing.</summary>
    public static Html StapDetails(BeoordelingsStap s) => s.Actie switch
    {
        BeoordelingsActie.Kennisgeven => Html.H($"<div class=\"sub\">Verzonden {Weergave.Datum(s.Datum!.Value)}, reactie uiterlijk {Weergave.Datum(s.ReactieUiterlijk!.Value)}</div><details><summary>Tekst van de kennisgeving</summary><div class=\"kennisgevingstekst\">{s.Tekst}</div></details>"),
        BeoordelingsActie.ZienswijzeVastleggen => Html.H($"<div class=\"sub\">Zienswijze ontvangen {Weergave.Datum(s.Datum!.Value)}{(s.Document is { } doc ? " · document: " + doc : "")}</div>{(s.Tekst is { } t ? Html.H($"<div class=\"motivering zienswijze\">{t}</div>") : Html.Leeg)}"),
        BeoordelingsActie.Besluiten => Html.H($"<div class=\"sub\">Besluit: {Besluit.Omschrijving(s.Besluit ?? "")}{(s.VerwijstNaarStap is { } n ? $" · weegt de zienswijze van stap {n}" : " · geen zienswijze binnen de termijn")}</div><div class=\"motivering weging\">{s.Weging}</div>"),
        _ => Html.Leeg,
    };

    /// <summary>The deadline in the risk list: until when the provider may respond, or that a decision is due.</summary>
    public static Html Termijn(Beoordeling? b, DateOnly vandaag)
    {
        if (b?.ReactieUiterlijk is not { } tot) return Html.Leeg;
        if (b.Status == ReviewStatus.ZienswijzeOntvangen) return Html.H($"<span class=\"termijn\">zienswijze ontvangen · besluit nodig</span>");
        return b.TermijnVerstreken(vandaag)
            ? Html.H($"<span class=\"termijn verstreken\">termijn verstreken (liep tot en met {Weergave.Datum(tot)}) · besluit nodig</span>")
            : Html.H($"<span class=\"termijn\">reactie uiterlijk {Weergave.Datum(tot)}</span>");
    }
}
