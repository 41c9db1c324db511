using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>Roles are enforced on every endpoint.</summary>
public sealed class EndpointTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-endpoints-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static List<RouteEndpoint> Endpoints(IEndpointRouteBuilder app) =>
        app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

    [Fact]
    public async Task Every_portal_endpoint_names_who_may_use_it()
    {
        await using var app = PortalApp.Create(LocalStore.Open(_root), new PortalOptions(), 0);
        var endpoints = Endpoints(app);
        Assert.True(endpoints.Count > 15);
        var open = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(["/stijl.css"], open);
        Assert.All(endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null), e =>
            Assert.True(e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0, $"{e.DisplayName} has no authorization"));
    }
}
