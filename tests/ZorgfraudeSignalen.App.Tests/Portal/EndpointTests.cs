using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using ZorgfraudeSignalen.App.Functions;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>Roles are enforced on every endpoint, and the custom handler serves the same portal endpoints as <c>serve</c>.</summary>
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

    [Fact]
    public async Task The_custom_handler_serves_the_portal_with_the_platforms_identity()
    {
        var store = LocalStore.Open(_root);
        await Generator.Voorbeeldrun.PubliceerAsync(store, Generator.GeneratorOptions.ForScale("sample", 3), ["r1"], publicatieDrempel: 0);
        await using var app = FunctionApp.Build(0, store, RiskRunSchedule.Parse("0 0 2 * * *"), "extracts");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Adres()) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/risicolijst")).StatusCode);

        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad", name_typ = "name", role_typ = "roles",
            claims = new[] { new { typ = "oid", val = "0f8fad5b-d9cb-469f-a165-70867728950e" }, new { typ = "name", val = "Femke" }, new { typ = "roles", val = Rol.Beoordelaar } },
        })));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/risicolijst");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Risicolijst", html);
        Assert.DoesNotContain("Ontwikkelmodus", html);
    }
}
