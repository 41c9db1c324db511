using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>Each case of the portal's security review, tried in Debian's Chromium as a person (or a page) would.</summary>
public sealed class BrowserSecurityTests(PortalServer server, Chromium chromium) : IClassFixture<PortalServer>, IClassFixture<Chromium>
{
    private const string Motivering = "Dossier, adressen en declaraties bekeken; vijf cliënten verhuisden kort voor de zorgstart naar hetzelfde pand.";

    private async Task<IPage> PaginaAlsAsync(string naam, string rollen, IBrowser? browser = null, string? baseUrl = null)
    {
        var context = await (browser ?? chromium.Browser).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "nl-NL",
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                [PortalAuthenticationHandler.DevUserHeader] = naam,
                [PortalAuthenticationHandler.DevRoleHeader] = rollen,
            },
        });
        return await context.NewPageAsync();
    }

    private static string Url(Signal s) => $"/signalen/{s.RunId}/{Uri.EscapeDataString(s.AanbiederId)}";

    [Fact]
    public async Task One_person_under_another_spelling_cannot_confirm_their_own_proposal()
    {
        var s = server.Signaal(0);
        var anna = await PaginaAlsAsync("anna", "beoordelaar,tweede_beoordelaar");
        await anna.GotoAsync(Url(s));
        await anna.CheckAsync("input[name=uitkomst][value=nader_onderzoek]");
        await anna.FillAsync("textarea[name=motivering]", Motivering);
        await anna.ClickAsync("section.beoordeling button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("opgeslagen="));

        var ookAnna = await PaginaAlsAsync(" ANNA ", "beoordelaar,tweede_beoordelaar");
        await ookAnna.GotoAsync(Url(s));
        Assert.True(await ookAnna.Locator("button[value=bevestigen]").IsDisabledAsync());
        await ookAnna.EvalOnSelectorAsync("button[value=bevestigen]", "b => b.removeAttribute('disabled')");
        await ookAnna.FillAsync("textarea[name=motivering]", "Ik bevestig dit voorstel onder een andere schrijfwijze van mijn eigen naam.");
        var antwoord = await ookAnna.RunAndWaitForResponseAsync(() => ookAnna.ClickAsync("button[value=bevestigen]"), r => r.Request.Method == "POST");
        await ookAnna.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(403, antwoord.Status);
        Assert.Contains("vier-ogenprincipe", await ookAnna.Locator(".melding.fout[role=alert]").InnerTextAsync());
        await Schermafdruk.Vastleggen(ookAnna, "20-vier-ogen-andere-schrijfwijze");
    }

    [Fact]
    public async Task A_page_on_another_host_name_resolving_to_the_portal_reaches_nothing()
    {
        // DNS rebinding, played out: the browser resolves attacker.test to the portal's loopback address.
        await using var browser = await chromium.Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Pad,
            Headless = true,
            Args = [.. Chromium.Argumenten, "--host-resolver-rules=MAP attacker.test 127.0.0.1"],
        });
        var poort = new Uri(server.BaseUrl).Port;
        var pagina = await PaginaAlsAsync("Anna", Rol.Beoordelaar, browser, $"http://attacker.test:{poort}");
        var antwoord = await pagina.GotoAsync("/risicolijst");
        Assert.Equal(400, antwoord!.Status);
        Assert.Contains("Onbekende hostnaam", await pagina.Locator("h1").InnerTextAsync());
        await Schermafdruk.Vastleggen(pagina, "21-onbekende-hostnaam");
        // A form on the attacker's page posting to the rebound name: refused as well, and nothing is stored.
        var s = server.Signaal(1);
        await pagina.GotoAsync("about:blank");
        await pagina.SetContentAsync($"<form method=post action='http://attacker.test:{poort}{Url(s)}'><input name=actie value=beoordelen><input name=uitkomst value=geen_aanwijzing><input name=motivering value='{Motivering}'><button>go</button></form>");
        var post = await pagina.RunAndWaitForResponseAsync(() => pagina.ClickAsync("button"), r => r.Request.Method == "POST");
        Assert.Equal(400, post.Status);
        using var api = server.Client("Anna", Rol.Beoordelaar);
        Assert.Contains("\"status\":\"te_beoordelen\"", await api.GetStringAsync($"/api/runs/{s.RunId}/signalen/{s.AanbiederId}"));
    }

    [Fact]
    public async Task A_form_too_large_gets_a_page_that_says_so()
    {
        var s = server.Signaal(2);
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        await anna.GotoAsync(Url(s));
        await anna.CheckAsync("input[name=uitkomst][value=geen_aanwijzing]");
        await anna.EvalOnSelectorAsync("textarea[name=motivering]", "t => t.removeAttribute('maxlength')");
        await anna.FillAsync("textarea[name=motivering]", string.Concat(Enumerable.Repeat(Motivering + " ", 1500)));
        var antwoord = await anna.RunAndWaitForResponseAsync(() => anna.ClickAsync("section.beoordeling button[type=submit]"), r => r.Request.Method == "POST");
        await anna.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(413, antwoord.Status);
        Assert.Equal("Het formulier is te groot", await anna.Locator("h1").InnerTextAsync());
        Assert.Contains("Kort uw motivering in", await anna.Locator(".foutpagina").InnerTextAsync());
        await Schermafdruk.Vastleggen(anna, "22-formulier-te-groot");
    }

    [Fact]
    public async Task The_saved_confirmation_is_not_shown_for_a_signal_nobody_assessed()
    {
        var s = server.Signaal(3);
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        await anna.GotoAsync(Url(s) + "?opgeslagen=1");
        Assert.Equal(0, await anna.Locator(".melding.ok").CountAsync());
        Assert.Equal("te beoordelen", await anna.Locator("section.beoordeling .status").First.InnerTextAsync());
    }

    [Fact]
    public async Task Errors_read_as_dutch_pages_with_what_to_do_next()
    {
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        var antwoord = await anna.GotoAsync($"/signalen/{PortalServer.Run}/BESTAAT-NIET");
        Assert.Equal(404, antwoord!.Status);
        Assert.Equal("Niet gevonden", await anna.Locator("h1").InnerTextAsync());
        Assert.Contains("Wat nu?", await anna.Locator(".foutpagina").InnerTextAsync());
        await Schermafdruk.Vastleggen(anna, "23-niet-gevonden");

        // A form posted without its anti-forgery token (an old tab, another site): expired, nothing stored.
        var post = await anna.APIRequest.PostAsync(Url(server.Signaal(4)), new APIRequestContextOptions
        {
            Form = anna.APIRequest.CreateFormData().Set("actie", "beoordelen").Set("uitkomst", "geen_aanwijzing").Set("motivering", Motivering),
        });
        Assert.Equal(400, post.Status);
        Assert.Contains("Het formulier is verlopen", await post.TextAsync());
    }

    [Fact]
    public async Task The_api_asks_for_the_signals_version_as_if_match()
    {
        var s = server.Signaal(5);
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        var pad = $"/api/runs/{s.RunId}/signalen/{Uri.EscapeDataString(s.AanbiederId)}";
        var get = await anna.APIRequest.GetAsync(pad);
        Assert.Equal("\"0\"", get.Headers["etag"]);
        var body = new Dictionary<string, object> { ["uitkomst"] = "geen_aanwijzing", ["motivering"] = Motivering };
        Assert.Equal(428, (await anna.APIRequest.PostAsync(pad + "/beoordeling", new APIRequestContextOptions { DataObject = body })).Status);
        var ok = await anna.APIRequest.PostAsync(pad + "/beoordeling", new APIRequestContextOptions { DataObject = body, Headers = new Dictionary<string, string> { ["If-Match"] = get.Headers["etag"] } });
        Assert.Equal(200, ok.Status);
        var oud = await anna.APIRequest.PostAsync(pad + "/heropening", new APIRequestContextOptions { DataObject = new { motivering = Motivering }, Headers = new Dictionary<string, string> { ["If-Match"] = get.Headers["etag"] } });
        Assert.Equal(412, oud.Status);
        Assert.StartsWith("application/problem+json", oud.Headers["content-type"]);
    }

    [Fact]
    public async Task The_downloaded_csv_has_no_formula_behind_a_line_feed()
    {
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        await anna.GotoAsync("/risicolijst");
        var download = await anna.RunAndWaitForDownloadAsync(() => anna.ClickAsync("a.export"));
        var pad = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(pad!, Encoding.UTF8);
        Assert.Contains(";\"'\n=1+4\";", csv);
        Assert.DoesNotContain(";\"\n=1+4\";", csv);
    }
}

/// <summary>The platform's identity in the browser: a crafted principal is nobody, and no role sees no API description.</summary>
public sealed class PlatformBrowserTests(PlatformPortalServer server, Chromium chromium) : IClassFixture<PlatformPortalServer>, IClassFixture<Chromium>
{
    private async Task<IPage> MetPrincipalAsync(string principal)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [PortalAuthenticationHandler.PrincipalHeader] = principal },
        });
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task A_malformed_principal_gets_401_and_a_page_that_says_what_to_do()
    {
        var pagina = await MetPrincipalAsync(PlatformSecurityTests.Base64("{\"claims\": [{\"typ\": \"oid\", \"val\": 42}]}"));
        var antwoord = await pagina.GotoAsync("/risicolijst");
        Assert.Equal(401, antwoord!.Status);
        Assert.Equal("Niet aangemeld", await pagina.Locator("h1").InnerTextAsync());
        Assert.Contains("kon niet gelezen worden", await pagina.Locator(".foutpagina").InnerTextAsync());
        await Schermafdruk.Vastleggen(pagina, "24-aanmelding-onleesbaar");
    }

    [Fact]
    public async Task Without_a_role_the_api_description_is_refused()
    {
        var pagina = await MetPrincipalAsync(PlatformSecurityTests.Base64(JsonSerializer.Serialize(new { claims = new[] { new { typ = "oid", val = Guid.NewGuid().ToString() }, new { typ = "name", val = "Hans Zonderrol" } } })));
        Assert.Equal(403, (await pagina.GotoAsync("/openapi/v1.json"))!.Status);
        var start = await pagina.GotoAsync("/");
        Assert.Equal(200, start!.Status);
        Assert.Contains("geen rol", await pagina.Locator(".taken").InnerTextAsync());
        Assert.Equal(0, await pagina.Locator("a[href='/openapi/v1.json']").CountAsync());
    }
}

/// <summary>Screenshots for docs/portal.md, next to the test binaries.</summary>
public static class Schermafdruk
{
    public static readonly string Map = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task Vastleggen(IPage page, string naam)
    {
        Directory.CreateDirectory(Map);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Map, naam + ".png"), FullPage = true });
    }
}
