using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The risk list: one run's signals, sortable, filterable (status, indicator, cluster, score) and paged.</summary>
public static class RisicolijstEndpoints
{
    public static void MapRisicolijst(this IEndpointRouteBuilder app)
    {
        app.MapGet("/risicolijst", Toon);
    }

    /// <summary>The filter from the query string; anything unparseable is ignored rather than an error page.</summary>
    public static RisicolijstFilter Filter(HttpRequest r)
    {
        static string? S(HttpRequest r, string k) => r.Query[k] is [{ Length: > 0 } v] ? v : null;
        static double? D(HttpRequest r, string k) => double.TryParse(S(r, k)?.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        var sort = S(r, "sort") is { } s && RisicolijstFilter.Sorteringen.Contains(s) ? s : RisicolijstFilter.OpRang;
        return new RisicolijstFilter(
            Status: S(r, "status"),
            Indicator: S(r, "indicator"),
            Cluster: S(r, "cluster"),
            MinScore: D(r, "min"),
            MaxScore: D(r, "max"),
            Sortering: sort,
            Aflopend: S(r, "richting") == "af",
            Pagina: int.TryParse(S(r, "pagina"), out var p) ? p : 1,
            PerPagina: int.TryParse(S(r, "per"), out var pp) ? pp : 50);
    }

    private static async Task<IResult> Toon(HttpContext ctx, PortalData data, PortalOptions opties)
    {
        var runs = await data.RunsAsync(ctx.RequestAborted);
        if (runs.Count == 0)
            return Pagina(ctx, opties, "Risicolijst", Html.H($"<h1>Risicolijst</h1><p class=\"melding\">Er is nog geen risicolijst gepubliceerd. Een risicorun publiceert de lijst; daarna verschijnt die hier.</p>"));
        var runId = ctx.Request.Query["run"] is [{ Length: > 0 } r] ? r : runs[0].RunId;
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null) return Fouten.NietGevonden($"Run {runId} is niet gepubliceerd.");

        var filter = Filter(ctx.Request);
        var regels = await data.RegelsAsync(lijst, ctx.RequestAborted);
        var pagina = RisicolijstOverzicht.Toepassen(regels, filter);
        var telling = regels.GroupBy(x => x.Status).ToDictionary(g => g.Key, g => g.Count());
        return Pagina(ctx, opties, "Risicolijst", Render(lijst, runs, regels.Count, telling, filter, pagina, data.Vandaag));
    }

    private static ContentHttpResult Pagina(HttpContext ctx, PortalOptions opties, string titel, Html inhoud) =>
        TypedResults.Content(Layout.Pagina(ctx, opties, titel, inhoud).ToString(), "text/html; charset=utf-8");

    private static Html Render(RunLijst lijst, IReadOnlyList<PublishedRun> runs, int totaal, Dictionary<string, int> telling, RisicolijstFilter f, Pagina<SignaalRegel> pagina, DateOnly vandaag)
    {
        var run = lijst.Run;
        var gepubliceerd = lijst.Basis?.Gepubliceerd ?? totaal - telling.GetValueOrDefault(ReviewStatus.NietGepubliceerd);
        var gescoord = lijst.Basis?.Gescoord ?? totaal;
        var statussen = new[] { ReviewStatus.TeBeoordelen, ReviewStatus.NaderOnderzoekVoorgesteld, ReviewStatus.NaderOnderzoek, ReviewStatus.KennisgevingVerstuurd, ReviewStatus.ZienswijzeOntvangen, ReviewStatus.Afgesloten, ReviewStatus.GeenAanwijzing, ReviewStatus.BuitenBeschouwing, ReviewStatus.NietGepubliceerd };
        var tellers = statussen.Where(telling.ContainsKey).Select(s =>
            Html.H($"<a class=\"teller\" href=\"{Url(run.RunId, f with { Status = s, Pagina = 1 })}\">{Weergave.Status(s)} <b>{Weergave.Getal(telling[s])}</b></a>"));

        var runOpties = runs.Select(x => Html.H($"<option value=\"{x.RunId}\"{Sel(x.RunId == run.RunId)}>{Weergave.Tijd(x.GepubliceerdOp)} ({x.RunId})</option>"));
        var statusOpties = new[] { ("", "alle statussen"), (RisicolijstFilter.Open, "open (te beoordelen of voorgesteld)") }
            .Concat(statussen.Select(s => (s, StatusTekst.Kort(s))))
            .Select(x => Html.H($"<option value=\"{x.Item1}\"{Sel(x.Item1 == (f.Status ?? ""))}>{x.Item2}</option>"));
        var indicatorOpties = new[] { "" }.Concat(lijst.Indicatoren)
            .Select(i => Html.H($"<option value=\"{i}\"{Sel(i == (f.Indicator ?? ""))}>{(i == "" ? "alle indicatoren" : $"{Weergave.IndicatorNaam(i)} ({i})")}</option>"));
        var clusterOpties = new[] { "" }.Concat(lijst.Clusters)
            .Select(c => Html.H($"<option value=\"{c}\"{Sel(c == (f.Cluster ?? ""))}>{(c == "" ? "alle clusters" : c)}</option>"));

        var rijen = pagina.Items.Select(r =>
        {
            var s = r.Signal;
            var codes = s.Signalen.Select(Weergave.Indicator);
            return Html.H($"""
                <tr><td class="num">{Weergave.Getal(s.Rang)}</td>
                <td><a href="{Weergave.SignaalUrl(s.RunId, s.AanbiederId)}">{s.AanbiederNaam}</a> {NatuurlijkPersoon.Label(s)}<div class="sub">{s.AanbiederId}</div></td>
                <td class="num"><span class="score">{Weergave.Getal(s.Risicoscore, "0.0")}</span></td>
                <td class="num">{Weergave.Getal(s.Anomaliescore, "0.00")}</td>
                <td>{codes}{LerenWeergave.SteekproefMerk(s)}</td>
                <td>{s.ClusterId ?? "geen"}</td>
                <td>{Weergave.Status(r.Status, r.Overgenomen)}{Weergave.Herhaling(r)}{KennisgevingenEndpoints.Termijn(r.Beoordeling, vandaag)}</td></tr>
                """);
        });

        var kolommen = new[] { (RisicolijstFilter.OpRang, "Rang"), (RisicolijstFilter.OpNaam, "Aanbieder"), (RisicolijstFilter.OpScore, "Risicoscore"), (RisicolijstFilter.OpAnomalie, "Anomalie"), ("", "Indicatoren"), (RisicolijstFilter.OpCluster, "Cluster"), (RisicolijstFilter.OpStatus, "Status") }
            .Select(k =>
            {
                if (k.Item1 == "") return Html.H($"<th>{k.Item2}</th>");
                var actief = f.Sortering == k.Item1;
                var volgende = f with { Sortering = k.Item1, Aflopend = actief ? !f.Aflopend : k.Item1 is RisicolijstFilter.OpScore or RisicolijstFilter.OpAnomalie, Pagina = 1 };
                var pijl = actief ? (f.Aflopend ? " ▼" : " ▲") : "";
                return Html.H($"<th><a href=\"{Url(run.RunId, volgende)}\">{k.Item2}{pijl}</a></th>");
            });

        var vorige = pagina.Nummer > 1 ? Html.H($"<a href=\"{Url(run.RunId, f with { Pagina = pagina.Nummer - 1 })}\" rel=\"prev\">← vorige</a>") : Html.Leeg;
        var volgendeP = pagina.Nummer < pagina.AantalPaginas ? Html.H($"<a href=\"{Url(run.RunId, f with { Pagina = pagina.Nummer + 1 })}\" rel=\"next\">volgende →</a>") : Html.Leeg;
        var leeg = pagina.Totaal == 0 ? Html.H($"<tr><td colspan=\"7\" class=\"leeg\">Geen signalen met deze filters.</td></tr>") : Html.Leeg;

        return Html.H($"""
            <h1>Risicolijst</h1>
            <p class="intro">Risicorun van {Weergave.Tijd(run.GepubliceerdOp)} <span class="code" title="run-id">{run.RunId}</span>: {Weergave.Aantal(gescoord, "aanbieder", "aanbieders")} gescoord, {Weergave.Getal(gepubliceerd)} ter beoordeling gepubliceerd.
            Elk signaal is een aanleiding om te kijken, geen oordeel. Een aanbieder komt pas in <i>nader onderzoek</i> als twee verschillende beoordelaars dat met een motivering vastleggen.</p>
            <div class="tellers">{tellers}</div>
            <form method="get" action="/risicolijst" class="filters">
            <label>Run <select name="run">{runOpties}</select></label>
            <label>Status <select name="status">{statusOpties}</select></label>
            <label>Indicator <select name="indicator">{indicatorOpties}</select></label>
            <label>Cluster <select name="cluster">{clusterOpties}</select></label>
            <label>Score van <input name="min" inputmode="decimal" size="4" value="{f.MinScore?.ToString(Html.Nl) ?? ""}"></label>
            <label>tot <input name="max" inputmode="decimal" size="4" value="{f.MaxScore?.ToString(Html.Nl) ?? ""}"></label>
            <input type="hidden" name="sort" value="{f.Sortering}"><input type="hidden" name="richting" value="{(f.Aflopend ? "af" : "op")}">
            <button type="submit">Filter</button> <a href="/risicolijst?run={Uri.EscapeDataString(run.RunId)}">wis filters</a>
            <a class="export" href="/export/{Uri.EscapeDataString(run.RunId)}/risicolijst.csv">Download risicolijst.csv</a>
            </form>
            <p class="aantal">{Weergave.Aantal(pagina.Totaal, "signaal", "signalen")} met deze filters · pagina {pagina.Nummer} van {pagina.AantalPaginas}</p>
            <table class="lijst"><thead><tr>{kolommen}</tr></thead><tbody>{rijen}{leeg}</tbody></table>
            <nav class="paginering">{vorige} <span>pagina {pagina.Nummer} / {pagina.AantalPaginas}</span> {volgendeP}</nav>
            """);
    }

    private static Html Sel(bool selected) => selected ? Html.Vertrouwd(" selected") : Html.Leeg;

    public static string Url(string runId, RisicolijstFilter f)
    {
        var q = new List<string> { "run=" + Uri.EscapeDataString(runId) };
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) q.Add(k + "=" + Uri.EscapeDataString(v)); }
        Add("status", f.Status);
        Add("indicator", f.Indicator);
        Add("cluster", f.Cluster);
        Add("min", f.MinScore?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("max", f.MaxScore?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (f.Sortering != RisicolijstFilter.OpRang) Add("sort", f.Sortering);
        if (f.Aflopend) Add("richting", "af");
        if (f.Pagina > 1) Add("pagina", f.Pagina.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/risicolijst?" + string.Join("&", q);
    }
}
