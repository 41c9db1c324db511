using System.Net;
using Microsoft.Playwright;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Tests.Shared;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>The portal on a list that the real risk run published (synthetic inputs), not on the portal's own sample signals.</summary>
public sealed class RiskRunPortalTests(Chromium chromium) : IClassFixture<Chromium>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-portal-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Every_signal_of_a_real_risk_run_renders_with_its_evidence_and_can_be_assessed()
    {
        var store = LocalStore.Open(_root);
        var inputs = GeneratedInputs.Create(40, 1200, seed: 5).Inputs;
        var outcome = await new RiskRunner(store).RunAsync(RunTables.From(inputs), [new("aanbieders", "aa", 40), new("clienten", "cc", 1200)],
            new RiskRunRequest("test", null, new RiskConfiguration()));
        var signalen = await new RiskListStore(store).SignalsAsync(outcome.RunId);
        Assert.NotEmpty(signalen);

        await using var app = PortalApp.Create(store, new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Anna", Rol.Beoordelaar) }, 0);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Adres()) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/risicolijst?per=500")).StatusCode);
        foreach (var s in signalen)
        {
            var r = await http.GetAsync($"/signalen/{s.RunId}/{Uri.EscapeDataString(s.AanbiederId)}");
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{s.AanbiederId}: {(int)r.StatusCode}");
        }

        var top = signalen.First(s => s.Status == ReviewStatus.TeBeoordelen);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Adres(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/signalen/{top.RunId}/{Uri.EscapeDataString(top.AanbiederId)}");
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "16-risicorun-signaal.png"), FullPage = true });
        Assert.Equal(top.AanbiederNaam, await page.Locator("h1").InnerTextAsync());
        await page.CheckAsync("input[name=uitkomst][value=nader_onderzoek]");
        await page.FillAsync("textarea[name=motivering]", "Cliënten verhuisden kort voor de zorgstart naar het pand van de aanbieder en er wordt elke maand het maximum gedeclareerd.");
        await page.ClickAsync("section.beoordeling button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "17-risicorun-voorstel.png"), FullPage = true });
        Assert.Equal("nader onderzoek voorgesteld", await page.Locator("section.beoordeling .status").First.InnerTextAsync());
    }
}
