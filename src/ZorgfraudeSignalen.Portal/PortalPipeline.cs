using Microsoft.AspNetCore.Http.Features;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>
/// The portal as one request handler, for a host that owns the ASP.NET Core server and its routing: the function
/// app's catch-all HTTP trigger. It is the app <see cref="PortalApp.AddPortal"/> and <see cref="PortalApp.MapPortal"/>
/// build for <c>serve</c>, without a server of its own; each request runs through its whole pipeline (exception
/// handler, security headers, authentication, authorisation, antiforgery, routing) with the portal's services.
/// </summary>
public sealed class PortalPipeline : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;

    public PortalPipeline(Store store, PortalOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PortalApp).Assembly.GetName().Name });
        builder.AddPortal(store, options);
        _app = builder.Build();
        // Routing and endpoints explicitly: a WebApplication adds them itself only when it starts its own server.
        _app.UseRouting();
        _app.MapPortal();
        _app.UseEndpoints(_ => { });
        _pipeline = ((IApplicationBuilder)_app).Build();
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Runs <paramref name="context"/> through the portal; the host's endpoint, route values and services are set aside meanwhile.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var hostServices = context.RequestServices;
        var hostEndpoint = context.GetEndpoint();
        var hostRoute = context.Features.Get<IRouteValuesFeature>()?.RouteValues;
        await using var scope = _app.Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        context.SetEndpoint(null); // the portal's router matches only when no endpoint is set yet
        context.Request.RouteValues = [];
        try
        {
            await _pipeline(context);
        }
        finally
        {
            context.RequestServices = hostServices;
            context.SetEndpoint(hostEndpoint);
            if (hostRoute is not null) context.Request.RouteValues = hostRoute;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
