using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>What the assessment form sends back to the page after a refusal or conflict, so that nothing typed is lost.</summary>
public sealed record Terugkoppeling(string Melding, string Actie, string? Uitkomst, string Motivering, string? VerlooptOp, int StatusCode);

/// <summary>A signal's page: explanation, indicators with facts, anomaly score with base rate, evidence, cluster picture, assessment.</summary>
public static class SignalenEndpoints
{
    public static void MapSignalen(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signalen/{runId}/{aanbiederId}", (HttpContext ctx, PortalData data, PortalOptions opties, string runId, string aanbiederId) =>
                ToonAsync(ctx, data, opties, runId, aanbiederId, null))
            ;
    }

    public static async Task<IResult> ToonAsync(
        HttpContext ctx, PortalData data, PortalOptions opties, string runId, string aanbiederId, Terugkoppeling? terug)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null || !lijst.OpId.TryGetValue(aanbiederId, out var signal)) return Fouten.NietGevonden("Dit signaal bestaat niet in een gepubliceerde run.");
        var detail = await data.DetailAsync(runId, aanbiederId, ctx.RequestAborted);
        if (detail is null) return Fouten.NietGevonden("De toelichting bij dit signaal ontbreekt.");
        var regel = await data.RegelAsync(signal, detail.FeitenHash, ctx.RequestAborted);
        var wie = ctx.User.Reviewer();
        var toonBewijs = Autorisatie.MagBewijsZien(ctx.User) && detail.OpgeschoondOp is null;
        if (toonBewijs) await data.Beoordelingen.LogBewijsBekekenAsync(runId, aanbiederId, wie, "portaal", ctx.RequestAborted);

        var runs = (await data.RunsAsync(ctx.RequestAborted)).Select(r => r.RunId).Where(r => r != runId);
        var eerdere = await data.Beoordelingen.HistorieVanAsync(aanbiederId, runs, ctx.RequestAborted);

        var dataKwaliteit = await ctx.RequestServices.GetRequiredService<RunDataKwaliteit>().RegelAsync(runId);
        // Only after a real save: the step the redirect names exists and was taken by the person looking.
        var opgeslagen = ctx.Request.Query["opgeslagen"] is [{ Length: > 0 } nummer]
                         && regel.Beoordeling?.Stappen.FirstOrDefault(st => st.Nummer.ToString(System.Globalization.CultureInfo.InvariantCulture) == nummer) is { } gezet
                         && wie.IsZelfde(gezet.DoorId)
            ? Html.H($"<p class=\"melding ok\" role=\"status\">Uw beoordeling is vastgelegd en in het auditlog geschreven.</p>")
            : Html.Leeg;
        var inhoud = Html.H($"""
            <p class="kruimel"><a href="{RisicolijstEndpoints.Url(runId, new RisicolijstFilter())}">← Terug naar de risicolijst</a></p>
            {opgeslagen}{dataKwaliteit}
            {Kop(detail, regel, lijst.Run)}
            {NatuurlijkPersoon.Melding(detail.Signal)}
            {LerenWeergave.Steekproef(detail)}
            <div class="raster2">
            <div>
            {Uitleg(detail)}
            {Indicatoren(detail)}
            {Anomalie(detail)}
            </div>
            <div>
            {Beoordeling(ctx, regel, detail, wie, eerdere, terug)}
            {LerenWeergave.EerdereBeoordelingen(eerdere)}
            {NietWeten(detail)}
            </div>
            </div>
            {(toonBewijs ? Bewijs(detail)
                : detail.OpgeschoondOp is { } opgeschoond ? Html.H($"<section class=\"kaart\"><h2>Bewijs op cliëntniveau</h2><p>Verwijderd op {Weergave.Tijd(opgeschoond)} volgens de bewaartermijn: het signaal is afgesloten met geen aanwijzing. De toelichting, de indicatoren en de beoordeling blijven bewaard.</p></section>")
                : Html.H($"<section class=\"kaart\"><h2>Bewijs op cliëntniveau</h2><p>Alleen zichtbaar voor beoordelaars. Uw rol ziet de toelichting en de beoordelingen, niet de cliëntgegevens.</p></section>"))}
            {ClusterSectie(detail)}
            """);
        ctx.Response.Headers.ETag = Versie.ETag(regel.Beoordeling?.Versie ?? 0);
        return TypedResults.Content(Layout.Pagina(ctx, opties, detail.Signal.AanbiederNaam, inhoud).ToString(), "text/html; charset=utf-8", null, terug?.StatusCode ?? 200);
    }

    private static Html Kop(SignalDetail d, SignaalRegel regel, PublishedRun run)
    {
        var s = d.Signal;
        var cluster = s.ClusterId is { } c ? $"cluster {c}" : "geen cluster van gedeelde panden";
        return Html.H($"""
            <div class="signaalkop">
            <div><h1>{s.AanbiederNaam}</h1><div class="sub">Aanbieder {s.AanbiederId} · risicorun van {Weergave.Tijd(run.GepubliceerdOp)} <span class="code" title="run-id">{s.RunId}</span> · {cluster}</div></div>
            <div class="kerncijfers">
            <div><span class="groot">{Weergave.Getal(s.Rang)}</span><span>rang</span></div>
            <div><span class="groot">{Weergave.Getal(s.Risicoscore, "0.0")}</span><span>risicoscore (0–100)</span></div>
            <div><span class="groot">{Weergave.Getal(s.Anomaliescore, "0.00")}</span><span>anomaliescore (0–1)</span></div>
            <div>{Weergave.Status(regel.Status, regel.Overgenomen)}{Weergave.Herhaling(regel)}</div>
            </div></div>
            """);
    }

    private static Html Uitleg(SignalDetail d) => Html.H($"""
        <section class="kaart"><h2>Waarom deze aanbieder op de lijst staat</h2><p class="toelichting">{d.Signal.Toelichting}</p></section>
        """);

    private static Html Indicatoren(SignalDetail d)
    {
        var rijen = d.Indicatoren.OrderByDescending(i => i.Afgegaan).Select(i => Html.H($"""
            <tr class="{(i.Afgegaan ? "af" : "niet")}"><td><b>{Weergave.IndicatorNaam(i.Code)}</b> <span class="code">{i.Code}</span>{Definitie(i.Code)}</td>
            <td>{IndicatorUitkomst(i)}</td><td class="num">{Weergave.IndicatorWaarde(i.Waarde, i.Drempel)}</td><td class="num">{Weergave.IndicatorWaarde(i.Drempel, i.Drempel)}</td><td>{i.Feiten}</td></tr>
            """));
        return Html.H($"""
            <section class="kaart"><h2>Indicatoren en de feiten erachter</h2>
            <p class="sub">Een indicator is een regel die u met de hand kunt nagaan. Boven de drempel telt hij mee in de risicoscore; dat is een reden om te kijken, geen conclusie.</p>
            <table class="tabel"><thead><tr><th>Indicator</th><th>Uitkomst</th><th>Gemeten</th><th>Drempel</th><th>Feiten</th></tr></thead><tbody>{rijen}</tbody></table></section>
            """);
    }

    /// <summary>Neutral words, and the reason when a value over the threshold still gives no signal.</summary>
    private static string IndicatorUitkomst(IndicatorFinding i) => i.Afgegaan ? "boven de drempel"
        : i.Waarde >= i.Drempel && i.Drempel > 0 ? "geen signaal: boven de drempel, maar het minimumaantal uit de definitie is niet gehaald"
        : "onder de drempel";

    private static Html Definitie(string code) => Core.Indicators.IndicatorCatalogue.All.FirstOrDefault(x => x.Code == code) is { } def
        ? Html.H($"<div class=\"sub\">{def.Definitie}</div>")
        : Html.Leeg;

    private static Html Anomalie(SignalDetail d)
    {
        var b = d.Basisfrequentie;
        var pct = b.Gescoord == 0 ? 0 : 100.0 * b.Gepubliceerd / b.Gescoord;
        var rijen = d.Afwijkingen.OrderByDescending(a => a.Aandeel).Take(8).Select(a => Html.H($"""
            <tr><td title="{a.Kenmerk}">{a.Omschrijving}</td><td class="num">{Toelichting.Waarde(a.Kenmerk, a.Waarde)}</td><td class="num">{Toelichting.Waarde(a.Kenmerk, a.Typisch)}</td><td>{Svg.Aandeel(a.Aandeel)} {Weergave.Procent(a.Aandeel, "0")}</td></tr>
            """));
        return Html.H($"""
            <section class="kaart"><h2>Anomaliescore {Weergave.Getal(d.Signal.Anomaliescore, "0.00")}</h2>
            <p>Het model vergelijkt deze aanbieder met alle andere aanbieders in de run. Hoe hoger de score, hoe ongewoner het patroon; dat zegt niets over de reden.</p>
            <p class="basis"><b>Basisfrequentie:</b> {Weergave.Getal(b.Gepubliceerd)} van de {Weergave.Aantal(b.Gescoord, "gescoorde aanbieder", "gescoorde aanbieders")} staan in deze run ter beoordeling op de lijst ({Weergave.Procent(pct / 100)}).</p>
            <table class="tabel"><thead><tr><th>Kenmerk waarop deze aanbieder afwijkt</th><th>Waarde</th><th>Typisch (mediaan)</th><th>Aandeel in afwijking</th></tr></thead><tbody>{rijen}</tbody></table></section>
            """);
    }

    private static Html NietWeten(SignalDetail d)
    {
        var resoluties = d.Panden.GroupBy(p => p.Resolutie).Select(g => Html.H($"<li>{Weergave.Aantal(g.Count(), "pand", "panden")} {Weergave.Resolutie(g.Key)}</li>"));
        return Html.H($"""
            <section class="kaart nietweten"><h2>Wat het systeem niet weet</h2><ul>
            <li>Een signaal is <b>geen vaststelling van fraude</b> en geen oordeel over een persoon. Het zegt alleen dat het patroon opvalt.</li>
            <li>Het systeem kent alleen de extracten: geen huurcontracten, geen zorgplannen, geen gesprekken. Er kan een legitieme verklaring zijn (bijvoorbeeld een geclusterde woonvorm of een erkende instelling).</li>
            <li>Cliënten staan er alleen als pseudoniem in; het systeem weet niet wie zij zijn.</li>
            <li>Adressen zijn zo aan panden gekoppeld:<ul>{resoluties}</ul>Bij een koppeling zonder BAG kunnen twee adressen ten onrechte als één pand gelden, of andersom.</li>
            <li>De anomaliescore is relatief: hij hangt af van de andere aanbieders in dezelfde run.</li>
            </ul></section>
            """);
    }

    private static Html Bewijs(SignalDetail d)
    {
        var panden = d.Panden.Select(p =>
        {
            var clienten = p.Clienten.Select(c => Html.H($"<tr><td>{c.ClientId}</td><td>{Weergave.Datum(c.AdresSinds)}</td><td>{(c.ZorgStart is { } z ? Weergave.Datum(z) : "onbekend")}</td><td class=\"num\">{DagenTussen(c.DagenTussen)}</td></tr>"));
            return Html.H($"""
                <details class="pand"{(p.Clienten.Count <= 12 ? Html.Vertrouwd(" open") : Html.Leeg)}><summary><b>{p.Label}</b> · {Weergave.Aantal(p.Clienten.Count, "cliënt", "cliënten")} van deze aanbieder{(p.IsVestiging ? " · vestiging van de aanbieder" : "")}{(p.Woningen is { } w ? $" · {Weergave.Aantal(w, "woning", "woningen")} volgens de BAG" : "")} · koppeling {Weergave.Resolutie(p.Resolutie)}</summary>
                <table class="tabel"><thead><tr><th>Cliënt (pseudoniem)</th><th>Woont hier sinds</th><th>Start zorg</th><th>Zorg begon (dagen na inschrijving)</th></tr></thead><tbody>{clienten}</tbody></table></details>
                """);
        });
        var tijdlijn = d.Panden.SelectMany(p => p.Clienten.Select(c => (c.ClientId, p.Label, c.AdresSinds, c.ZorgStart, c.DagenTussen)))
            .OrderBy(x => x.AdresSinds).ToList();
        var bedragen = d.DeclaratiesPerMaand.Select(m => (m.Maand, (double)m.Bedrag, (double?)null)).ToList();
        var volumes = d.DeclaratiesPerMaand.Select(m => (m.Maand, (double)m.Volume, m.MaximumVolume is { } mv ? (double?)mv : null)).ToList();
        var volumeGrafiek = volumes.Any(v => v.Item3 is not null)
            ? Html.H($"<h3>Gedeclareerd volume tegenover het toegewezen maximum</h3>{Svg.Staafdiagram("Volume per maand", volumes, v => Weergave.Getal(v, "0"))}<p class=\"legenda\"><span class=\"l-staaf\"></span> volume <span class=\"l-boven\"></span> boven maximum <span class=\"l-max\"></span> toegewezen maximum</p>")
            : Html.Leeg;
        return Html.H($"""
            <section class="kaart"><h2>Bewijs</h2>
            <p class="sub">Cliënten alleen als pseudoniem. Elke keer dat u deze gegevens bekijkt wordt dat in het auditlog vastgelegd.</p>
            <h3>Panden met cliënten van deze aanbieder</h3>{panden}
            <h3>Verhuizingen tegenover start van de zorg</h3>
            <p class="legenda"><span class="l-verhuizing"></span> ingeschreven op het adres <span class="l-zorgstart"></span> start zorg <span class="l-kort"></span> zorg begon binnen {Svg.KortDagen} dagen voor of na de inschrijving (alleen ter oriëntatie; de indicator hanteert de drempel in zijn feiten)</p>
            {Svg.Tijdlijn(tijdlijn)}
            <h3>Gedeclareerd bedrag per maand</h3>
            {Svg.Staafdiagram("Gedeclareerd bedrag per maand", bedragen, v => Weergave.Euro(v, "#,0"))}
            {volumeGrafiek}
            </section>
            """);
    }

    /// <summary>What the person did, in words: "stelde nader onderzoek voor", not a status after a name.</summary>
    private static string Handeling(BeoordelingsStap s) => (s.Actie, s.Naar) switch
    {
        (BeoordelingsActie.Beoordelen, ReviewStatus.NaderOnderzoekVoorgesteld) => "stelde nader onderzoek voor",
        (BeoordelingsActie.Beoordelen, ReviewStatus.GeenAanwijzing) => "beoordeelde: geen aanwijzing",
        (BeoordelingsActie.Beoordelen, ReviewStatus.BuitenBeschouwing) => "liet het signaal buiten beschouwing",
        (BeoordelingsActie.Bevestigen, _) => "bevestigde het voorstel voor nader onderzoek",
        (BeoordelingsActie.Afwijzen, _) => "wees het voorstel voor nader onderzoek af",
        (BeoordelingsActie.Heropenen, _) => "heropende de beoordeling",
        _ => "legde vast: " + StatusTekst.Kort(s.Naar),
    };

    /// <summary>Days from registering at the address to the start of care, in words instead of a bare negative number.</summary>
    private static string DagenTussen(int? dagen) => dagen switch
    {
        null => "–",
        0 => "dezelfde dag",
        > 0 => Weergave.Aantal(dagen.Value, "dag", "dagen") + " later",
        < 0 => Weergave.Aantal(-dagen.Value, "dag", "dagen") + " eerder (zorg liep al)",
    };

    private static Html ClusterSectie(SignalDetail d)
    {
        if (d.Cluster is not { } c) return Html.H($"<section class=\"kaart\"><h2>Cluster</h2><p>Deze aanbieder hoort bij geen cluster van gedeelde panden.</p></section>");
        return Html.H($"""
            <section class="kaart"><h2>Cluster {c.ClusterId}</h2>
            <p class="sub">Aanbieders (cirkels) en panden (vierkanten) die via cliënten, vestigingen, bestuurders of rekeningen met elkaar verbonden zijn. Het getal bij een lijn is het aantal cliënten.</p>
            {Svg.Cluster(c, d.Signal.AanbiederId)}
            <p class="legenda"><span class="l-clienten"></span> cliënten wonen in pand <span class="l-vestiging"></span> vestiging <span class="l-bestuurder"></span> gedeelde bestuurder of rekening</p>
            </section>
            """);
    }

    private static Html Beoordeling(HttpContext ctx, SignaalRegel regel, SignalDetail d, Reviewer wie, IReadOnlyList<Beoordeling> eerdere, Terugkoppeling? terug)
    {
        var b = regel.Beoordeling;
        var stappen = (b?.Stappen ?? []).Reverse().Select(s => Html.H($"""
            <li><div class="stapkop"><b>{s.DoorNaam}</b> ({Rol.Omschrijving(s.Rol)}) {Handeling(s)} <span>op {Weergave.Tijd(s.Op)}</span> {Weergave.Status(s.Naar)}</div>
            <div class="motivering">{s.Motivering}</div>{KennisgevingenEndpoints.StapDetails(s)}{(s.VerlooptOp is { } v ? Html.H($"<div class=\"sub\">Buiten beschouwing tot en met {Weergave.Datum(v)}</div>") : Html.Leeg)}</li>
            """));
        var geschiedenis = eerdere.OrderByDescending(e => e.RunId, StringComparer.Ordinal).Select(e => Html.H($"""
            <li>Risicorun <span class="code">{e.RunId}</span>: {Weergave.Status(e.Status)}{(e.FeitenHash == d.FeitenHash ? " · zelfde feiten als nu" : " · andere feiten dan nu")}{(e.LaatsteStap is { } l ? Html.H($"<div class=\"motivering\">{l.Motivering}</div><div class=\"sub\">{l.DoorNaam} {Handeling(l)} op {Weergave.Tijd(l.Op)}</div>") : Html.Leeg)}</li>
            """));
        var melding = terug is null ? Html.Leeg : Html.H($"<p class=\"melding fout\" role=\"alert\">{terug.Melding}</p>");
        // After a conflict the form below belongs to the new state; what this person typed is kept apart, to copy from.
        var bewaard = terug is { StatusCode: StatusCodes.Status409Conflict } && terug.Motivering.Length > 0
            ? Html.H($"""
                <div class="bewaard"><b>Uw invoer (niet opgeslagen)</b>{(terug.Uitkomst is { Length: > 0 } u ? Html.H($" · uitkomst: {StatusTekst.Kort(u)}") : Html.Leeg)}
                <textarea readonly rows="3" aria-label="Uw niet opgeslagen motivering">{terug.Motivering}</textarea></div>
                """)
            : Html.Leeg;
        var versie = b?.Versie ?? 0;
        var formulier = Formulieren(ctx, regel, d, wie, eerdere, terug, versie);
        var overgenomen = regel.Overgenomen && regel.Eerder is { } e2
            ? Html.H($"<p class=\"melding\">Buiten beschouwing overgenomen uit risicorun {e2.RunId} (tot en met {(e2.VerlooptOp is { } vo ? Weergave.Datum(vo) : "")}): de feiten zijn ongewijzigd. U kunt het signaal toch opnieuw beoordelen.</p>")
            : Html.Leeg;
        return Html.H($"""
            <section class="kaart beoordeling" id="beoordeling"><h2>Beoordeling</h2>
            <p>Status: {Weergave.Status(regel.Status, regel.Overgenomen)}</p>
            {overgenomen}{melding}{bewaard}{formulier}
            {(stappen.Any() ? Html.H($"<h3>Vastgelegd in deze run</h3><ol class=\"stappen\">{stappen}</ol>") : Html.Leeg)}
            {(geschiedenis.Any() ? Html.H($"<h3>Eerdere runs</h3><ul class=\"stappen\">{geschiedenis}</ul>") : Html.H($"<p class=\"sub\">Deze aanbieder is in geen eerdere run beoordeeld.</p>"))}
            </section>
            """);
    }

    private static Html Formulieren(HttpContext ctx, SignaalRegel regel, SignalDetail d, Reviewer wie, IReadOnlyList<Beoordeling> eerdere, Terugkoppeling? terug, int versie)
    {
        var actie = Weergave.SignaalUrl(d.Signal.RunId, d.Signal.AanbiederId);
        // Refill only the form the person used; after a conflict the page may now offer a different one.
        string Tekst(string actie) => terug is not null && terug.Actie == actie && terug.StatusCode != StatusCodes.Status409Conflict ? terug.Motivering : "";
        var regelTekst = Motivering.Regel;
        var status = regel.Status;
        if (status == ReviewStatus.NietGepubliceerd)
            return Html.H($"<p>Deze aanbieder staat onder de publicatiedrempel en is niet ter beoordeling gepubliceerd.</p>");

        if (status == ReviewStatus.TeBeoordelen || (regel.Overgenomen && regel.Beoordeling is null))
        {
            if (!wie.Heeft(Rol.Beoordelaar)) return Html.H($"<p class=\"sub\">Wacht op een beoordelaar.</p>");
            var vorige = regel.Herhaling == Herhaling.OngewijzigdHerhaald && regel.Eerder is { } e ? e : null;
            var voorkeur = (terug?.Actie == BeoordelingsActie.Beoordelen ? terug.Uitkomst : null) ?? (vorige?.Status is ReviewStatus.GeenAanwijzing or ReviewStatus.BuitenBeschouwing ? vorige.Status : null);
            var hint = vorige is not null
                ? Html.H($"<p class=\"melding\">Deze aanbieder staat opnieuw op de lijst <b>met dezelfde feiten</b> als in risicorun {vorige.RunId}, waar de uitkomst <i>{StatusTekst.Kort(vorige.Status)}</i> was (zie hieronder). U hoeft niet opnieuw te beginnen: neem de uitkomst over als die nog klopt en schrijf kort waarom.</p>")
                : Html.Leeg;
            var keuzes = new[]
            {
                (Uitkomst.GeenAanwijzing, "Geen aanwijzing", "Het patroon is verklaard; er is geen reden voor verder onderzoek."),
                (Uitkomst.NaderOnderzoek, "Nader onderzoek voorstellen", "Gaat pas in als een tweede beoordelaar (een andere persoon) het bevestigt."),
                (Uitkomst.BuitenBeschouwing, "Buiten beschouwing", "Bijvoorbeeld een bekende, legitieme instelling. Alleen tot een einddatum."),
            }.Select(k => Html.H($"<label class=\"keuze\"><input type=\"radio\" name=\"uitkomst\" value=\"{k.Item1}\" required{(voorkeur == k.Item1 ? Html.Vertrouwd(" checked") : Html.Leeg)}> <b>{k.Item2}</b><span>{k.Item3}</span></label>"));
            return Html.H($"""
                {hint}
                <form method="post" action="{actie}" class="formulier">{Formulier.Token(ctx)}
                <input type="hidden" name="actie" value="beoordelen"><input type="hidden" name="versie" value="{versie}">
                <fieldset><legend>Uitkomst</legend>{keuzes}</fieldset>
                <label>Buiten beschouwing tot en met <input type="date" name="verlooptOp" value="{(terug?.Actie == BeoordelingsActie.Beoordelen ? terug.VerlooptOp ?? "" : "")}"> <span class="sub">(alleen bij buiten beschouwing, hoogstens twee jaar)</span></label>
                <label>Motivering <textarea name="motivering" rows="5" required minlength="{Motivering.MinimumTekens}" maxlength="{Motivering.MaximumTekens}" placeholder="Wat heeft u bekeken, wat is uw conclusie en waarom?">{Tekst(BeoordelingsActie.Beoordelen)}</textarea></label>
                <p class="sub">{regelTekst} Uw naam, rol en het tijdstip worden vastgelegd.</p>
                <button type="submit">Beoordeling vastleggen</button></form>
                """);
        }

        if (status == ReviewStatus.NaderOnderzoekVoorgesteld && regel.Beoordeling?.OpenVoorstel is { } voorstel)
        {
            var voorstelTekst = Html.H($"<div class=\"voorstel\"><b>{voorstel.DoorNaam}</b> stelde op {Weergave.Tijd(voorstel.Op)} nader onderzoek voor:<div class=\"motivering\">{voorstel.Motivering}</div></div>");
            if (!wie.Heeft(Rol.TweedeBeoordelaar))
                return voorstelTekst + Html.H($"<p class=\"sub\">Wacht op een tweede beoordelaar (een andere persoon dan de voorsteller).</p>");
            var zelf = wie.IsZelfde(voorstel.DoorId);
            var uitgeschakeld = zelf ? Html.Vertrouwd(" disabled") : Html.Leeg;
            var waarschuwing = zelf
                ? Html.H($"<p class=\"melding fout\">U heeft dit voorstel zelf gedaan. Bevestigen of afwijzen moet een andere tweede beoordelaar doen (vier-ogenprincipe).</p>")
                : Html.Leeg;
            return Html.H($"""
                {voorstelTekst}{waarschuwing}
                <form method="post" action="{actie}" class="formulier">{Formulier.Token(ctx)}
                <input type="hidden" name="versie" value="{versie}">
                <label>Motivering van de tweede beoordelaar <textarea name="motivering" rows="4" required minlength="{Motivering.MinimumTekens}" maxlength="{Motivering.MaximumTekens}">{(terug?.Actie is BeoordelingsActie.Bevestigen or BeoordelingsActie.Afwijzen && terug.StatusCode != StatusCodes.Status409Conflict ? terug.Motivering : "")}</textarea></label>
                <p class="sub">{regelTekst}</p>
                <button type="submit" name="actie" value="bevestigen"{uitgeschakeld}>Nader onderzoek bevestigen</button>
                <button type="submit" name="actie" value="afwijzen" class="secundair"{uitgeschakeld}>Voorstel afwijzen</button></form>
                """);
        }

        if (status is ReviewStatus.GeenAanwijzing or ReviewStatus.BuitenBeschouwing && wie.Heeft(Rol.Beoordelaar) && regel.Beoordeling is not null)
            return Html.H($"""
                <details class="heropen"{(terug?.Actie == BeoordelingsActie.Heropenen ? Html.Vertrouwd(" open") : Html.Leeg)}><summary>Beoordeling heropenen</summary>
                <form method="post" action="{actie}" class="formulier">{Formulier.Token(ctx)}
                <input type="hidden" name="actie" value="heropenen"><input type="hidden" name="versie" value="{versie}">
                <label>Waarom heropent u dit signaal? <textarea name="motivering" rows="3" required minlength="{Motivering.MinimumTekens}">{Tekst(BeoordelingsActie.Heropenen)}</textarea></label>
                <button type="submit" class="secundair">Heropenen</button></form></details>
                """);
        if (status is ReviewStatus.NaderOnderzoek or ReviewStatus.KennisgevingVerstuurd or ReviewStatus.ZienswijzeOntvangen or ReviewStatus.Afgesloten)
            return KennisgevingenEndpoints.Procedure(ctx, regel, d, wie, terug, versie);
        return Html.Leeg;
    }
}
