using System.Net;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// The custom handler's server: the functions' invocation endpoints and the portal, on 127.0.0.1 at the port the
/// Functions host chose (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>).
/// </summary>
public static class FunctionApp
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";
    /// <summary>The municipality's name on the portal's pages.</summary>
    public const string OrganisationSetting = "Organisatie";

    /// <param name="extractsContainer">The extracts container's name in the account (with the environment's prefix), as events name it.</param>
    public static WebApplication Build(int port, Store store, RiskRunSchedule schedule, string extractsContainer, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // portal uploads and forwarded requests; extracts never travel here
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddFunctionTelemetry(builder.Configuration);
        // Behind App Service authentication: the identity comes from the platform's header, never a development one.
        builder.AddPortal(store, new PortalOptions
        {
            Organisatie = builder.Configuration[OrganisationSetting] is { Length: > 0 } name ? name : "Gemeente",
            Hosts = PortalOptions.HostsUit(builder.Configuration),
        });

        var app = builder.Build();
        var pipeline = new Pipeline(store);
        app.MapFunction(IngestExtractFunction.Name, IngestExtractFunction.Handler(pipeline, extractsContainer));
        app.MapFunction(NightlyRiskRunFunction.Name, NightlyRiskRunFunction.Handler(pipeline, schedule));
        app.MapPortal(); // every other path: requests the Portal function forwards
        return app;
    }
}
