using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// Who is asking. In Azure: App Service authentication has signed the user in and put the principal in the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 JSON with the claims, roles included); App Service strips that header
/// from incoming requests, so it can be trusted only behind it, which is why it is read only outside development mode.
/// In development mode: the identity given at start-up, or one switched to explicitly by the <c>X-Dev-Gebruiker</c>/<c>X-Dev-Rol</c>
/// headers or the development form's cookie; neither is read outside development mode.
/// </summary>
public sealed class PortalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PortalOptions portal)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeNaam = "Portaal";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string DevUserHeader = "X-Dev-Gebruiker";
    public const string DevRoleHeader = "X-Dev-Rol";
    public const string DevCookie = "zfs-ontwikkelidentiteit";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        Reviewer? wie;
        try
        {
            wie = portal.Ontwikkelmodus is { } dev ? Ontwikkel(dev) : Platform();
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Ongeldige identiteit: " + e.Message));
        }
        if (wie is null) return Task.FromResult(AuthenticateResult.NoResult());
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, wie.Id), new(ClaimTypes.Name, wie.Naam) };
        claims.AddRange(wie.Rollen.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeNaam, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeNaam)));
    }

    private Reviewer Ontwikkel(OntwikkelIdentiteit start)
    {
        var id = start;
        if (Request.Headers[DevUserHeader] is [{ Length: > 0 } naam] && Request.Headers[DevRoleHeader] is [{ Length: > 0 } rol])
            id = OntwikkelIdentiteit.Maak(naam, rol);
        else if (Request.Cookies[DevCookie] is { Length: > 0 } cookie && cookie.Split('|') is [var cNaam, var cRol])
            id = OntwikkelIdentiteit.Maak(Uri.UnescapeDataString(cNaam), Uri.UnescapeDataString(cRol));
        return new Reviewer("dev:" + id.Naam, id.Naam, id.Rollen);
    }

    /// <summary>Reads App Service authentication's principal: <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>.</summary>
    private Reviewer? Platform()
    {
        if (Request.Headers[PrincipalHeader] is not [{ Length: > 0 } header]) return null;
        return LeesPrincipal(header, Request.Headers["X-MS-CLIENT-PRINCIPAL-ID"].ToString(), Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString());
    }

    internal static Reviewer LeesPrincipal(string base64, string? headerId = null, string? headerName = null)
    {
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        var root = doc.RootElement;
        var nameTyp = root.TryGetProperty("name_typ", out var n) ? n.GetString() : null;
        var roleTyp = root.TryGetProperty("role_typ", out var r) ? r.GetString() : null;
        var claims = root.TryGetProperty("claims", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(x => (Typ: x.GetProperty("typ").GetString() ?? "", Val: x.GetProperty("val").GetString() ?? "")).ToList()
            : [];
        string? Claim(params string?[] types) => claims.FirstOrDefault(x => types.Contains(x.Typ) && x.Val.Length > 0).Val;

        var id = Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", "oid", ClaimTypes.NameIdentifier, "sub")
                 ?? (string.IsNullOrEmpty(headerId) ? null : headerId);
        var naam = Claim(nameTyp, "name", "preferred_username", ClaimTypes.Name) ?? (string.IsNullOrEmpty(headerName) ? null : headerName) ?? id;
        if (id is null || naam is null) throw new FormatException("de principal heeft geen gebruikers-id");
        var rollen = claims.Where(x => x.Typ == roleTyp || x.Typ is "roles" or "role" || x.Typ == ClaimTypes.Role)
            .Select(x => x.Val).Where(Rol.Alle.Contains).Distinct().ToList();
        return new Reviewer(id, naam, rollen);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Weiger(StatusCodes.Status401Unauthorized, "Niet aangemeld",
            portal.IsOntwikkelmodus ? "Geen geldige ontwikkelidentiteit." : "Meld u aan via de gemeentelijke aanmelding (Entra ID) om het portaal te gebruiken.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Weiger(StatusCodes.Status403Forbidden, "Geen toegang",
            $"Uw rol ({RollenVan(Context.User)}) geeft geen toegang tot deze pagina of handeling.");

    private Task Weiger(int status, string titel, string melding)
    {
        Response.StatusCode = status;
        if (Request.Path.StartsWithSegments("/api") || Request.Path.StartsWithSegments("/openapi"))
            return Response.WriteAsJsonAsync(new { type = "about:blank", title = titel, status, detail = melding }, (JsonSerializerOptions?)null, "application/problem+json");
        var html = Layout.Pagina(Context, portal, titel, Html.H($"<section class=\"melding fout\"><h1>{titel}</h1><p>{melding}</p><p><a href=\"/\">Naar de startpagina</a></p></section>"));
        Response.ContentType = "text/html; charset=utf-8";
        return Response.WriteAsync(html.ToString());
    }

    internal static string RollenVan(ClaimsPrincipal user)
    {
        var rollen = user.FindAll(ClaimTypes.Role).Select(c => Rol.Omschrijving(c.Value)).ToList();
        return rollen.Count == 0 ? "geen rol" : string.Join(", ", rollen);
    }
}

public static class PortalUser
{
    public static Reviewer Reviewer(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
}
