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
public sealed record BeoordelingVerzoek(string Uitkomst, string Motivering, DateOnly? VerlooptOp, int Versie);
public sealed record TweedeBeoordelingVerzoek(string Motivering, int Versie);
public sealed record AuditDto(bool KetenHeel, string? Breuk, int Aantal, IReadOnlyList<Core.Audit.AuditEntry> Laatste);

/// <summary>The JSON API: the same operations as the pages, under /api, described at /openapi/v1.json.</summary>
public static class MapApi
{
    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Portaal");
        api.MapGet("/ik", (HttpContext ctx, PortalOptions o) =>
        {
            var r = ctx.User.Reviewer();
            return TypedResults.Ok(new IkDto(r.Id, r.Naam, r.Rollen, o.IsOntwikkelmodus));
        }).RequireAuthorization(Autorisatie.Aangemeld).WithSummary("Wie ben ik, met welke rollen");

        api.MapGet("/runs", async (PortalData data, CancellationToken ct) => TypedResults.Ok(await data.RunsAsync(ct)))
            .RequireAuthorization(Autorisatie.Lezen).WithSummary("Gepubliceerde runs, nieuwste eerst");

        api.MapGet("/runs/{runId}/signalen", Lijst).RequireAuthorization(Autorisatie.Lezen)
            .WithSummary("De risicolijst van een run: filter op status, indicator, cluster, min, max; sorteer met sort en richting=af; pagina, per");

        api.MapGet("/runs/{runId}/signalen/{aanbiederId}", Signaal).RequireAuthorization(Autorisatie.Lezen)
            .WithSummary("Een signaal met toelichting, bewijs (alleen voor beoordelaars) en beoordeling");

        api.MapPost("/runs/{runId}/signalen/{aanbiederId}/beoordeling",
                (HttpContext ctx, PortalData data, string runId, string aanbiederId, BeoordelingVerzoek v) =>
                    Voer(ctx, data, runId, aanbiederId, BeoordelingsActie.Beoordelen, v.Uitkomst, v.Motivering, v.VerlooptOp, v.Versie))
            .RequireAuthorization(Autorisatie.Beoordelen)
            .WithSummary("Eerste beoordeling: geen_aanwijzing, buiten_beschouwing (met verlooptOp) of nader_onderzoek (voorstel)");
        api.MapPost("/runs/{runId}/signalen/{aanbiederId}/bevestiging",
                (HttpContext ctx, PortalData data, string runId, string aanbiederId, TweedeBeoordelingVerzoek v) =>
                    Voer(ctx, data, runId, aanbiederId, BeoordelingsActie.Bevestigen, null, v.Motivering, null, v.Versie))
            .RequireAuthorization(Autorisatie.TweedeBeoordeling).WithSummary("Een voorgesteld nader onderzoek bevestigen (andere persoon dan de voorsteller)");
        api.MapPost("/runs/{runId}/signalen/{aanbiederId}/afwijzing",
                (HttpContext ctx, PortalData data, string runId, string aanbiederId, TweedeBeoordelingVerzoek v) =>
                    Voer(ctx, data, runId, aanbiederId, BeoordelingsActie.Afwijzen, null, v.Motivering, null, v.Versie))
            .RequireAuthorization(Autorisatie.TweedeBeoordeling).WithSummary("Een voorgesteld nader onderzoek afwijzen (andere persoon dan de voorsteller)");
        api.MapPost("/runs/{runId}/signalen/{aanbiederId}/heropening",
                (HttpContext ctx, PortalData data, string runId, string aanbiederId, TweedeBeoordelingVerzoek v) =>
                    Voer(ctx, data, runId, aanbiederId, BeoordelingsActie.Heropenen, null, v.Motivering, null, v.Versie))
            .RequireAuthorization(Autorisatie.Beoordelen).WithSummary("Een beoordeling (geen aanwijzing, buiten beschouwing) heropenen");

        api.MapGet("/audit", Audit).RequireAuthorization(Autorisatie.Audit).WithSummary("De auditketen: controle en de laatste 200 regels");
    }

    private static async Task<Results<Ok<RisicolijstDto>, NotFound>> Lijst(HttpContext ctx, PortalData data, string runId)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null) return TypedResults.NotFound();
        var pagina = RisicolijstOverzicht.Toepassen(await data.RegelsAsync(lijst, ctx.RequestAborted), MapRiskList.Filter(ctx.Request));
        return TypedResults.Ok(new RisicolijstDto(runId, pagina.Totaal, pagina.Nummer, pagina.AantalPaginas, pagina.Items.Select(Dto).ToList()));
    }

    private static SignaalRegelDto Dto(SignaalRegel r) => new(r.Signal.Rang, r.Signal.AanbiederId, r.Signal.AanbiederNaam, r.Signal.Risicoscore,
        r.Signal.Anomaliescore, r.Signal.Signalen, r.Signal.ClusterId, r.Status, r.Overgenomen, r.Herhaling.ToString(),
        r.Eerder is { } e ? new EerderDto(e.RunId, e.Status) : null, r.Beoordeling?.Versie ?? 0);

    private static async Task<Results<Ok<SignaalDto>, NotFound>> Signaal(HttpContext ctx, PortalData data, string runId, string aanbiederId)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null || !lijst.OpId.TryGetValue(aanbiederId, out var signal)) return TypedResults.NotFound();
        var detail = await data.DetailAsync(runId, aanbiederId, ctx.RequestAborted);
        if (detail is null) return TypedResults.NotFound();
        var regel = await data.RegelAsync(signal, detail.FeitenHash, ctx.RequestAborted);
        var bewijs = Autorisatie.MagBewijsZien(ctx.User);
        if (bewijs) await data.Beoordelingen.LogBewijsBekekenAsync(runId, aanbiederId, ctx.User.Reviewer(), "api", ctx.RequestAborted);
        else detail = detail with { Panden = [], Cluster = null };
        var runs = (await data.RunsAsync(ctx.RequestAborted)).Select(r => r.RunId).Where(r => r != runId);
        var eerdere = await data.Beoordelingen.HistorieVanAsync(aanbiederId, runs, ctx.RequestAborted);
        return TypedResults.Ok(new SignaalDto(detail, regel.Status, regel.Overgenomen, regel.Herhaling.ToString(), regel.Beoordeling, eerdere, !bewijs));
    }

    private static async Task<Results<Ok<Beoordeling>, NotFound, ProblemHttpResult>> Voer(HttpContext ctx, PortalData data, string runId, string aanbiederId,
        string soort, string? uitkomst, string? motivering, DateOnly? verlooptOp, int versie)
    {
        var r = await MapAssessments.VoerUitAsync(data, runId, aanbiederId, soort, uitkomst, motivering ?? "", verlooptOp?.ToString("yyyy-MM-dd"), versie,
            ctx.User.Reviewer(), ctx.RequestAborted);
        return r switch
        {
            null => TypedResults.NotFound(),
            OpslagResultaat.Opgeslagen o => TypedResults.Ok(o.Beoordeling),
            OpslagResultaat.Conflict c => TypedResults.Problem(c.Melding, statusCode: StatusCodes.Status409Conflict, title: "Conflict: iemand anders was u voor",
                extensions: new Dictionary<string, object?> { ["huidig"] = c.Huidig }),
            OpslagResultaat.Geweigerd g => TypedResults.Problem(g.Melding, statusCode: MapAssessments.StatusCode(g.Reden), title: "Geweigerd: " + g.Reden,
                extensions: new Dictionary<string, object?> { ["reden"] = g.Reden.ToString() }),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Ok<AuditDto>> Audit(Core.Audit.AuditLog log, CancellationToken ct)
    {
        var breuk = await log.VerifyAsync(ct);
        var alle = new List<Core.Audit.AuditEntry>();
        await foreach (var e in log.ReadAllAsync(ct)) alle.Add(e);
        return TypedResults.Ok(new AuditDto(breuk is null, breuk?.ToString(), alle.Count, alle.TakeLast(200).Reverse().ToList()));
    }
}
