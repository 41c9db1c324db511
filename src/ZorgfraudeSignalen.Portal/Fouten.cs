using System.Text.Json;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// Every error the portal gives: a page in Dutch that says what happened and what to do next for a browser, and
/// <c>application/problem+json</c> (RFC 9457) with the same Dutch title and detail for the API.
/// </summary>
public static class Fouten
{
    /// <summary>The API and its description answer in JSON; everything else is a page.</summary>
    public static bool IsApi(HttpRequest r) => r.Path.StartsWithSegments("/api") || r.Path.StartsWithSegments("/openapi");

    public static Task SchrijfAsync(HttpContext ctx, int status, string titel, string melding, string? verder = null,
        IReadOnlyDictionary<string, object?>? extra = null)
    {
        var response = ctx.Response;
        response.StatusCode = status;
        if (IsApi(ctx.Request))
        {
            var problem = new Dictionary<string, object?> { ["type"] = "about:blank", ["title"] = titel, ["status"] = status, ["detail"] = melding };
            if (verder is not null) problem["verder"] = verder;
            foreach (var (k, v) in extra ?? new Dictionary<string, object?>()) problem[k] = v;
            return response.WriteAsJsonAsync(problem, ApiJson, "application/problem+json");
        }
        var opties = ctx.RequestServices.GetRequiredService<PortalOptions>();
        var inhoud = Html.H($"""
            <section class="melding fout foutpagina"><h1>{titel}</h1><p>{melding}</p>
            <p><b>Wat nu?</b> {verder ?? StandaardVerder(status)}</p>
            <p><a href="/risicolijst">Naar de risicolijst</a> · <a href="/">Naar de startpagina</a></p></section>
            """);
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(Layout.Pagina(ctx, opties, titel, inhoud).ToString());
    }

    /// <summary>The same as a result, for handlers.</summary>
    public static IResult Resultaat(int status, string titel, string melding, string? verder = null) => new FoutResultaat(status, titel, melding, verder);

    public static IResult NietGevonden(string melding) =>
        Resultaat(StatusCodes.Status404NotFound, "Niet gevonden", melding, "Kies een signaal in de risicolijst; een oude link kan naar een run wijzen die niet (meer) gepubliceerd is.");

    public static IResult Verlopen() => Resultaat(StatusCodes.Status400BadRequest, "Het formulier is verlopen",
        "Het formulier is te oud of komt niet van dit portaal (de beveiligingscode ontbreekt of klopt niet). Er is niets opgeslagen.",
        "Ga terug, laad de pagina opnieuw en vul het formulier nogmaals in.");

    public static IResult TeGroot(long limiet) => Resultaat(StatusCodes.Status413PayloadTooLarge, "Het formulier is te groot",
        $"Het verzoek is groter dan {Weergave.Bytes(limiet)}, de grens van dit portaal. Er is niets opgeslagen.",
        $"Kort uw motivering in (hoogstens {Core.Review.Motivering.MaximumTekens.ToString("#,0", Html.Nl)} tekens) en verstuur opnieuw.");

    /// <summary>For responses that have a status and no body yet (unknown path, wrong method, a limit in the server).</summary>
    public static Task StatuspaginaAsync(HttpContext ctx)
    {
        var status = ctx.Response.StatusCode;
        var limiet = ctx.RequestServices.GetRequiredService<PortalOptions>().MaximaleVerzoekgrootte;
        return status switch
        {
            StatusCodes.Status404NotFound => SchrijfAsync(ctx, status, "Niet gevonden", "Deze pagina bestaat niet in het portaal."),
            StatusCodes.Status405MethodNotAllowed => SchrijfAsync(ctx, status, "Deze handeling kan hier niet", "Dit adres kent deze handeling niet."),
            StatusCodes.Status413PayloadTooLarge => SchrijfAsync(ctx, status, "Het formulier is te groot",
                $"Het verzoek is groter dan {Weergave.Bytes(limiet)}, de grens van dit portaal. Er is niets opgeslagen."),
            StatusCodes.Status400BadRequest => SchrijfAsync(ctx, status, "Ongeldig verzoek", "Het verzoek kon niet gelezen worden. Er is niets opgeslagen."),
            >= 500 => SchrijfAsync(ctx, status, "Er ging iets mis", "Het portaal kon uw verzoek niet afhandelen. Er is niets opgeslagen."),
            _ => SchrijfAsync(ctx, status, "Verzoek niet afgehandeld", $"Het portaal gaf status {status}."),
        };
    }

    private static string StandaardVerder(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Ga naar de risicolijst en kies daar een signaal.",
        StatusCodes.Status413PayloadTooLarge => $"Kort uw motivering in (hoogstens {Core.Review.Motivering.MaximumTekens.ToString("#,0", Html.Nl)} tekens) en verstuur opnieuw.",
        >= 500 => "Probeer het over een paar minuten opnieuw. Blijft het misgaan, geef dan het tijdstip door aan de functioneel beheerder.",
        _ => "Ga terug en probeer het opnieuw, of begin op de startpagina.",
    };

    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web);

    private sealed record FoutResultaat(int Status, string Titel, string Melding, string? Verder) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => Status;
        public Task ExecuteAsync(HttpContext httpContext) => SchrijfAsync(httpContext, Status, Titel, Melding, Verder);
    }
}
