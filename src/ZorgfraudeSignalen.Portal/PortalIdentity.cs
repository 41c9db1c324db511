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
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException or DecoderFallbackException)
        {
            // A principal that cannot be read is nobody: 401 on every endpoint that needs a user, never a 500.
            Context.Items[OngeldigeIdentiteit] = true;
            return Task.FromResult(AuthenticateResult.Fail("Ongeldige identiteit: " + e.Message));
        }
        if (wie is null) return Task.FromResult(AuthenticateResult.NoResult());
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, wie.Id), new(ClaimTypes.Name, wie.Naam) };
        claims.AddRange(wie.Rollen.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeNaam, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeNaam)));
    }

    /// <summary>Set on the request when a principal was sent but could not be read (for the 401 page's wording).</summary>
    internal const string OngeldigeIdentiteit = "zfs-ongeldige-identiteit";

    private Reviewer Ontwikkel(OntwikkelIdentiteit start)
    {
        var id = start;
        if (Request.Headers[DevUserHeader] is [{ Length: > 0 } naam] && Request.Headers[DevRoleHeader] is [{ Length: > 0 } rol])
            id = OntwikkelIdentiteit.Maak(naam, rol);
        else if (Request.Cookies[DevCookie] is { Length: > 0 } cookie && cookie.Split('|') is [var cNaam, var cRol])
            id = OntwikkelIdentiteit.Maak(Uri.UnescapeDataString(cNaam), Uri.UnescapeDataString(cRol));
        return new Reviewer(PersoonsId.VanOntwikkelnaam(id.Naam), id.Naam, id.Rollen);
    }

    /// <summary>Reads App Service authentication's principal: <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>.</summary>
    private Reviewer? Platform()
    {
        if (Request.Headers[PrincipalHeader] is not [{ Length: > 0 } header]) return null;
        return LeesPrincipal(header);
    }

    /// <summary>The claim that identifies a person on the platform: the Entra object id, under either of its names. Nothing else does.</summary>
    private static readonly string[] OidClaims = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];

    /// <summary>
    /// The principal's reviewer, identified by the <c>oid</c> claim alone (a <c>nameidentifier</c> or <c>sub</c> is
    /// per application and may come first; it never identifies). Anything not shaped as the platform writes it is a
    /// <see cref="FormatException"/>.
    /// </summary>
    internal static Reviewer LeesPrincipal(string base64)
    {
        using var doc = JsonDocument.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64)));
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("de principal is geen JSON-object");
        string? Tekst(JsonElement e, string naam) => e.TryGetProperty(naam, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Null => null, _ => throw new FormatException($"'{naam}' is geen tekst") }
            : null;
        var nameTyp = Tekst(root, "name_typ");
        var roleTyp = Tekst(root, "role_typ");
        if (!root.TryGetProperty("claims", out var c) || c.ValueKind != JsonValueKind.Array) throw new FormatException("de principal heeft geen lijst met claims");
        var claims = c.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object
            ? (Typ: Tekst(x, "typ") ?? throw new FormatException("een claim zonder typ"), Val: Tekst(x, "val") ?? throw new FormatException("een claim zonder val"))
            : throw new FormatException("een claim is geen JSON-object")).ToList();

        var oids = claims.Where(x => OidClaims.Contains(x.Typ)).Select(x => x.Val).ToList();
        if (oids.Count == 0) throw new FormatException("de principal heeft geen oid-claim");
        var ids = oids.Select(PersoonsId.Normaliseer).Distinct().ToList();
        if (ids.Count > 1 || !Guid.TryParse(ids[0], out _)) throw new FormatException("de oid-claim is geen enkele GUID");
        var naam = claims.FirstOrDefault(x => (x.Typ == nameTyp || x.Typ is "name" or "preferred_username" || x.Typ == ClaimTypes.Name) && x.Val.Length > 0).Val ?? ids[0];
        var rollen = claims.Where(x => x.Typ == roleTyp || x.Typ is "roles" or "role" || x.Typ == ClaimTypes.Role)
            .Select(x => x.Val).Where(Rol.Alle.Contains).Distinct().ToList();
        return new Reviewer(ids[0], naam, rollen);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Weiger(StatusCodes.Status401Unauthorized, "Niet aangemeld",
            Context.Items.ContainsKey(OngeldigeIdentiteit) ? "Uw aanmelding kon niet gelezen worden. Meld u af en opnieuw aan; blijft dit gebeuren, neem dan contact op met de functioneel beheerder."
            : portal.IsOntwikkelmodus ? "Geen geldige ontwikkelidentiteit." : "Meld u aan via de gemeentelijke aanmelding (Entra ID) om het portaal te gebruiken.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Weiger(StatusCodes.Status403Forbidden, "Geen toegang",
            $"Uw rol ({RollenVan(Context.User)}) geeft geen toegang tot deze pagina of handeling.");

    private Task Weiger(int status, string titel, string melding) => Fouten.SchrijfAsync(Context, status, titel, melding,
        status == StatusCodes.Status403Forbidden ? "Heeft u deze rol nodig voor uw werk? Vraag de functioneel beheerder om toegang." : "Meld u (opnieuw) aan en probeer het dan nog eens.");

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
