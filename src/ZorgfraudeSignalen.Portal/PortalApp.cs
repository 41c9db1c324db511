using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
        // Every portal endpoint names its policy (a test checks that none is left out), so there is no fallback policy.
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
        app.UseExceptionHandler();
        app.Use(async (ctx, next) =>
        {
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
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStart();
        app.MapRisicolijst();
        app.MapSignalen();
        app.MapBeoordelingen();
        app.MapKennisgevingen();
        app.MapRisicolijstExport();
        app.MapAuditlog();
        app.MapModelruns();
        app.MapInleesrapportenPagina();
        app.MapLeveringenPagina();
        app.MapDpiaPagina();
        app.MapPortalApi();
        app.MapOpenApi().RequireAuthorization(Autorisatie.Aangemeld);
        return app;
    }

    /// <summary>A standalone portal server on 127.0.0.1 (port 0 = any free port), as <c>serve</c>, the tests and the benchmark use it.</summary>
    public static WebApplication Create(Store store, PortalOptions options, int port, bool stil = true)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PortalApp).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseUrls($"http://127.0.0.1:{port}");
        if (stil) builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPortal(store, options);
        var app = builder.Build();
        app.MapPortal();
        return app;
    }

    /// <summary>The address the server listens on, after it started.</summary>
    public static string Adres(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
