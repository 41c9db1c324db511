using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>The crafted requests of the portal's security review, each answered as it should be (development mode).</summary>
public sealed class SecurityTests(PortalServer server) : IClassFixture<PortalServer>
{
    private const string Goed = "Bezoek ter plaatse en dossier bekeken: de cliënten wonen in een erkende woonvorm met eigen huurcontracten.";

    private static string Pad(Signal s, string actie = "") => $"/api/runs/{s.RunId}/signalen/{Uri.EscapeDataString(s.AanbiederId)}{actie}";

    [Theory]
    [InlineData("anna", "Anna")]
    [InlineData("Anna", " ANNA ")]
    [InlineData("Anna  de Wit", "anna de wit")]
    public async Task One_person_under_two_spellings_cannot_confirm_their_own_escalation(string voorsteller, string bevestiger)
    {
        var s = server.Signaal(20 + voorsteller.Length % 3 + bevestiger.Length % 5);
        using var a = server.Client(voorsteller, "beoordelaar,tweede_beoordelaar");
        using var b = server.Client(bevestiger, "beoordelaar,tweede_beoordelaar");
        Assert.Equal(HttpStatusCode.OK, (await a.WijzigAsync(Pad(s, "/beoordeling"), new { uitkomst = Uitkomst.NaderOnderzoek, motivering = Goed }, 0)).StatusCode);
        var r = await b.WijzigAsync(Pad(s, "/bevestiging"), new { motivering = Goed }, 1);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("ZelfdePersoon", (await PortalServer.JsonAsync(r)).GetProperty("reden").GetString());
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_before_anything_happens()
    {
        var s = server.Signaal(30);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var poort = new Uri(server.BaseUrl).Port;
        using var verzoek = new HttpRequestMessage(HttpMethod.Post, Pad(s, "/beoordeling")) { Content = JsonContent.Create(new { uitkomst = Uitkomst.GeenAanwijzing, motivering = Goed }) };
        verzoek.Headers.Host = $"attacker.test:{poort}";
        verzoek.Headers.Add("Origin", $"http://attacker.test:{poort}");
        verzoek.Headers.Add("If-Match", "\"0\"");
        verzoek.Headers.Add(ZorgfraudeSignalen.Portal.PortalAuthenticationHandler.DevUserHeader, "Anna");
        verzoek.Headers.Add(ZorgfraudeSignalen.Portal.PortalAuthenticationHandler.DevRoleHeader, Rol.Beoordelaar);
        var r = await http.SendAsync(verzoek);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using var anna = server.Client("Anna", Rol.Beoordelaar);
        Assert.Equal(ReviewStatus.TeBeoordelen, (await PortalServer.JsonAsync(await anna.GetAsync(Pad(s)))).GetProperty("status").GetString());
        // The loopback names themselves are served.
        foreach (var host in new[] { $"localhost:{poort}", $"127.0.0.1:{poort}" })
        {
            using var eigen = new HttpRequestMessage(HttpMethod.Get, "/stijl.css");
            eigen.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(eigen)).StatusCode);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read_and_an_unknown_signal_before_its_body()
    {
        var s = server.Signaal(31);
        using var anna = server.Client("Anna", Rol.Beoordelaar);
        var groot = new string('x', 2 * 1024 * 1024);
        // Expect: 100-continue, as a careful client sends a large body: the server answers before a byte of it travels.
        using var json = new HttpRequestMessage(HttpMethod.Post, Pad(s, "/beoordeling")) { Content = JsonContent.Create(new { uitkomst = Uitkomst.GeenAanwijzing, motivering = groot }) };
        json.Headers.ExpectContinue = true;
        json.Headers.Add("If-Match", "\"0\"");
        await json.Content.LoadIntoBufferAsync();
        var r = await anna.SendAsync(json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);

        // The same for a form: a page that says so, not "expired".
        using var formulier = new HttpRequestMessage(HttpMethod.Post, $"/signalen/{s.RunId}/{s.AanbiederId}") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["motivering"] = groot }) };
        formulier.Headers.ExpectContinue = true;
        await formulier.Content.LoadIntoBufferAsync();
        var form = await anna.SendAsync(formulier);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        var pagina = await form.Content.ReadAsStringAsync();
        Assert.Contains("Het formulier is te groot", pagina);
        Assert.DoesNotContain("verlopen", pagina);

        // Without a declared length (chunked), the limit holds while the body is read: a 413, or the connection
        // closed at the limit while the client was still sending; either way nothing is stored.
        using var stroom = new HttpRequestMessage(HttpMethod.Post, Pad(s, "/beoordeling")) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"uitkomst\":\"geen_aanwijzing\",\"motivering\":\"" + groot + "\"}"))) };
        stroom.Content.Headers.ContentType = new("application/json");
        stroom.Headers.TransferEncodingChunked = true;
        stroom.Headers.Add("If-Match", "\"0\"");
        try { Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anna.SendAsync(stroom)).StatusCode); }
        catch (HttpRequestException) { }

        var onbekend = await anna.WijzigAsync($"/api/runs/bestaat-niet/signalen/{s.AanbiederId}/beoordeling", "{ niet eens JSON", 0);
        Assert.Equal(HttpStatusCode.NotFound, onbekend.StatusCode);
        Assert.Equal(ReviewStatus.TeBeoordelen, (await PortalServer.JsonAsync(await anna.GetAsync(Pad(s)))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_change_needs_the_signals_etag_as_if_match()
    {
        var s = server.Signaal(32);
        using var anna = server.Client("Anna", Rol.Beoordelaar);
        var get = await anna.GetAsync(Pad(s));
        Assert.Equal("\"0\"", get.Headers.ETag?.ToString());

        var zonder = await anna.PostAsJsonAsync(Pad(s, "/beoordeling"), new { uitkomst = Uitkomst.GeenAanwijzing, motivering = Goed });
        Assert.Equal((HttpStatusCode)428, zonder.StatusCode);
        Assert.Equal("application/problem+json", zonder.Content.Headers.ContentType?.MediaType);
        Assert.Contains("If-Match", (await PortalServer.JsonAsync(zonder)).GetProperty("detail").GetString());

        var ok = await anna.WijzigAsync(Pad(s, "/beoordeling"), new { uitkomst = Uitkomst.GeenAanwijzing, motivering = Goed }, 0);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"1\"", ok.Headers.ETag?.ToString());
        Assert.Equal("\"1\"", (await anna.GetAsync(Pad(s))).Headers.ETag?.ToString());
        Assert.Equal("\"1\"", (await anna.GetAsync($"/signalen/{s.RunId}/{s.AanbiederId}")).Headers.ETag?.ToString());

        var oud = await anna.WijzigAsync(Pad(s, "/heropening"), new { motivering = Goed }, 0);
        Assert.Equal(HttpStatusCode.PreconditionFailed, oud.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anna.WijzigAsync(Pad(s, "/heropening"), new { motivering = Goed }, 1)).StatusCode);
    }

    [Fact]
    public async Task The_saved_confirmation_shows_only_after_a_real_assessment_by_the_person_looking()
    {
        var s = server.Signaal(33);
        using var anna = server.Client("Anna", Rol.Beoordelaar);
        const string bevestiging = "Uw beoordeling is vastgelegd";
        Assert.DoesNotContain(bevestiging, await anna.GetStringAsync($"/signalen/{s.RunId}/{s.AanbiederId}?opgeslagen=1"));
        await anna.WijzigAsync(Pad(s, "/beoordeling"), new { uitkomst = Uitkomst.GeenAanwijzing, motivering = Goed }, 0);
        Assert.Contains(bevestiging, await anna.GetStringAsync($"/signalen/{s.RunId}/{s.AanbiederId}?opgeslagen=1"));
        using var femke = server.Client("Femke", Rol.Beoordelaar);
        Assert.DoesNotContain(bevestiging, await femke.GetStringAsync($"/signalen/{s.RunId}/{s.AanbiederId}?opgeslagen=1"));
        Assert.DoesNotContain(bevestiging, await anna.GetStringAsync($"/signalen/{s.RunId}/{s.AanbiederId}?opgeslagen=2"));
    }

    [Fact]
    public async Task Errors_are_dutch_pages_for_browsers_and_problem_details_for_the_api()
    {
        using var anna = server.Client("Anna", Rol.Beoordelaar);
        var pagina = await anna.GetAsync("/signalen/bestaat-niet/AGB0");
        Assert.Equal(HttpStatusCode.NotFound, pagina.StatusCode);
        Assert.Equal("text/html", pagina.Content.Headers.ContentType?.MediaType);
        var html = await pagina.Content.ReadAsStringAsync();
        Assert.Contains("Niet gevonden", html);
        Assert.Contains("Wat nu?", html);

        var onbekendPad = await anna.GetAsync("/bestaat/niet");
        Assert.Equal(HttpStatusCode.NotFound, onbekendPad.StatusCode);
        Assert.Contains("Wat nu?", await onbekendPad.Content.ReadAsStringAsync());

        var api = await anna.GetAsync("/api/runs/bestaat-niet/signalen/AGB0");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Niet gevonden", (await PortalServer.JsonAsync(api)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Both_csv_writers_neutralise_a_formula_behind_white_space()
    {
        using var anna = server.Client("Anna", Rol.Beoordelaar);
        var csv = Encoding.UTF8.GetString(await anna.GetByteArrayAsync($"/export/{PortalServer.Run}/risicolijst.csv"));
        Assert.Contains(";\"'\n=1+4\";", csv);
        foreach (var waarde in new[] { "\n=1+4", "\r=1", "\t=1", " =1+4", "  @SUM(A1)", "-2+3", "+1", "=1" })
        {
            Assert.StartsWith("'", RiskListCsv.Text(waarde).TrimStart('"'));
            Assert.Equal(RiskListCsv.Text(waarde), RisicolijstExport.Cel(waarde));
        }
        Assert.Equal("Zorg BV", RiskListCsv.Text("Zorg BV"));
        Assert.Contains("'\n=1+4", Encoding.UTF8.GetString(RiskListCsv.Write([server.Details.Select(d => d.Signal).Single(x => x.AanbiederNaam == PortalServer.VerborgenFormuleNaam)])));
    }
}

/// <summary>The platform's principal header, crafted: every malformed one is nobody (401), and no role means no API description.</summary>
public sealed class PlatformSecurityTests(PlatformPortalServer server) : IClassFixture<PlatformPortalServer>
{
    public static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public static TheoryData<string> Onleesbaar => new()
    {
        "dit is geen base64",
        Convert.ToBase64String([0xff, 0xfe, 0x00]),
        Base64("[1, 2, 3]"),
        Base64("{\"claims\": [{\"val\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}]}"),
        Base64("{\"claims\": [{\"typ\": \"oid\", \"val\": 42}]}"),
        Base64("{\"claims\": [\"oid\"]}"),
        Base64("{\"claims\": {\"typ\": \"oid\"}}"),
        Base64("{\"claims\": [{\"typ\": \"oid\", \"val\": \"geen-guid\"}, {\"typ\": \"roles\", \"val\": \"beoordelaar\"}]}"),
        Base64("{\"claims\": [{\"typ\": \"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier\", \"val\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}, {\"typ\": \"roles\", \"val\": \"beoordelaar\"}]}"),
        Base64("{\"name_typ\": 5, \"claims\": []}"),
        Base64("null"),
    };

    [Theory]
    [MemberData(nameof(Onleesbaar))]
    public async Task A_malformed_principal_is_refused_with_401(string principal)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", principal);
        foreach (var pad in new[] { "/api/ik", "/risicolijst", "/" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(pad)).StatusCode);
    }

    [Fact]
    public async Task The_nameidentifier_never_identifies_even_when_it_comes_first()
    {
        var oid = Guid.NewGuid();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Base64(JsonSerializer.Serialize(new
        {
            claims = new[]
            {
                new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", val = "ander-id" },
                new { typ = "oid", val = "{" + oid.ToString().ToUpperInvariant() + "}" },
                new { typ = "roles", val = Rol.Beoordelaar },
            },
        })));
        Assert.Equal(oid.ToString("D"), (await PortalServer.JsonAsync(await http.GetAsync("/api/ik"))).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_api_description_is_only_for_signed_in_roles()
    {
        using var anoniem = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anoniem.GetAsync("/openapi/v1.json")).StatusCode);
        using var zonderRol = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        zonderRol.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Base64(JsonSerializer.Serialize(new { claims = new[] { new { typ = "oid", val = Guid.NewGuid().ToString() } } })));
        Assert.Equal(HttpStatusCode.Forbidden, (await zonderRol.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await zonderRol.GetAsync("/")).StatusCode); // the start page says to ask for a role
    }
}
