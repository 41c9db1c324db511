using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// The review portal as a reusable piece of an ASP.NET Core app: <see cref="AddPortal"/> registers its services on
/// any <see cref="WebApplicationBuilder"/> and <see cref="MapPortal"/> adds its middleware and endpoints, so that
/// <c>serve</c> on localhost and the Azure function app (through <see cref="PortalPipeline"/>) serve exactly the same endpoints.
/// </summary>
public static class PortalApp
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, Store store, PortalOptions options)
    {
        var s = builder.Services;
        s.TryAddSingleton(store);
        s.AddSingleton(options);
        s.TryAddSingleton(TimeProvider.System);
        s.AddSingleton(sp => new AuditLog(store.Tables, sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton(sp => new AssessmentRepository(store, sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton<PortalData>();
        s.AddSingleton<RunDataKwaliteit>();
        s.AddAuthentication(PortalAuthenticationHandler.SchemeNaam)
            .AddScheme<AuthenticationSchemeOptions, PortalAuthenticationHandler>(PortalAuthenticationHandler.SchemeNaam, null);
        // Every portal group names its policy (a test checks that no endpoint is left out), so there is no fallback policy.
        Autorisatie.Voeg(s.AddAuthorizationBuilder());
        s.AddAntiforgery(o =>
        {
            o.Cookie.Name = "zfs-antiforgery";
            o.FormFieldName = "__zfs_af";
            o.HeaderName = null;
        });
        s.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "ZorgfraudeSignalen beoordelingsportaal";
            doc.Info.Description = "Risicolijst, signalen en beoordelingen (vier ogen). Elke handeling vraagt een rol; elke wijziging komt in het auditlog.";
            return Task.CompletedTask;
        }));
        s.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        var opties = app.Services.GetRequiredService<PortalOptions>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = FoutAsync });
        app.Use(async (ctx, next) =>
        {
            // DNS rebinding: a page on another name that resolves to this server must not reach the portal.
            if (!opties.IsToegestaneHost(ctx.Request.Host.Host))
            {
                await Fouten.SchrijfAsync(ctx, StatusCodes.Status400BadRequest, "Onbekende hostnaam",
                    "Dit portaal antwoordt alleen op zijn eigen adres.", "Open het portaal via het adres dat u van de functioneel beheerder kreeg.");
                return;
            }
            // Server-side time to the first byte, for the benchmark and for the browser's developer tools.
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            ctx.Response.OnStarting(() =>
            {
                ctx.Response.Headers["Server-Timing"] = $"app;dur={System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}";
                // Nothing here belongs in a cache (pages with forms get the same from anti-forgery already).
                if (!ctx.Response.Headers.ContainsKey("Cache-Control")) ctx.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            // No script at all, styles only from /stijl.css: even a value that escaped encoding could not run.
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            // The body limit, before anything reads the body: a declared length over it is refused at once, a longer
            // body without one fails at the limit while it is read.
            if (ctx.GetEndpoint()?.Metadata.GetMetadata<PortaalEndpoint>() is not null)
            {
                if (ctx.Request.ContentLength > opties.MaximaleVerzoekgrootte)
                {
                    ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await Fouten.StatuspaginaAsync(ctx);
                    return;
                }
                if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limiet)
                    limiet.MaxRequestBodySize = Math.Min(limiet.MaxRequestBodySize ?? long.MaxValue, opties.MaximaleVerzoekgrootte);
            }
            await next();
        });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = sc => Fouten.StatuspaginaAsync(sc.HttpContext) });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // One group per feature and role: the authorization is declared here, once, and the features map their paths.
        var portaal = app.MapGroup("").WithMetadata(PortaalEndpoint.Instance);
        portaal.MapGet("/stijl.css", () => TypedResults.Text(Stijl.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        var paginas = portaal.MapGroup("").ExcludeFromDescription();
        paginas.MapGroup("").RequireAuthorization(Autorisatie.Aangemeld).MapStart();
        var lezen = paginas.MapGroup("").RequireAuthorization(Autorisatie.Lezen);
        lezen.MapRisicolijst();
        lezen.MapSignalen();
        lezen.MapRisicolijstExport();
        var besluiten = paginas.MapGroup("").RequireAuthorization(Autorisatie.Besluiten);
        besluiten.MapBeoordelingen();
        besluiten.MapKennisgevingen();
        var audit = paginas.MapGroup("").RequireAuthorization(Autorisatie.Audit);
        audit.MapAuditlog();
        audit.MapModelruns();
        audit.MapDpia();
        var leveringen = paginas.MapGroup("").RequireAuthorization(Autorisatie.Inleesrapporten);
        leveringen.MapInleesrapporten();
        leveringen.MapLeveringen();
        portaal.MapGroup("/api").WithTags("Portaal").MapPortalApi();
        portaal.MapGroup("").RequireAuthorization(Autorisatie.MetRol).MapOpenApi();
        return app;
    }

    /// <summary>An unhandled exception: a Dutch page or problem, and the status of a request the server refused (e.g. a body over the limit).</summary>
    private static Task FoutAsync(HttpContext ctx)
    {
        var fout = ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        ctx.Response.StatusCode = fout is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError;
        return Fouten.StatuspaginaAsync(ctx);
    }

    /// <summary>A standalone portal server on 127.0.0.1 (port 0 = any free port), as <c>serve</c>, the tests and the benchmark use it.</summary>
    public static WebApplication Create(Store store, PortalOptions options, int port, bool stil = true)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PortalApp).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseUrls($"http://127.0.0.1:{port}")
            // The portal's own limit is per request (MapPortal); the server's is the most it drains from a refused
            // request so that its 413 reaches the browser instead of a reset connection.
            .ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaximaleVerzoekgrootte, 1024 * 1024));
        if (stil) builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPortal(store, options);
        var app = builder.Build();
        app.MapPortal();
        return app;
    }

    /// <summary>Marks the portal's endpoints (not those of a host beside it) for the request body limit.</summary>
    public sealed class PortaalEndpoint
    {
        public static readonly PortaalEndpoint Instance = new();
    }

    /// <summary>The address the server listens on, after it started.</summary>
    public static string Adres(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
