using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// The data engineer's desk: per extract type what is in force since when, the last delivery and its result,
/// overdue types, quarantined files with their reasons and first rejected lines, the change in rows, and what to do
/// next. Read from the catalogue and the ingest reports; no signals, no assessments.
/// </summary>
public static class LeveringenEndpoints
{
    public static void MapLeveringen(this IEndpointRouteBuilder app)
    {
        app.MapGet("/leveringen", Toon);
    }

    private static async Task<ContentHttpResult> Toon(HttpContext ctx, Store store, PortalOptions opties, TimeProvider clock)
    {
        var nu = clock.GetUtcNow();
        var instellingen = opties.Leveringen;
        var overzicht = await DeliveryOverview.ForStoreAsync(store, instellingen, nu, ctx.RequestAborted);
        var aantal = overzicht.Sum(s => s.Waarschuwingen.Count);
        var samenvatting = aantal == 0
            ? Html.H($"<p class=\"melding ok\" role=\"status\">Alle leveringen zijn in orde.</p>")
            : Html.H($"<p class=\"melding fout\" role=\"status\">{aantal} {(aantal == 1 ? "waarschuwing" : "waarschuwingen")}. De volgende risicorun legt ze vast en beoordelaars zien ze bij elk signaal van die run.</p>");
        var rijen = overzicht.Select(s => Html.H($"""
            <tr id="rij-{s.Type.Name()}" class="{(s.Waarschuwingen.Count > 0 ? "let-op" : "")}"><td><b>{s.Type.Name()}</b></td>
            <td>{VanKracht(s)}</td><td class="num">{(s.VanKracht is { } k ? k.RowsAccepted.ToString("N0", Html.Nl) : "–")}</td>
            <td class="num wijziging">{Wijziging(s.RijWijziging)}</td>
            <td>{LaatsteLevering(s)}</td><td>{Cadans(s)}</td></tr>
            """));
        var kaarten = overzicht.Select(Kaart);
        var inhoud = Html.H($"""
            <h1>Leveringen</h1>
            <p class="intro">Per extracttype: wat de risicorun nu gebruikt, wat er het laatst binnenkwam en wat u moet doen. Waarschuwing bij een wijziging van meer dan
            {Weergave.Getal(instellingen.MaxRijWijziging * 100, "0.#")} % in het aantal rijen ten opzichte van het vorige extract. Dezelfde gegevens: <span class="code">zfs status</span>.</p>
            {samenvatting}
            <table class="tabel leveringen"><thead><tr><th>Type</th><th>Van kracht</th><th>Rijen</th><th>Wijziging</th><th>Laatste levering</th><th>Cadans</th></tr></thead><tbody>{rijen}</tbody></table>
            {kaarten}
            <p class="sub">Alle rapporten: <a href="/inleesrapporten">Inleesrapporten</a>. Lever een extract aan als <span class="code">extracts/TYPE/TYPE_JJJJMMDD.csv</span>; de datum in de naam is de extractdatum.</p>
            """);
        return TypedResults.Content(Layout.Pagina(ctx, opties, "Leveringen", inhoud).ToString(), "text/html; charset=utf-8");
    }

    private static Html VanKracht(DeliveryStatus s) => s.VanKracht is { } k
        ? Html.H($"{Path.GetFileName(k.SourceName)}<div class=\"sub\">extractdatum {Weergave.Datum(DateOnly.FromDateTime(k.ExtractDate.UtcDateTime))} · sinds {Weergave.Tijd(k.IngestedAt)}</div><div class=\"sub hash\" title=\"{k.Sha256}\">sha-256 {k.Sha256[..16]}…</div>")
        : Html.H($"<span class=\"sub\">geen</span>");

    private static Html LaatsteLevering(DeliveryStatus s) => s.LaatsteLevering is { } l
        ? Html.H($"{Path.GetFileName(l.SourceName)}<div class=\"sub\">{Weergave.Tijd(l.IngestedAt)}</div><span class=\"resultaat r-{l.Status.ToString().ToLowerInvariant()}\">{IngestReport.StatusText(l.Status)}</span>")
        : Html.H($"<span class=\"sub\">nog geen</span>");

    private static Html Cadans(DeliveryStatus s)
    {
        if (s.CadansDagen == 0) return Html.H($"<span class=\"sub\">geen verwachting</span>");
        var uiterlijk = s.VerwachtUiterlijk is { } u ? Html.H($"<div class=\"sub\">volgende uiterlijk {Weergave.Datum(u)}</div>") : Html.Leeg;
        var teLaat = s.TeLaat ? Html.H($"<span class=\"te-laat\">te laat: {s.DagenTeLaat} {(s.DagenTeLaat == 1 ? "dag" : "dagen")}</span>") : Html.Leeg;
        return Html.H($"elke {s.CadansDagen} dagen{uiterlijk}{teLaat}");
    }

    private static string Wijziging(double? w) => w is { } x ? (x >= 0 ? "+" : "−") + Weergave.Getal(Math.Abs(x * 100), "0") + " %" : "–";

    private static Html Kaart(DeliveryStatus s)
    {
        var waarschuwingen = s.Waarschuwingen.Select(w => Html.H($"<li class=\"waarschuwing w-{w.Code}\">{w.Tekst}</li>"));
        var advies = s.Advies.Select(a => Html.H($"<li>{a}</li>"));
        var quarantaine = s.Quarantaine.Select(q => Html.H($"""
            <div class="quarantaine"><b>{Path.GetFileName(q.SourceName)}</b> <span class="sub">{Weergave.Tijd(q.IngestedAt)}</span>
            <p>{q.Message}</p>
            {(q.Errors.Count == 0 ? Html.Leeg : Html.H($"""
                <table class="tabel"><thead><tr><th>Regel</th><th>Kolom</th><th>Reden</th></tr></thead><tbody>{q.Errors.Take(DeliveryOverview.RegelsGetoond).Select(e => Html.H($"<tr><td class=\"num\">{e.Line}</td><td>{e.Column}</td><td>{e.Reason}</td></tr>"))}</tbody></table>
                {(q.Errors.Count > DeliveryOverview.RegelsGetoond ? Html.H($"<p class=\"sub\">… en nog {(q.Errors.Count - DeliveryOverview.RegelsGetoond).ToString("N0", Html.Nl)} afgekeurde regels in het inleesrapport.</p>") : Html.Leeg)}
                """))}
            {(q.ReportBlob is { } r ? Html.H($"<p class=\"sub\"><a href=\"/inleesrapporten/{RapportPad(r)}\">Volledig inleesrapport</a></p>") : Html.Leeg)}
            </div>
            """));
        return Html.H($"""
            <section class="kaart levering" id="type-{s.Type.Name()}"><h2>{s.Type.Name()}</h2>
            {(s.Waarschuwingen.Count > 0 ? Html.H($"<ul class=\"waarschuwingen\">{waarschuwingen}</ul>") : Html.Leeg)}
            <h3>Wat te doen</h3><ul class="advies">{advies}</ul>
            {(s.Quarantaine.Count > 0 ? Html.H($"<h3>Laatste bestanden in quarantaine</h3>{quarantaine}") : Html.Leeg)}
            </section>
            """);
    }

    /// <summary>The report's text version under /inleesrapporten (the JSON blob's name with .txt).</summary>
    private static string RapportPad(string reportBlob)
    {
        var naam = reportBlob.StartsWith(StoreNames.ReportsContainer + "/", StringComparison.Ordinal) ? reportBlob[(StoreNames.ReportsContainer.Length + 1)..] : reportBlob;
        if (naam.EndsWith(".json", StringComparison.Ordinal)) naam = naam[..^5] + ".txt";
        return string.Join('/', naam.Split('/').Select(Uri.EscapeDataString));
    }
}

/// <summary>
/// The data-quality warnings a run recorded, as a line on each of its signals. Read once per run: a run's record is
/// written before its list is published and never changes.
/// </summary>
public sealed class RunDataKwaliteit(Store store)
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<DataWarning>>> _perRun = new(StringComparer.Ordinal);

    public async Task<Html> RegelAsync(string runId)
    {
        var waarschuwingen = await _perRun.GetOrAdd(runId, async id =>
        {
            try { return (await ModelRunRecord.ReadAsync(store.Tables, id))?.DataKwaliteit ?? []; }
            catch (ArgumentException) { return []; } // a run id the store cannot hold as a key
        });
        if (waarschuwingen.Count == 0) return Html.Leeg;
        return Html.H($"""
            <div class="melding datakwaliteit" role="note"><b>Let op, de gegevens van deze run:</b> {string.Join("; ", waarschuwingen.Select(w => w.Tekst))}.
            <span class="sub">Lees de signalen met die kanttekening; de data engineer ziet dit ook op de pagina Leveringen.</span></div>
            """);
    }
}
