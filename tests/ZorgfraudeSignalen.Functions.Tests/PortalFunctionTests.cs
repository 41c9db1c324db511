using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>
/// The HTTP function called as the worker calls it: with the request's <see cref="HttpContext"/>, which it hands
/// to the portal's pipeline (authentication from the platform's principal header, role policies, routing).
/// </summary>
public sealed class PortalFunctionTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-functions-portal-").FullName;
    private PortalPipeline _portal = null!;
    private PortalFunction _function = null!;

    public async Task InitializeAsync()
    {
        var store = LocalStore.Open(_root);
        await Generator.Voorbeeldrun.PubliceerAsync(store, Generator.GeneratorOptions.ForScale("sample", 3), ["r1"], publicatieDrempel: 0);
        _portal = new PortalPipeline(store, new PortalOptions { Organisatie = "Gemeente Proef" });
        _function = new PortalFunction(_portal);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>App Service authentication's principal header: base64 JSON with the Entra ID claims.</summary>
    internal static string Principal(string? oid, string name, params string[] roles)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        if (oid is not null) claims.Add(new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = oid });
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims })));
    }

    private async Task<(int Status, string Body, HttpContext Context)> SendAsync(string method, string path, string? principal, object? json = null)
    {
        var context = new DefaultHttpContext();
        if (json is not null) context.Request.Headers.IfMatch = "\"0\""; // the version of a signal nobody assessed yet
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        if (principal is not null) context.Request.Headers["X-MS-CLIENT-PRINCIPAL"] = principal;
        if (json is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new RequestHasBody()); // as Kestrel says for a request with a body
        }
        var body = new MemoryStream();
        context.Response.Body = body;
        await _function.RunAsync(context.Request);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context);
    }

    private sealed class RequestHasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    [Fact]
    public async Task A_reviewer_reads_the_risk_list_and_records_an_assessment()
    {
        var femke = Principal("6f1f3c2a-8d1e-4c55-9a53-0b7c3f0d9e11", "Femke de Vries", Rol.Beoordelaar);

        var (status, page, context) = await SendAsync("GET", "/risicolijst", femke);
        Assert.Equal(200, status);
        Assert.Contains("Risicolijst", page);
        Assert.Contains("default-src 'none'", context.Response.Headers.ContentSecurityPolicy.ToString()); // the portal's own middleware ran

        var (_, lijst, _) = await SendAsync("GET", "/api/runs/r1/signalen", femke);
        var aanbieder = JsonDocument.Parse(lijst).RootElement.GetProperty("signalen")[0].GetProperty("aanbiederId").GetString();
        var (posted, reply, _) = await SendAsync("POST", $"/api/runs/r1/signalen/{aanbieder}/beoordeling", femke,
            new { uitkomst = Uitkomst.GeenAanwijzing, motivering = "Declaraties en indicaties kloppen met elkaar na controle." });
        Assert.True(posted == 200, $"{posted}: {reply}");

        var (_, signaal, _) = await SendAsync("GET", $"/api/runs/r1/signalen/{aanbieder}", femke);
        Assert.True(JsonDocument.Parse(signaal).RootElement.TryGetProperty("beoordeling", out var beoordeling), signaal);
        Assert.Equal(Uitkomst.GeenAanwijzing, beoordeling.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_principal_and_with_a_malformed_one_the_portal_answers_401()
    {
        Assert.Equal(401, (await SendAsync("GET", "/risicolijst", null)).Status);
        Assert.Equal(401, (await SendAsync("GET", "/api/runs", "dit-is-geen-base64!")).Status);
        Assert.Equal(401, (await SendAsync("GET", "/api/runs", Convert.ToBase64String("{\"claims\":"u8.ToArray()))).Status);
        Assert.Equal(401, (await SendAsync("GET", "/api/runs", Principal(null, "", Rol.Beoordelaar))).Status);
    }

    [Fact]
    public async Task A_principal_without_the_role_may_not_assess()
    {
        var auditor = Principal("0b0c5a77-2f5e-4e0a-8a40-3d2f6c1e7b20", "Aad Auditor", Rol.Auditor);
        var (_, lijst, _) = await SendAsync("GET", "/api/runs/r1/signalen", Principal("6f1f3c2a-8d1e-4c55-9a53-0b7c3f0d9e11", "Femke", Rol.Beoordelaar));
        var aanbieder = JsonDocument.Parse(lijst).RootElement.GetProperty("signalen")[0].GetProperty("aanbiederId").GetString();

        var (status, _, _) = await SendAsync("POST", $"/api/runs/r1/signalen/{aanbieder}/beoordeling", auditor,
            new { uitkomst = Uitkomst.GeenAanwijzing, motivering = "Een auditor mag geen beoordeling vastleggen." });
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task The_hosts_services_and_endpoint_are_given_back_after_the_portal_answered()
    {
        var hostServices = new ServiceCollection().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = hostServices };
        var hostEndpoint = new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "Portal function");
        context.SetEndpoint(hostEndpoint);
        context.Request.Method = "GET";
        context.Request.Host = new HostString("localhost"); // the portal refuses a request without an allowed Host
        context.Request.Path = "/stijl.css";
        context.Response.Body = new MemoryStream();

        await _function.RunAsync(context.Request);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Same(hostServices, context.RequestServices);
        Assert.Same(hostEndpoint, context.GetEndpoint());
    }
}
