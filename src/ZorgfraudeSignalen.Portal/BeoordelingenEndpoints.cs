using System.Globalization;
using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The assessment form of a signal's page: anti-forgery checked, the state machine decides, post-redirect-get on success.</summary>
public static class BeoordelingenEndpoints
{
    public static void MapBeoordelingen(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signalen/{runId}/{aanbiederId}", Bewaar);
    }

    private static async Task<IResult> Bewaar(HttpContext ctx, PortalData data, PortalOptions opties, string runId, string aanbiederId)
    {
        var lijst = await data.LijstAsync(runId, ctx.RequestAborted);
        if (lijst is null || !lijst.OpId.ContainsKey(aanbiederId)) return Fouten.NietGevonden("Dit signaal bestaat niet in een gepubliceerde run.");
        var (form, fout) = await Formulier.LeesAsync(ctx);
        if (form is null) return fout!;
        var soort = form["actie"].ToString();
        var uitkomst = form["uitkomst"].ToString();
        var motivering = form["motivering"].ToString();
        var verlooptOp = form["verlooptOp"].ToString();
        int.TryParse(form["versie"], NumberStyles.None, CultureInfo.InvariantCulture, out var versie);

        var uitkomst2 = await VoerUitAsync(data, runId, aanbiederId, soort, uitkomst, motivering, verlooptOp, versie, ctx.User.Reviewer(), ctx.RequestAborted);
        Terugkoppeling Terug(string melding, int code) => new(melding, soort, uitkomst, motivering, verlooptOp, code);
        return uitkomst2 switch
        {
            null => Fouten.NietGevonden("Dit signaal bestaat niet in een gepubliceerde run."),
            // The page shows its confirmation only when this step is there and is this person's (SignalenEndpoints).
            OpslagResultaat.Opgeslagen o => TypedResults.Redirect(Weergave.SignaalUrl(runId, aanbiederId) + "?opgeslagen=" + o.Stap.Nummer + "#beoordeling"),
            OpslagResultaat.Conflict c => await SignalenEndpoints.ToonAsync(ctx, data, opties, runId, aanbiederId, Terug(c.Melding, StatusCodes.Status409Conflict)),
            OpslagResultaat.Geweigerd g => await SignalenEndpoints.ToonAsync(ctx, data, opties, runId, aanbiederId, Terug(g.Melding, StatusCode(g.Reden))),
            _ => throw new InvalidOperationException(),
        };
    }

    public static int StatusCode(Weigering reden) => reden switch
    {
        Weigering.GeenRecht or Weigering.ZelfdePersoon => StatusCodes.Status403Forbidden,
        Weigering.NietInDezeStatus => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>One path for the form and the API: build the action, find the signal, let the repository apply it. Null = no such signal.</summary>
    public static async Task<OpslagResultaat?> VoerUitAsync(PortalData data, string runId, string aanbiederId, string soort, string? uitkomst,
        string motivering, string? verlooptOp, int versie, Reviewer wie, CancellationToken ct)
    {
        var lijst = await data.LijstAsync(runId, ct);
        if (lijst is null || !lijst.OpId.TryGetValue(aanbiederId, out var signal)) return null;
        var detail = await data.DetailAsync(runId, aanbiederId, ct);
        if (detail is null) return null;
        DateOnly? tot = null;
        if (!string.IsNullOrWhiteSpace(verlooptOp))
        {
            if (!DateOnly.TryParseExact(verlooptOp.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return new OpslagResultaat.Geweigerd(Weigering.OngeldigeInvoer, "De einddatum is geen geldige datum (jjjj-mm-dd).");
            tot = d;
        }
        BeoordelingsActie? actie = soort switch
        {
            BeoordelingsActie.Beoordelen => new Beoordeel(uitkomst ?? "", motivering, tot),
            BeoordelingsActie.Bevestigen => new BevestigEscalatie(motivering),
            BeoordelingsActie.Afwijzen => new WijsEscalatieAf(motivering),
            BeoordelingsActie.Heropenen => new Heropen(motivering),
            _ => null,
        };
        if (actie is null) return new OpslagResultaat.Geweigerd(Weigering.OngeldigeInvoer, $"Onbekende handeling '{soort}'.");
        return await data.Beoordelingen.PasToeAsync(signal, detail.FeitenHash, actie, wie, versie, ct);
    }
}
