using Microsoft.AspNetCore.Http.HttpResults;
using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The start page: what this portal is, and what the signed-in role may do here. And the development identity switch.</summary>
public static class StartEndpoints
{
    public static void MapStart(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Start);
        app.MapPost("/ontwikkel/identiteit", Wissel);
    }

    private static ContentHttpResult Start(HttpContext ctx, PortalOptions opties)
    {
        var u = ctx.User;
        var taken = new List<Html>();
        if (u.IsInRole(Rol.Beoordelaar)) taken.Add(Html.H($"<li><a href=\"/risicolijst?status=open\">Open signalen beoordelen</a>: bekijk de toelichting en het bewijs en leg een uitkomst vast met motivering.</li>"));
        if (u.IsInRole(Rol.TweedeBeoordelaar)) taken.Add(Html.H($"<li><a href=\"/risicolijst?status=nader_onderzoek_voorgesteld\">Voorstellen voor nader onderzoek</a> bevestigen of afwijzen (niet uw eigen voorstellen).</li>"));
        if (u.IsInRole(Rol.Auditor)) taken.Add(Html.H($"<li><a href=\"/audit\">Auditlog</a> controleren en de <a href=\"/risicolijst\">risicolijst</a> met beoordelingen inzien (alleen lezen).</li>"));
        if (u.IsInRole(Rol.DataEngineer)) taken.Add(Html.H($"<li><a href=\"/leveringen\">Leveringen</a> en <a href=\"/inleesrapporten\">inleesrapporten</a> bekijken. Signalen en beoordelingen zijn voor uw rol niet zichtbaar.</li>"));
        if (taken.Count == 0) taken.Add(Html.H($"<li>U heeft geen rol in dit portaal. Vraag de functioneel beheerder om toegang.</li>"));
        var inhoud = Html.H($"""
            <h1>Signalen over zorgaanbieders</h1>
            <p class="intro">Dit portaal toont signalen over zorgaanbieders in de Wmo en het PGB die een mens moet beoordelen. Een signaal is <b>geen vaststelling van fraude</b> en geen oordeel over een persoon.
            Niets gebeurt met een signaal zonder een vastgelegde beoordeling met motivering; nader onderzoek vraagt twee verschillende beoordelaars.</p>
            <h2>Wat u hier kunt doen</h2><ul class="taken">{taken}</ul>
            {(Rol.Alle.Any(u.IsInRole) ? Html.H($"<p class=\"sub\">Er is ook een <a href=\"/openapi/v1.json\">JSON-API</a> met dezelfde handelingen.</p>") : Html.Leeg)}
            """);
        return TypedResults.Content(Layout.Pagina(ctx, opties, "Start", inhoud).ToString(), "text/html; charset=utf-8");
    }

    /// <summary>Development mode only: switch identity explicitly, e.g. to show the four-eyes flow on one machine.</summary>
    private static async Task<IResult> Wissel(HttpContext ctx, PortalOptions opties)
    {
        if (!opties.IsOntwikkelmodus) return Fouten.NietGevonden("Identiteit wisselen kan alleen in ontwikkelmodus.");
        var (form, fout) = await Formulier.LeesAsync(ctx);
        if (form is null) return fout!;
        OntwikkelIdentiteit id;
        try { id = OntwikkelIdentiteit.Maak(form["naam"].ToString(), form["rol"].ToString()); }
        catch (ArgumentException e) { return Fouten.Resultaat(StatusCodes.Status400BadRequest, "Identiteit niet gewisseld", e.Message); }
        ctx.Response.Cookies.Append(PortalAuthenticationHandler.DevCookie, Uri.EscapeDataString(id.Naam) + "|" + Uri.EscapeDataString(string.Join(',', id.Rollen)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return TypedResults.Redirect("/");
    }
}
