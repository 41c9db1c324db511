using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Functions;
using ZorgfraudeSignalen.Portal;

// The function app's composition root: the isolated worker with ASP.NET Core integration, so that the Portal
// function hands each request to the portal's own pipeline.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton<Store>(_ => AppSettings.OpenStore(Environment.GetEnvironmentVariable));
builder.Services.AddSingleton(_ => RiskRunSchedule.Parse(Environment.GetEnvironmentVariable(AppSettings.RiskRunSchedule)));
builder.Services.AddSingleton(TimeProvider.System);
// Half-done operations of an instance that stopped are completed or rolled back before new work arrives.
builder.Services.AddHostedService<StoreRecoveryAtStart>();
// Behind App Service authentication: the identity comes from the platform's header, never a development one.
builder.Services.AddSingleton(sp => new PortalPipeline(sp.GetRequiredService<Store>(), new PortalOptions
{
    Organisatie = Environment.GetEnvironmentVariable(AppSettings.Organisation) is { Length: > 0 } name ? name : "Gemeente",
    // The app's own name (WEBSITE_HOSTNAME) and custom domains (PortaalHosts); any other Host is refused.
    Hosts = PortalOptions.HostsUit(builder.Configuration),
}));
builder.Services.AddFunctionTelemetry(builder.Configuration);
builder.Build().Run();
