using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Portal;

/// <summary>The page shell every HTML page shares: header, navigation for the user's roles, the development banner.</summary>
public static class Layout
{
    public static Html Pagina(HttpContext ctx, PortalOptions opties, string titel, Html inhoud)
    {
        var user = ctx.User;
        var ingelogd = user.Identity?.IsAuthenticated == true;
        var nav = new List<Html>();
        if (ingelogd)
        {
            nav.Add(Link("/", "Start"));
            if (Autorisatie.MagLezen(user)) nav.Add(Link("/risicolijst", "Risicolijst"));
            if (user.IsInRole(Rol.Auditor)) nav.Add(Link("/runs", "Modelruns"));
            if (user.IsInRole(Rol.Auditor)) nav.Add(Link("/audit", "Auditlog"));
            if (user.IsInRole(Rol.Auditor)) nav.Add(Link("/dpia", "DPIA"));
            if (user.IsInRole(Rol.DataEngineer)) nav.Add(Link("/leveringen", "Leveringen"));
            if (user.IsInRole(Rol.DataEngineer)) nav.Add(Link("/inleesrapporten", "Inleesrapporten"));
        }
        var wie = ingelogd
            ? Html.H($"<span class=\"wie\">{user.Identity!.Name} <small>({PortalAuthenticationHandler.RollenVan(user)})</small></span>")
            : Html.Leeg;
        return Html.H($"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{titel} · Signalen zorgaanbieders</title>
            <link rel="stylesheet" href="/stijl.css">
            </head>
            <body>
            {Ontwikkelbanner(ctx, opties)}
            <header class="kop"><div class="merk"><a href="/">Signalen zorgaanbieders</a><span>Wmo en PGB · kwaliteit en rechtmatigheid · {opties.Organisatie}</span></div><nav>{nav}</nav>{wie}</header>
            <main>
            {inhoud}
            </main>
            <footer>Een signaal is geen vaststelling van fraude. Het is een aanleiding om te kijken, beoordeeld door mensen. Alleen pseudoniemen, geen BSN.</footer>
            </body>
            </html>
            """);
    }

    private static Html Link(string href, string tekst) => Html.H($"<a href=\"{href}\">{tekst}</a>");

    /// <summary>On every page in development mode: who you are and that this is not the real sign-in; with the explicit switch.</summary>
    private static Html Ontwikkelbanner(HttpContext ctx, PortalOptions opties)
    {
        if (!opties.IsOntwikkelmodus) return Html.Leeg;
        var user = ctx.User;
        var naam = user.Identity?.IsAuthenticated == true ? user.Identity.Name : "(niemand)";
        var rollen = PortalAuthenticationHandler.RollenVan(user);
        var opties2 = Rol.Alle.Select(r => Html.H($"<option value=\"{r}\">{Rol.Omschrijving(r)}</option>"));
        var token = user.Identity?.IsAuthenticated == true ? Formulier.Token(ctx) : Html.Leeg;
        return Html.H($"""
            <div class="ontwikkel" role="status"><strong>Ontwikkelmodus: ingelogd als {naam} (rol {rollen}).</strong>
            Dit is geen echte aanmelding; de identiteit is bij het starten gekozen.
            <form method="post" action="/ontwikkel/identiteit" class="wissel">{token}
            <label>Wissel naar <input name="naam" required maxlength="60" placeholder="naam"></label>
            <select name="rol">{opties2}</select><button type="submit">Wissel identiteit</button></form></div>
            """);
    }
}

/// <summary>Anti-forgery for every form: the hidden token field, validated by <see cref="IAntiforgery"/> on every POST.</summary>
public static class Formulier
{
    public static Html Token(HttpContext ctx)
    {
        var tokens = ctx.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(ctx);
        return Html.H($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken ?? ""}\">");
    }

    /// <summary>
    /// The posted form, or the error page to answer with: too large (413, checked before anything is read) or
    /// expired (its anti-forgery token is missing or wrong). The two are told apart, so that a long text is not called an old form.
    /// </summary>
    public static async Task<(IFormCollection? Form, IResult? Fout)> LeesAsync(HttpContext ctx)
    {
        var limiet = ctx.RequestServices.GetRequiredService<PortalOptions>().MaximaleVerzoekgrootte;
        if (ctx.Request.ContentLength > limiet) return (null, Fouten.TeGroot(limiet));
        if (!ctx.Request.HasFormContentType) return (null, Fouten.Verlopen());
        try
        {
            await ctx.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(ctx);
            return (await ctx.Request.ReadFormAsync(ctx.RequestAborted), null);
        }
        catch (Exception e) when (TeGroot(e))
        {
            return (null, Fouten.TeGroot(limiet));
        }
        catch (AntiforgeryValidationException)
        {
            return (null, Fouten.Verlopen());
        }
    }

    private static bool TeGroot(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException) return true;
        return false;
    }
}

/// <summary>Which role may do what, as authorization policies applied to every endpoint.</summary>
public static class Autorisatie
{
    /// <summary>Read the risk list and the signals' explanations.</summary>
    public const string Lezen = "lezen";
    /// <summary>See client-level evidence (pseudonyms, moves, care start dates).</summary>
    public const string Bewijs = "bewijs";
    /// <summary>Record a first assessment or reopen one.</summary>
    public const string Beoordelen = "beoordelen";
    /// <summary>Post the signal page's form: the state machine then checks the action's own role.</summary>
    public const string Besluiten = "besluiten";
    public const string TweedeBeoordeling = "tweede-beoordeling";
    public const string Audit = "audit";
    public const string Inleesrapporten = "inleesrapporten";
    /// <summary>Any signed-in user, with or without a role (the start page says what to ask for).</summary>
    public const string Aangemeld = "aangemeld";
    /// <summary>A signed-in user with at least one of the portal's roles (the API's description, who am I).</summary>
    public const string MetRol = "met-rol";

    public static void Voeg(Microsoft.AspNetCore.Authorization.AuthorizationBuilder b) => b
        .AddPolicy(Lezen, p => p.RequireRole(Rol.Beoordelaar, Rol.TweedeBeoordelaar, Rol.Auditor))
        .AddPolicy(Bewijs, p => p.RequireRole(Rol.Beoordelaar, Rol.TweedeBeoordelaar))
        .AddPolicy(Beoordelen, p => p.RequireRole(Rol.Beoordelaar))
        .AddPolicy(Besluiten, p => p.RequireRole(Rol.Beoordelaar, Rol.TweedeBeoordelaar))
        .AddPolicy(TweedeBeoordeling, p => p.RequireRole(Rol.TweedeBeoordelaar))
        .AddPolicy(Audit, p => p.RequireRole(Rol.Auditor))
        .AddPolicy(Inleesrapporten, p => p.RequireRole(Rol.DataEngineer))
        .AddPolicy(Aangemeld, p => p.RequireAuthenticatedUser())
        .AddPolicy(MetRol, p => p.RequireRole(Rol.Alle));

    public static bool MagLezen(ClaimsPrincipal u) => u.IsInRole(Rol.Beoordelaar) || u.IsInRole(Rol.TweedeBeoordelaar) || u.IsInRole(Rol.Auditor);
    public static bool MagBewijsZien(ClaimsPrincipal u) => u.IsInRole(Rol.Beoordelaar) || u.IsInRole(Rol.TweedeBeoordelaar);
}
