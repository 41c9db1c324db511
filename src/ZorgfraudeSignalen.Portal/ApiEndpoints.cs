using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Portal;

public sealed record IkDto(string Id, string Naam, IReadOnlyCollection<string> Rollen, bool Ontwikkelmodus);
public sealed record EerderDto(string RunId, string Status);
public sealed record SignaalRegelDto(int Rang, string AanbiederId, string AanbiederNaam, double Risicoscore, double Anomaliescore,
    IReadOnlyList<string> Signalen, string? ClusterId, string Status, bool Overgenomen, string Herhaling, EerderDto? Eerder, int Versie);
public sealed record RisicolijstDto(string RunId, int Totaal, int Pagina, int AantalPaginas, IReadOnlyList<SignaalRegelDto> Signalen);
public sealed record SignaalDto(SignalDetail Detail, string Status, bool Overgenomen, string Herhaling, Beoordeling? Beoordeling, IReadOnlyList<Beoordeling> EerdereRuns, bool BewijsWeggelaten);
/// <summary>The body of a first assessment; the version it answers to travels as If-Match.</summary>
public sealed record BeoordelingVerzoek(string? Uitkomst, string? Motivering, DateOnly? VerlooptOp);
/// <summary>The body of a second reviewer's step or a reopening; the version travels as If-Match.</summary>
public sealed record TweedeBeoordelingVerzoek(string? Motivering);

/// <summary>A signal's version (the number of recorded steps) as an HTTP entity tag.</summary>
public static class Versie
{
    public static string ETag(int versie) => "\"" + versie.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version in a strong <c>If-Match</c>; null when the header is missing or names no single version.</summary>
    public static int? UitIfMatch(HttpRequest r) =>
        r.Headers.IfMatch is [{ } waarde] && waarde.Trim() is { Length: > 2 } t && t[0] == '"' && t[^1] == '"'
        && int.TryParse(t[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
public sealed record AuditDto(bool KetenHeel, string? Breuk, int Aantal, IReadOnlyList<Core.Audit.AuditEntry> Laatste);

/// <summary>
/// The JSON API: the same operations as the pages, under /api, described at /openapi/v1.json. A signal carries an
/// <c>ETag</c> (its assessment's version); every change needs it back as <c>If-Match</c>: 428 without it, 412 when
/// someone else changed the signal since.
/// </summary>
public static class ApiEndpoints
{
    public static void MapPortalApi(this IEndpointRouteBuilder api)
    {
        api.MapGroup("").RequireAuthorization(Autorisatie.MetRol).MapGet("/ik", (HttpContext ctx, PortalOptions o) =>
        {
            var r = ctx.User.Reviewer();
            return TypedResults.Ok(new IkDto(r.Id, r.Naam, r.Rollen, o.IsOntwikkelmodus));
        }).WithSummary("Wie ben ik, met welke rollen");

        var lezen = api.MapGroup("").RequireAuthorization(Autorisatie.Lezen);
        lezen.MapGet("/runs", async (PortalData data, CancellationToken ct) => TypedResults.Ok(await data.RunsAsync(ct)))
            .WithSummary("Gepubliceerde runs, nieuwste eerst");
        lezen.MapGet("/runs/{runId}/signalen", Lijst)
            .WithSummary("De risicolijst van een run: filter op status, indicator, cluster, min, max; sorteer met sort en richting=af; pagina, per");
        lezen.MapGet("/runs/{runId}/signalen/{aanbiederId}", Signaal)
            .WithSummary("Een signaal met toelichting, bewijs (alleen voor beoordelaars) en beoordeling; de ETag is de versie van de beoordeling")
            .Produces<SignaalDto>().ProducesProblem(StatusCodes.Status404NotFound);
        lezen.MapGet("/runs/{runId}/risicolijst.csv", ExportEndpoints.Export)
            .WithSummary("risicolijst.csv met de huidige statussen (; gescheiden, decimale komma, UTF-8 met BOM)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        var beoordelen = api.MapGroup("/runs/{runId}/signalen/{aanbiederId}").RequireAuthorization(Autorisatie.Beoordelen);
        Wijziging<BeoordelingVerzoek>(beoordelen, "/beoordeling", BeoordelingsActie.Beoordelen, v => (v.Uitkomst, v.Motivering, v.VerlooptOp))
            .WithSummary("Eerste beoordeling: geen_aanwijzing, buiten_beschouwing (met verlooptOp) of nader_onderzoek (voorstel)");
        Wijziging<TweedeBeoordelingVerzoek>(beoordelen, "/heropening", BeoordelingsActie.Heropenen, v => (null, v.Motivering, null))
            .WithSummary("Een beoordeling (geen aanwijzing, buiten beschouwing) heropenen");

        var tweede = api.MapGroup("/runs/{runId}/signalen/{aanbiederId}").RequireAuthorization(Autorisatie.TweedeBeoordeling);
        Wijziging<TweedeBeoordelingVerzoek>(tweede, "/bevestiging", BeoordelingsActie.Bevestigen, v => (null, v.Motivering, null))
            .WithSummary("Een voorgesteld nader onderzoek bevestigen (andere persoon dan de voorsteller)");
        Wijziging<TweedeBeoordelingVerzoek>(tweede, "/afwijzing", BeoordelingsActie.Afwijzen, v => (null, v.Motivering, null))
            .WithSummary("Een voorgesteld nader onderzoek afwijzen (andere persoon dan de voorsteller)");

        api.MapGroup("").RequireAuthorization(Autorisatie.Audit).MapGet("/audit", Audit).WithSummary("De auditketen: controle en de laatste 200 regels");
    }

    /// <summary>
    /// A change of a signal's assessment. The signal and <c>If-Match</c> are checked before the body is read, so an
    /// unknown signal or a missing version costs nothing to refuse; the body itself is bounded by the portal's limit.
    /// </summary>
    private static RouteHandlerBuilder Wijziging<T>(IEndpointRouteBuilder groep, string pad, string soort, Func<T, (string? Uitkomst, string? Motivering, DateOnly? VerlooptOp)> velden) where T : notnull =>
        groep.MapPost(pad, async (HttpContext ctx, PortalData data, string runId, string aanbiederId) =>
            {
                var ct = ctx.RequestAborted;
                var lijst = await data.LijstAsync(runId, ct);
                if (lijst is null || !lijst.OpId.ContainsKey(aanbiederId)) return NietGevonden();
                if (ctx.Request.Headers.IfMatch.Count == 0)
                    return TypedResults.Problem("Stuur de ETag van het signaal mee als If-Match, zodat een wijziging van een ander niet ongemerkt wordt overschreven. " +
                                                "Haal het signaal op (GET) voor de actuele ETag.", statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match ontbreekt");
                if (Versie.UitIfMatch(ctx.Request) is not { } versie)
                    return TypedResults.Problem("If-Match noemt geen versie van dit signaal. Stuur precies de ETag die u bij het ophalen kreeg (bijvoorbeeld \"2\").",
                        statusCode: StatusCodes.Status412PreconditionFailed, title: "If-Match past niet");
                T? verzoek;
                try { verzoek = await ctx.Request.ReadFromJsonAsync<T>(ct); }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
                {
                    return TypedResults.Problem("De body is geen geldig JSON-verzoek (application/json) voor deze handeling.", statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek");
                }
                if (verzoek is null) return TypedResults.Problem("De body ontbreekt.", statusCode: StatusCodes.Status400BadRequest, title: "Ongeldig verzoek");
                var (uitkomst, motivering, verlooptOp) = velden(verzoek);
                return await Voer(ctx, data, runId, aanbiederId, soort, uitkomst, motivering, verlooptOp, versie);
            })
            .Accepts<T>("application/json")
            .Produces<Beoordeling>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static ProblemHttpResult NietGevonden() =>
        TypedResults.Problem("Dit signaal bestaat niet in een gepubliceerde run.", statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    private static async Task<Results<Ok<RisicolijstDto>, ProblemHttpResult>> Lijst(HttpContext ctx, PortalData data, string runId)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null) return TypedResults.Problem($"Run {runId} is niet gepubliceerd.", statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");
        var pagina = RisicolijstOverzicht.Toepassen(await data.RegelsAsync(lijst, ctx.RequestAborted), RisicolijstEndpoints.Filter(ctx.Request));
        return TypedResults.Ok(new RisicolijstDto(runId, pagina.Totaal, pagina.Nummer, pagina.AantalPaginas, pagina.Items.Select(Dto).ToList()));
    }

    private static SignaalRegelDto Dto(SignaalRegel r) => new(r.Signal.Rang, r.Signal.AanbiederId, r.Signal.AanbiederNaam, r.Signal.Risicoscore,
        r.Signal.Anomaliescore, r.Signal.Signalen, r.Signal.ClusterId, r.Status, r.Overgenomen, r.Herhaling.ToString(),
        r.Eerder is { } e ? new EerderDto(e.RunId, e.Status) : null, r.Beoordeling?.Versie ?? 0);

    private static async Task<Results<Ok<SignaalDto>, ProblemHttpResult>> Signaal(HttpContext ctx, PortalData data, string runId, string aanbiederId)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null || !lijst.OpId.TryGetValue(aanbiederId, out var signal)) return NietGevonden();
        var detail = await data.DetailAsync(runId, aanbiederId, ctx.RequestAborted);
        if (detail is null) return NietGevonden();
        var regel = await data.RegelAsync(signal, detail.FeitenHash, ctx.RequestAborted);
        var bewijs = Autorisatie.MagBewijsZien(ctx.User);
        if (bewijs) await data.Beoordelingen.LogBewijsBekekenAsync(runId, aanbiederId, ctx.User.Reviewer(), "api", ctx.RequestAborted);
        else detail = detail with { Panden = [], Cluster = null };
        var runs = (await data.RunsAsync(ctx.RequestAborted)).Select(r => r.RunId).Where(r => r != runId);
        var eerdere = await data.Beoordelingen.HistorieVanAsync(aanbiederId, runs, ctx.RequestAborted);
        ctx.Response.Headers.ETag = Versie.ETag(regel.Beoordeling?.Versie ?? 0);
        return TypedResults.Ok(new SignaalDto(detail, regel.Status, regel.Overgenomen, regel.Herhaling.ToString(), regel.Beoordeling, eerdere, !bewijs));
    }

    private static async Task<Results<Ok<Beoordeling>, ProblemHttpResult>> Voer(HttpContext ctx, PortalData data, string runId, string aanbiederId,
        string soort, string? uitkomst, string? motivering, DateOnly? verlooptOp, int versie)
    {
        var r = await BeoordelingenEndpoints.VoerUitAsync(data, runId, aanbiederId, soort, uitkomst, motivering ?? "", verlooptOp?.ToString("yyyy-MM-dd"), versie,
            ctx.User.Reviewer(), ctx.RequestAborted);
        switch (r)
        {
            case null:
                return NietGevonden();
            case OpslagResultaat.Opgeslagen o:
                ctx.Response.Headers.ETag = Versie.ETag(o.Beoordeling.Versie);
                return TypedResults.Ok(o.Beoordeling);
            case OpslagResultaat.Conflict c:
                ctx.Response.Headers.ETag = Versie.ETag(c.Huidig.Versie);
                return TypedResults.Problem(c.Melding, statusCode: StatusCodes.Status412PreconditionFailed, title: "Het signaal is intussen gewijzigd",
                    extensions: new Dictionary<string, object?> { ["huidig"] = c.Huidig, ["verder"] = "Lees de huidige beoordeling en stuur uw handeling opnieuw met de nieuwe ETag als If-Match." });
            case OpslagResultaat.Geweigerd g:
                return TypedResults.Problem(g.Melding, statusCode: BeoordelingenEndpoints.StatusCode(g.Reden), title: "Geweigerd: " + Weigeringstitel(g.Reden),
                    extensions: new Dictionary<string, object?> { ["reden"] = g.Reden.ToString() });
            default:
                throw new InvalidOperationException();
        }
    }

    private static string Weigeringstitel(Weigering w) => w switch
    {
        Weigering.GeenRecht => "uw rol mag dit niet",
        Weigering.ZelfdePersoon => "vier-ogenprincipe",
        Weigering.NietInDezeStatus => "niet in deze status",
        _ => "ongeldige invoer",
    };

    private static async Task<Ok<AuditDto>> Audit(Core.Audit.AuditLog log, CancellationToken ct)
    {
        var breuk = await log.VerifyAsync(ct);
        var alle = new List<Core.Audit.AuditEntry>();
        await foreach (var e in log.ReadAllAsync(ct)) alle.Add(e);
        return TypedResults.Ok(new AuditDto(breuk is null, breuk?.ToString(), alle.Count, alle.TakeLast(200).Reverse().ToList()));
    }
}
