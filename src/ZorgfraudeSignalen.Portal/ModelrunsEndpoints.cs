using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// The auditor's view of the model runs: every run with its inputs, configuration, metrics and fairness report,
/// and the audit chain's status. Read only: nothing here changes data; the replay itself is <c>zfs verify</c>.
/// </summary>
public static class ModelrunsEndpoints
{
    public static void MapModelruns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runs", Lijst);
        app.MapGet("/runs/{runId}", Toon);
    }

    private static async Task<List<ModelRunRecord>> RunsAsync(Store store, CancellationToken ct)
    {
        var runs = new List<ModelRunRecord>();
        await foreach (var row in store.Tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition, ct))
            if (ModelRunRecord.Parse(row.Json) is { } r) runs.Add(r);
        return [.. runs.OrderByDescending(r => r.Gestart)];
    }

    private static async Task<Html> KetenAsync(AuditLog log, CancellationToken ct)
    {
        var breuk = await log.VerifyAsync(ct);
        var kop = await log.ReadHeadAsync(ct);
        return breuk is null
            ? Html.H($"<p class=\"melding ok\">Auditlog: de hashketen is heel ({kop?.Sequence ?? 0} regels; kop <span class=\"hash\">{kop?.ToString() ?? "leeg"}</span>). <a href=\"/audit\">Naar het auditlog</a></p>")
            : Html.H($"<p class=\"melding fout\">Auditlog: de hashketen is gebroken. {breuk.ToString()} <a href=\"/audit\">Naar het auditlog</a></p>");
    }

    private static async Task<ContentHttpResult> Lijst(HttpContext ctx, Store store, AuditLog log, PortalOptions opties)
    {
        var runs = await RunsAsync(store, ctx.RequestAborted);
        var keten = await KetenAsync(log, ctx.RequestAborted);
        var rijen = runs.Select(r => Html.H($"""
            <tr><td><a href="/runs/{Uri.EscapeDataString(r.RunId)}">{r.RunId}</a></td><td>{r.Trigger}</td><td>{Weergave.Tijd(r.Gestart)}</td>
            <td>{Weergave.Datum(r.Peildatum)}</td><td class="num">{r.Gescoord}</td><td class="num">{r.Gepubliceerd}</td>
            <td>{Fairness(r.Fairness)}</td><td class="hash">{r.UitvoerHash[..12]}…</td></tr>
            """));
        var inhoud = Html.H($"""
            <h1>Modelruns</h1>{keten}
            <p class="sub">Elke risicorun legt vast wat erin ging, met welke instellingen en code, en wat eruit kwam, voordat de lijst wordt gepubliceerd.
            Naspelen: <span class="code">zfs verify RUN_ID</span>. Alleen-lezen.</p>
            {(runs.Count == 0 ? Html.H($"<p class=\"leeg\">Er zijn nog geen runs vastgelegd.</p>") : Html.H($"""
            <table class="tabel"><thead><tr><th>Run</th><th>Aanleiding</th><th>Gestart</th><th>Peildatum</th><th>Gescoord</th><th>Signalen</th><th>Fairness</th><th>Uitvoer (sha-256)</th></tr></thead>
            <tbody>{rijen}</tbody></table>
            """))}
            """);
        return TypedResults.Content(Layout.Pagina(ctx, opties, "Modelruns", inhoud).ToString(), "text/html; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Toon(HttpContext ctx, Store store, AuditLog log, PortalOptions opties, string runId)
    {
        ModelRunRecord? r;
        try { r = await ModelRunRecord.ReadAsync(store.Tables, runId, ctx.RequestAborted); }
        catch (ArgumentException) { return TypedResults.NotFound(); } // a run id the store cannot hold as a key
        if (r is null) return TypedResults.NotFound();
        FairnessReport? fairness = null;
        if (r.Fairness is { } samenvatting)
        {
            try { fairness = JsonSerializer.Deserialize<FairnessReport>(await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, samenvatting.Blob, ctx.RequestAborted), ModelRunRecord.Json); }
            catch (BlobNotFoundException) { }
        }
        var c = r.Configuratie;
        var keten = await KetenAsync(log, ctx.RequestAborted);
        var publicatie = r.Leren is { Steekproef.Count: > 0 } ? await LearningStore.ReadPublicationAsync(store, r.RunId, ctx.RequestAborted) : null;
        var invoer = r.Invoer.Select(i => Html.H($"""
            <tr><td>{i.Type}</td><td class="hash">{i.Hash}</td><td class="num">{i.Rows}</td><td class="num">{i.Afgewezen}</td><td class="hash">{i.BlobSha256 ?? "—"}</td></tr>
            """));
        var drempels = typeof(Core.Indicators.IndicatorThresholds).GetProperties()
            .Select(p => Html.H($"<tr><td class=\"code\">{p.Name}</td><td class=\"num\">{Convert.ToString(p.GetValue(c.Drempels), CultureInfo.InvariantCulture)}</td></tr>"));
        var kenmerken = r.Kenmerken.Select(k => Html.H($"""
            <tr><td class="code">{k.Kenmerk}</td><td class="num">{Weergave.Getal(k.Mediaan, "0.####")}</td><td class="num">{Weergave.Getal(k.Schaal, "0.####")}</td>
            <td class="num">{Weergave.Getal(k.Minimum, "0.####")}</td><td class="num">{Weergave.Getal(k.Maximum, "0.####")}</td></tr>
            """));
        var banden = r.Verdeling.PerTien.Select((n, i) => Html.H($"<tr><td>{i * 10}–{i * 10 + 10}</td><td class=\"num\">{n}</td></tr>"));
        var inhoud = Html.H($"""
            <p class="kruimel"><a href="/runs">← Modelruns</a></p>
            <h1>Run {r.RunId}</h1>{keten}
            <table class="tabel">
            <tr><th>Aanleiding</th><td>{r.Trigger}</td></tr>
            <tr><th>Gestart</th><td>{Weergave.Tijd(r.Gestart)}</td></tr>
            <tr><th>Berekening klaar</th><td>{(r.Beeindigd is { } klaar ? Weergave.Tijd(klaar) : "niet vastgelegd")}</td></tr>
            <tr><th>Peildatum</th><td>{Weergave.Datum(r.Peildatum)}</td></tr>
            <tr><th>Codeversie</th><td class="code">{r.CodeVersie ?? "niet vastgelegd"}</td></tr>
            <tr><th>Seed</th><td>{c.Seed}</td></tr>
            <tr><th>Publicatiedrempel</th><td>{Weergave.Getal(c.PublicatieDrempel)}</td></tr>
            <tr><th>Beoordelingsvenster</th><td>{(c.Beoordelingsvenster > 0 ? $"de eerste {c.Beoordelingsvenster} plaatsen tonen elk soort gepubliceerd signaal" : "geen: de lijst staat in de volgorde van de risicoscore")}</td></tr>
            <tr><th>Gewicht anomaliemodel</th><td>{Weergave.Getal(c.GewichtAnomalie)}</td></tr>
            <tr><th>Instellingen (sha-256)</th><td class="hash">{RunSettings.Hash(c)}</td></tr>
            <tr><th>Gescoord / gepubliceerd</th><td>{r.Gescoord} / {r.Gepubliceerd}</td></tr>
            <tr><th>risicolijst.csv (sha-256)</th><td class="hash">{r.UitvoerHash}</td></tr>
            <tr><th>Signaaldetails (sha-256)</th><td class="hash">{r.DetailsHash ?? "niet vastgelegd"}</td></tr>
            <tr><th>Naspelen</th><td class="code">zfs verify {r.RunId}</td></tr>
            <tr><th>Datakwaliteit van de leveringen</th><td>{(r.DataKwaliteit is { Count: > 0 } dk ? string.Join("; ", dk.Select(w => w.Tekst)) : r.DataKwaliteit is null ? "niet vastgelegd" : "geen waarschuwingen")}</td></tr>
            </table>
            <h2>Invoer</h2>
            <table class="tabel"><thead><tr><th>Extract</th><th>Sha-256 van het extract</th><th>Rijen</th><th>Afgewezen</th><th>Sha-256 van de snapshot</th></tr></thead><tbody>{invoer}</tbody></table>
            <h2>Model</h2>
            <p>{r.Model.Trainer}, {(r.Model.Gefit ? $"getraind op {r.Model.Aanbieders} aanbieders, {r.Model.Kenmerken} kenmerken, rang {r.Model.Rank}" : "niet getraind (te weinig aanbieders)")}.</p>
            {Html.Samen(r.Model.Beperkingen.Select(b => Html.H($"<p class=\"let-op\"><strong>Let op:</strong> {b}</p>")))}
            <table class="tabel"><thead><tr><th>Kenmerk</th><th>Mediaan</th><th>Schaal</th><th>Minimum</th><th>Maximum</th></tr></thead><tbody>{kenmerken}</tbody></table>
            <p class="sub">{(r.Model.Gefit ? "Mediaan en schaal zijn die van wat het model ziet: per kenmerk hoe ver een aanbieder boven de mediaan van vergelijkbare aanbieders ligt (robuuste z; eronder telt als 0). Minimum en maximum zijn de waarden zelf." : "Zonder model: mediaan, minimum en maximum van de waarden zelf.")}</p>
            <h2>Verdeling van de risicoscores</h2>
            <p>Mediaan {Weergave.Getal(r.Verdeling.Mediaan)}, P90 {Weergave.Getal(r.Verdeling.P90)}, P99 {Weergave.Getal(r.Verdeling.P99)}.</p>
            <table class="tabel"><thead><tr><th>Score</th><th>Aanbieders</th></tr></thead><tbody>{banden}</tbody></table>
            {Indicatoren(r.Model.Indicatoren, c.Drempels)}
            <h2>Drempels van de indicatoren</h2>
            <table class="tabel"><tbody>{drempels}</tbody></table>
            {Leren(r.RunId, r.Leren, publicatie)}
            <h2>Fairness</h2>
            {FairnessRapport(r.Fairness, fairness)}
            """);
        return TypedResults.Content(Layout.Pagina(ctx, opties, $"Run {r.RunId}", inhoud).ToString(), "text/html; charset=utf-8");
    }

    /// <summary>
    /// What the run learned from reviewers' assessments (docs/leren.md): from which labels, with which model, and which
    /// providers the exploration sample drew with what chance; or why it did not learn. Each hash is what <c>zfs verify</c>
    /// checks.
    /// </summary>
    internal static Html Leren(string runId, LearningSummary? l, Publication? publicatie)
    {
        if (l is null) return Html.H($"<h2>Leren van beoordelingen</h2><p>Niet vastgelegd (een run van vóór het leren).</p>");
        if (!l.Aan) return Html.H($"<h2>Leren van beoordelingen</h2><p>Leren stond uit: de lijst is die van de indicatoren en het anomaliemodel.</p>");
        var uitgesloten = l.Uitgesloten.Count == 0 ? "geen" : string.Join(", ", l.Uitgesloten.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}: {u.Value}"));
        var kansen = publicatie?.Aanbieders.Where(a => a.Route == Core.Learning.Route.Steekproef).ToDictionary(a => a.AanbiederId, a => a.Kans, StringComparer.Ordinal);
        var steekproef = l.Steekproef.Select(id => Html.H($"""
            <tr><td><a href="/signalen/{Uri.EscapeDataString(runId)}/{Uri.EscapeDataString(id)}">{id}</a></td>
            <td class="num">{(kansen?.GetValueOrDefault(id) is { } kans ? Weergave.Procent(kans, "0.##") : "niet vastgelegd")}</td></tr>
            """));
        return Html.H($"""
            <h2>Leren van beoordelingen</h2>
            <p>{char.ToUpperInvariant(l.Reden[0]) + l.Reden[1..]}.</p>
            <table class="tabel">
            <tr><th>Beoordelingen waarvan de run uitging</th><td>{l.Beoordelingen} <span class="hash">{l.GeheugenSha256 ?? "—"}</span></td></tr>
            <tr><th>Labels (positief / negatief)</th><td>{l.Positief} / {l.Negatief}{(l.Van is { } van && l.Tot is { } tot ? $", {Weergave.Datum(van)} tot en met {Weergave.Datum(tot)}" : "")} <span class="hash">{l.LabelsSha256}</span></td></tr>
            <tr><th>Niet gebruikt als label</th><td>{uitgesloten}</td></tr>
            <tr><th>Geleerd model</th><td>{(l.ModelSha256 is { } model ? Html.H($"{l.Trainer} <span class=\"hash\">{model}</span>") : Html.H($"geen"))}</td></tr>
            <tr><th>Niet opnieuw gepubliceerd (geen aanwijzing, feiten niet wezenlijk veranderd)</th><td>{(l.Tegengehouden.Count == 0 ? "geen" : string.Join(", ", l.Tegengehouden))}</td></tr>
            <tr><th>Lopend nader onderzoek (niet opnieuw gepubliceerd)</th><td>{(l.InOnderzoek.Count == 0 ? "geen" : string.Join(", ", l.InOnderzoek))}</td></tr>
            <tr><th>Steekproef</th><td>{l.Steekproef.Count} aanbieders, seed {l.SteekproefSeed}</td></tr>
            </table>
            {(l.Steekproef.Count == 0 ? Html.H($"") : Html.H($"""
            <table class="tabel"><thead><tr><th>Aanbieder in de steekproef</th><th>Kans om getrokken te worden</th></tr></thead><tbody>{steekproef}</tbody></table>
            """))}
            """);
    }

    /// <summary>
    /// How often each indicator applied and fired in the run, its weight, and per peer group the usual value and the
    /// limit beyond which it fires. A share whose limit lies above 100 % cannot fire in that group: said plainly, so that
    /// a blind spot of the rules is seen on the run rather than guessed from a missing signal.
    /// </summary>
    internal static Html Indicatoren(IReadOnlyList<IndicatorPrevalence> indicatoren, IndicatorThresholds drempels)
    {
        if (indicatoren.Count == 0) return Html.Leeg;
        var blokken = indicatoren.Select(i =>
        {
            var eenheid = IndicatorCatalogue.Get(i.Code).Eenheid;
            string Waarde(double v) => eenheid switch
            {
                Eenheid.Aandeel => Weergave.Procent(v),
                Eenheid.Factor => Weergave.Getal(v) + "\u00a0×",
                _ => Weergave.Getal(v),
            };
            var blind = i.Groepen.Where(g => eenheid == Eenheid.Aandeel && g.Grens > 1).Select(g => g.Groep).ToList();
            var groepen = i.Groepen.Select(g => Html.H($"""
                <tr><td class="code">{g.Groep}</td><td class="num">{g.Toepasbaar}</td><td class="num">{g.Afgegaan}</td><td class="num">{Waarde(g.Mediaan)}</td>
                <td class="num">{(g.Grens is { } grens ? Waarde(grens) : "—")}{(eenheid == Eenheid.Aandeel && g.Grens > 1 ? " (kan niet afgaan)" : "")}</td></tr>
                """));
            return Html.H($"""
                <details><summary><span class="code">{i.Code}</span>: {i.Afgegaan} van {i.Toepasbaar} aanbieders, gewicht {Weergave.Getal(i.Gewicht)}{(blind.Count > 0 ? $"; kan niet afgaan in {string.Join(", ", blind)}" : "")}</summary>
                <table class="tabel"><thead><tr><th>Vergelijkingsgroep</th><th>Toepasbaar</th><th>Afgegaan</th><th>Mediaan</th><th>Grens</th></tr></thead><tbody>{groepen}</tbody></table>
                </details>
                """);
        });
        return Html.H($"""
            <h2>Indicatoren in deze run</h2>
            <p class="sub">Gewicht: −ln((afgegaan + 1) / (toepasbaar + {drempels.MinimumGroep})), hoe zeldzamer, hoe zwaarder (docs/indicatoren.md). Per vergelijkingsgroep
            de gewone waarde (mediaan) en de grens: mediaan + {Weergave.Getal(drempels.RobuusteZ)} × de robuuste spreiding; een aanbieder boven de grens
            (en boven het minimum van de indicator) laat de indicator afgaan. Een aandeel met een grens boven 100 % kan in die groep niet afgaan:
            daar is de gewone spreiding te groot om iets ongewoon te noemen. Voor een aandeel is dit de grens bij veel cliënten of maanden; bij
            weinig ligt de eigen grens van een aanbieder verder weg (een aandeel over weinig is een ruwe schatting). Die eigen grens staat bij het signaal.</p>
            {Html.Samen(blokken)}
            """);
    }

    private static Html Fairness(FairnessSummary? s) => s is null
        ? Html.H($"<span class=\"sub\">niet vastgelegd</span>")
        : s.Passed
            ? Html.H($"<span class=\"status s-geen_aanwijzing\">in orde</span>")
            : Html.H($"<span class=\"status s-nader_onderzoek\">aandacht nodig</span> <span class=\"sub\">{s.ForbiddenFeatures} verboden kenmerken, {s.UnexplainedWarnings} onverklaarde concentraties</span>");

    private static Html FairnessRapport(FairnessSummary? samenvatting, FairnessReport? rapport)
    {
        if (samenvatting is null) return Html.H($"<p>Voor deze run is geen fairnessrapport vastgelegd.</p>");
        if (rapport is null) return Html.H($"<p class=\"melding fout\">Het fairnessrapport {samenvatting.Blob} ontbreekt in de opslag.</p>");
        var kenmerken = rapport.Features.Select(f => Html.H($"""
            <tr><td class="code">{f.Feature}</td><td>{f.Verdict}</td><td>{string.Join(", ", f.Attributes)}</td><td class="sub">{string.Join(", ", f.Matches)} {f.Reason ?? ""}</td></tr>
            """));
        var waarschuwingen = rapport.Warnings.Count == 0
            ? Html.H($"<p class=\"melding ok\">Geen concentratie boven de drempels (aandeel ≥ {Weergave.Getal(rapport.Settings.MinimumShare * 100)}% en ≥ {Weergave.Getal(rapport.Settings.MinimumFactor)} × het aandeel in de populatie).</p>")
            : Html.Samen(rapport.Warnings.Select(w => Html.H($"<p class=\"melding {(w.Explained ? "ok" : "fout")}\"><strong>{w.Dimension} {w.Group}:</strong> {w.Toelichting}</p>")));
        return Html.H($"""
            {(rapport.Passed ? Html.H($"<p class=\"melding ok\">Het fairnessrapport is in orde.</p>") : Html.H($"<p class=\"melding fout\">Het fairnessrapport vraagt aandacht.</p>"))}
            <p class="sub">Rapport: {samenvatting.Blob}, sha-256 <span class="hash">{samenvatting.Sha256}</span>. Uitleg van de toets: docs/fairness.md.</p>
            <h3>Kenmerken van het model tegen de verboden kenmerken en proxy's</h3>
            <table class="tabel"><thead><tr><th>Kenmerk</th><th>Oordeel</th><th>Raakt aan</th><th>Waar / reden</th></tr></thead><tbody>{kenmerken}</tbody></table>
            <h3>Concentratie</h3>
            {waarschuwingen}
            <h3>Selectie per postcodegebied (cliënten)</h3>
            {Tabel(rapport.ClientsPerPc4, "Postcode-4")}
            <h3>Selectie per postcodegebied (aanbieders, vestiging)</h3>
            {Tabel(rapport.ProvidersPerPc4, "Postcode-4")}
            <h3>Selectie per productcategorie (cliënten)</h3>
            {Tabel(rapport.ClientsPerProductcategorie, "Productcategorie")}
            <h3>Selectie per productcategorie (aanbieders)</h3>
            {Tabel(rapport.ProvidersPerProductcategorie, "Productcategorie")}
            """);
    }

    /// <summary>The rates, the most over-represented groups first; long lists are cut at 50 rows (the report blob has all).</summary>
    private static Html Tabel(IReadOnlyList<SelectionRate> rates, string groep)
    {
        var rijen = rates.OrderByDescending(r => r.Factor).ThenBy(r => r.Group, StringComparer.Ordinal).Take(50).Select(r => Html.H($"""
            <tr><td>{r.Group}</td><td class="num">{r.Total}</td><td class="num">{r.Selected}</td><td class="num">{Weergave.Getal(r.Rate * 100, "0.#")}%</td>
            <td class="num">{Weergave.Getal(r.ShareOfSelected * 100, "0.#")}%</td><td class="num">{Weergave.Getal(r.ShareOfTotal * 100, "0.#")}%</td><td class="num">{Weergave.Getal(r.Factor, "0.00")}</td></tr>
            """));
        var meer = rates.Count > 50 ? Html.H($"<p class=\"sub\">{rates.Count - 50} groepen meer in het rapport.</p>") : Html.Leeg;
        return Html.H($"""
            <table class="tabel"><thead><tr><th>{groep}</th><th>Totaal</th><th>Geselecteerd</th><th>Selectieratio</th><th>Aandeel in selectie</th><th>Aandeel in totaal</th><th>Factor</th></tr></thead><tbody>{rijen}</tbody></table>{meer}
            """);
    }
}
