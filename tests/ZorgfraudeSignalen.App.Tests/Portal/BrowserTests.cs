using System.Net.Http.Json;
using Microsoft.Playwright;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>
/// Debian's Chromium driven by Playwright: never a downloaded browser. One browser for the class; each person gets
/// their own browser context (own cookies) with the development identity headers, which the server honours only in
/// development mode.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Pad = "/usr/bin/chromium";
    public static readonly string[] Argumenten = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Pad))
            throw new InvalidOperationException($"{Pad} ontbreekt: installeer Debian's chromium (apt-get install -y chromium), zie .ci/run.");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Pad,
            Headless = true,
            Args = Argumenten,
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

public sealed class BrowserTests(PortalServer server, Chromium chromium) : IClassFixture<PortalServer>, IClassFixture<Chromium>
{
    private static readonly string Schermafdrukken = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private async Task<IPage> PaginaAlsAsync(string naam, string rollen)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "nl-NL",
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                [PortalAuthenticationHandler.DevUserHeader] = naam,
                [PortalAuthenticationHandler.DevRoleHeader] = rollen,
            },
        });
        var page = await context.NewPageAsync();
        page.Dialog += (_, d) => throw new InvalidOperationException("Er opende een dialoog: script uit data is uitgevoerd: " + d.Message);
        return page;
    }

    private static async Task Vastleggen(IPage page, string naam)
    {
        Directory.CreateDirectory(Schermafdrukken);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Schermafdrukken, naam + ".png"), FullPage = true });
    }

    /// <summary>Submits a form and returns the server's answer to the POST, once the page that answer renders has loaded.</summary>
    private static async Task<IResponse> Post(IPage page, Func<Task> submit)
    {
        var antwoord = await page.RunAndWaitForResponseAsync(submit, r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.Load);
        return antwoord;
    }

    private static string Url(Signal s) => $"/signalen/{s.RunId}/{Uri.EscapeDataString(s.AanbiederId)}";

    [Fact]
    public async Task A_reviewer_filters_opens_a_signal_and_proposes_an_escalation_that_a_second_reviewer_confirms()
    {
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        var lijst = await anna.GotoAsync("/risicolijst");
        Assert.Equal(200, lijst!.Status);
        await Vastleggen(anna, "01-risicolijst");
        Assert.Contains("Ontwikkelmodus: ingelogd als Anna (rol beoordelaar)", await anna.Locator(".ontwikkel").InnerTextAsync());

        // Filter on the indicator that fires most often in this run, and a minimum score.
        var code = server.Details.SelectMany(d => d.Signal.Signalen).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var minimum = Math.Floor(server.Details.Where(d => d.Signal.Signalen.Contains(code)).Select(d => d.Signal.Risicoscore).Order().ElementAt(0));
        await anna.SelectOptionAsync("select[name=indicator]", code);
        await anna.FillAsync("input[name=min]", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await anna.ClickAsync("form.filters button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("indicator=" + code));
        await Vastleggen(anna, "02-risicolijst-gefilterd");
        var rijen = anna.Locator("table.lijst tbody tr");
        var aantal = await rijen.CountAsync();
        var verwacht = server.Details.Count(d => d.Signal.Signalen.Contains(code) && d.Signal.Risicoscore >= minimum);
        Assert.Equal(Math.Min(verwacht, 50), aantal);
        // Each row names the indicator in Dutch, with its code beside it.
        for (var i = 0; i < aantal; i++) Assert.Contains(Weergave.IndicatorNaam(code), await rijen.Nth(i).InnerTextAsync());

        // Open the first signal: explanation, indicators, cluster picture.
        var naam = await rijen.First.Locator("td:nth-child(2) a").InnerTextAsync();
        await rijen.First.Locator("td:nth-child(2) a").ClickAsync();
        await anna.WaitForURLAsync(u => u.Contains("/signalen/"));
        await Vastleggen(anna, "03-signaal");
        var detail = server.Details.Single(d => d.Signal.AanbiederNaam == naam);
        Assert.Equal(naam, await anna.Locator("h1").InnerTextAsync());
        Assert.Contains(detail.Signal.Toelichting, await anna.Locator(".toelichting").InnerTextAsync());
        Assert.Contains("Wat het systeem niet weet", await anna.ContentAsync());
        if (detail.Cluster is { } cluster)
        {
            var svg = anna.Locator("svg.cluster");
            Assert.True(await svg.IsVisibleAsync());
            Assert.Equal(cluster.Knopen.Count, await svg.Locator("g.knoop").CountAsync());
            Assert.Equal(1, await svg.Locator("g.knoop.huidig").CountAsync());
        }
        Assert.Equal(detail.DeclaratiesPerMaand.Count, await anna.Locator("svg.grafiek").First.Locator("rect.staaf").CountAsync());

        // Propose further investigation with a rationale.
        await anna.CheckAsync("input[name=uitkomst][value=nader_onderzoek]");
        await anna.FillAsync("textarea[name=motivering]", "Vijf cliënten verhuisden binnen twee weken voor de zorgstart naar hetzelfde pand; volume structureel boven toewijzing.");
        await anna.ClickAsync("section.beoordeling button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(anna, "04-voorstel-vastgelegd");
        Assert.Contains("nader onderzoek voorgesteld", await anna.Locator("section.beoordeling").InnerTextAsync());

        // A second, different reviewer confirms.
        var bob = await PaginaAlsAsync("Bob", Rol.TweedeBeoordelaar);
        await bob.GotoAsync(Url(detail.Signal));
        await Vastleggen(bob, "05-tweede-beoordelaar");
        Assert.Contains("Anna", await bob.Locator(".voorstel").InnerTextAsync());
        await bob.FillAsync("textarea[name=motivering]", "Eens met het voorstel: het patroon in tijdlijn en declaraties rechtvaardigt een huisbezoek.");
        await bob.ClickAsync("button[value=bevestigen]");
        await bob.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(bob, "06-nader-onderzoek-bevestigd");
        var status = await bob.Locator("section.beoordeling .status").First.InnerTextAsync();
        Assert.Equal("nader onderzoek", status);
        Assert.Equal(2, await bob.Locator("ol.stappen li").CountAsync());
    }

    [Fact]
    public async Task The_same_person_confirming_their_own_escalation_is_refused()
    {
        var s = server.Signaal(40);
        var carla = await PaginaAlsAsync("Carla", "beoordelaar,tweede_beoordelaar");
        await carla.GotoAsync(Url(s));
        await Vastleggen(carla, "07a-voor-eigen-voorstel");
        await carla.CheckAsync("input[name=uitkomst][value=nader_onderzoek]");
        await carla.FillAsync("textarea[name=motivering]", "Drie aanbieders met dezelfde bestuurder declareren voor cliënten op één adres; graag nader onderzoek.");
        await carla.ClickAsync("section.beoordeling button[type=submit]");
        await carla.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(carla, "07b-eigen-voorstel-vastgelegd");

        // The page says why she cannot confirm, and the buttons are disabled ...
        Assert.Contains("zelf gedaan", await carla.Locator("section.beoordeling").InnerTextAsync());
        Assert.True(await carla.Locator("button[value=bevestigen]").IsDisabledAsync());
        await Vastleggen(carla, "07-eigen-voorstel");
        // ... and a form forced past that (a stale tab, a hand-made request) is refused by the server.
        await carla.EvalOnSelectorAsync("button[value=bevestigen]", "b => b.removeAttribute('disabled')");
        await carla.FillAsync("textarea[name=motivering]", "Ik bevestig mijn eigen voorstel omdat ik zeker ben van de feiten in dit dossier.");
        var antwoord = await Post(carla, () => carla.ClickAsync("button[value=bevestigen]"));
        Assert.Equal(403, antwoord!.Status);
        await Vastleggen(carla, "08-eigen-bevestiging-geweigerd");
        Assert.Contains("vier-ogenprincipe", await carla.Locator(".melding.fout[role=alert]").InnerTextAsync());
        Assert.Equal("nader onderzoek voorgesteld", await carla.Locator("section.beoordeling .status").First.InnerTextAsync());
        // What she typed is still there.
        Assert.Contains("eigen voorstel", await carla.InputValueAsync("textarea[name=motivering]"));
    }

    [Fact]
    public async Task An_unauthorised_role_is_refused()
    {
        var dirk = await PaginaAlsAsync("Dirk", Rol.DataEngineer);
        var lijst = await dirk.GotoAsync("/risicolijst");
        Assert.Equal(403, lijst!.Status);
        await Vastleggen(dirk, "09-geen-toegang");
        Assert.Contains("Geen toegang", await dirk.Locator("h1").InnerTextAsync());
        var signaal = await dirk.GotoAsync(Url(server.Signaal(0)));
        await Vastleggen(dirk, "09b-geen-toegang-signaal");
        Assert.Equal(403, signaal!.Status);
        var start = await dirk.GotoAsync("/");
        Assert.Equal(200, start!.Status);
        await Vastleggen(dirk, "10-start-data-engineer");
        Assert.DoesNotContain("Risicolijst", await dirk.Locator("header nav").InnerTextAsync());
    }

    [Fact]
    public async Task A_provider_named_as_a_script_renders_as_text()
    {
        var s = server.Details.Select(d => d.Signal).Single(x => x.AanbiederNaam == PortalServer.XssNaam);
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        await anna.GotoAsync(Url(s));
        await Vastleggen(anna, "11-naam-met-script");
        Assert.Equal(PortalServer.XssNaam, await anna.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await anna.Locator("script").CountAsync());
        await anna.GotoAsync($"/risicolijst?per=500");
        await Vastleggen(anna, "11b-risicolijst-met-scriptnaam");
        Assert.Equal(1, await anna.GetByText(PortalServer.XssNaam, new() { Exact = true }).CountAsync());
    }

    [Fact]
    public async Task Two_reviewers_saving_the_same_signal_the_second_gets_a_conflict_and_keeps_their_text()
    {
        var s = server.Signaal(41);
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        var femke = await PaginaAlsAsync("Femke", Rol.Beoordelaar);
        await anna.GotoAsync(Url(s));
        await Vastleggen(anna, "12a-anna-opent-signaal");
        await femke.GotoAsync(Url(s));
        await Vastleggen(femke, "12b-femke-opent-signaal");

        await anna.CheckAsync("input[name=uitkomst][value=geen_aanwijzing]");
        await anna.FillAsync("textarea[name=motivering]", "Erkende kleinschalige woonvorm, contracten met de gemeente gecontroleerd en in orde bevonden.");
        await anna.ClickAsync("section.beoordeling button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(anna, "12c-anna-opgeslagen");

        const string tekst = "Volgens mij is hier meer aan de hand: declaraties lopen door na verhuizing van twee cliënten.";
        await femke.CheckAsync("input[name=uitkomst][value=nader_onderzoek]");
        await femke.FillAsync("textarea[name=motivering]", tekst);
        var antwoord = await Post(femke, () => femke.ClickAsync("section.beoordeling button[type=submit]"));
        Assert.Equal(409, antwoord!.Status);
        await Vastleggen(femke, "12-conflict");
        var melding = await femke.Locator(".melding.fout[role=alert]").InnerTextAsync();
        Assert.Contains("Iemand anders", melding);
        Assert.Contains("Anna", melding);
        Assert.Equal("geen aanwijzing", await femke.Locator("section.beoordeling .status").First.InnerTextAsync());
        Assert.Contains(tekst, await femke.Locator(".bewaard textarea").InputValueAsync());
    }

    private const string Motivering = "Dossier, adressen en declaraties bekeken; het patroon past bij een erkende geclusterde woonvorm.";

    [Fact]
    public async Task An_auditor_reads_signals_and_the_audit_chain_but_no_client_evidence_and_no_forms()
    {
        var s = server.Signaal(42);
        using var api = server.Client("Anna", Rol.Beoordelaar);
        (await api.WijzigAsync($"/api/runs/{s.RunId}/signalen/{s.AanbiederId}/beoordeling", new { uitkomst = "geen_aanwijzing", motivering = Motivering }, 0)).EnsureSuccessStatusCode();

        var ellen = await PaginaAlsAsync("Ellen", Rol.Auditor);
        await ellen.GotoAsync(Url(s));
        await Vastleggen(ellen, "13-auditor-signaal");
        Assert.Contains("Alleen zichtbaar voor beoordelaars", await ellen.ContentAsync());
        Assert.Equal(0, await ellen.Locator("svg.tijdlijn").CountAsync());
        Assert.Equal(0, await ellen.Locator("form.formulier").CountAsync());
        Assert.Contains(Motivering, await ellen.Locator("ol.stappen").InnerTextAsync());

        await ellen.GotoAsync("/audit");
        await Vastleggen(ellen, "14-auditlog");
        Assert.Contains("De keten is heel", await ellen.Locator(".melding").First.InnerTextAsync());
        Assert.Contains("beoordeling", await ellen.Locator("table").InnerTextAsync());
    }

    [Fact]
    public async Task A_reflag_on_unchanged_facts_shows_the_earlier_judgement_instead_of_starting_over()
    {
        var s = server.Signaal(43);
        using var api = server.Client("Anna", Rol.Beoordelaar);
        (await api.WijzigAsync($"/api/runs/{PortalServer.EerdereRun}/signalen/{s.AanbiederId}/beoordeling", new { uitkomst = "geen_aanwijzing", motivering = Motivering }, 0)).EnsureSuccessStatusCode();

        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        await anna.GotoAsync($"/risicolijst?per=500");
        await Vastleggen(anna, "15a-risicolijst-herhaald");
        var rij = anna.Locator("table.lijst tbody tr", new() { HasText = s.AanbiederNaam });
        Assert.Contains("herhaald, feiten ongewijzigd", await rij.InnerTextAsync());
        await rij.Locator("td:nth-child(2) a").ClickAsync();
        await anna.WaitForURLAsync(u => u.Contains("/signalen/"));
        await Vastleggen(anna, "15-herhaald-ongewijzigd");
        Assert.Contains("met dezelfde feiten", await anna.Locator("section.beoordeling").InnerTextAsync());
        Assert.True(await anna.IsCheckedAsync("input[name=uitkomst][value=geen_aanwijzing]"));
        Assert.Contains(Motivering, await anna.Locator("section.beoordeling").InnerTextAsync());
    }

    [Fact]
    public async Task A_case_goes_from_signal_to_nader_onderzoek_to_notice_response_and_a_closing_decision()
    {
        var detail = server.Details.Single(d => d.Signal == server.Signaal(44));
        var s = detail.Signal;
        var anna = await PaginaAlsAsync("Anna", Rol.Beoordelaar);
        var bob = await PaginaAlsAsync("Bob", Rol.TweedeBeoordelaar);
        var vandaag = DateOnly.FromDateTime(DateTime.UtcNow);

        // Signal → proposal → confirmed nader_onderzoek.
        await anna.GotoAsync(Url(s));
        await anna.CheckAsync("input[name=uitkomst][value=nader_onderzoek]");
        await anna.FillAsync("textarea[name=motivering]", "Zes cliënten wonen in het pand van de vestiging en elke maand is het maximum gedeclareerd; graag nader onderzoek.");
        await anna.ClickAsync("section.beoordeling button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await bob.GotoAsync(Url(s));
        await bob.FillAsync("textarea[name=motivering]", "Eens: het patroon van wonen en declareren vraagt om uitleg van de aanbieder zelf.");
        await bob.ClickAsync("button[value=bevestigen]");
        await bob.WaitForURLAsync(u => u.Contains("opgeslagen="));

        // The notice: a text generated from the signal's facts, without client data.
        await anna.GotoAsync(Url(s));
        await Vastleggen(anna, "16-kennisgeving-opstellen");
        var tekst = await anna.Locator(".kennisgevingstekst").First.InnerTextAsync();
        Assert.Contains(s.AanbiederNaam, tekst);
        Assert.Contains("Uw reactie", tekst);
        foreach (var i in detail.Indicatoren.Where(i => i.Afgegaan && i.Code != "VERBONDEN")) Assert.Contains(i.Feiten, tekst);
        foreach (var c in detail.Panden.SelectMany(p => p.Clienten)) Assert.DoesNotContain(c.ClientId, tekst);
        foreach (var p in detail.Panden.Where(p => !p.IsVestiging)) Assert.DoesNotContain(p.Label, tekst);
        await anna.FillAsync("form.kennisgeving-formulier input[name=termijn]", "14");
        await anna.FillAsync("form.kennisgeving-formulier textarea[name=motivering]", "Per aangetekende brief verstuurd aan het bestuur van de aanbieder, kenmerk 2026-0044.");
        await anna.ClickAsync("form.kennisgeving-formulier button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(anna, "17-kennisgeving-verstuurd");
        var uiterlijk = Weergave.Datum(vandaag.AddDays(14));
        Assert.Equal("kennisgeving verstuurd", await anna.Locator("section.beoordeling .status").First.InnerTextAsync());
        Assert.Contains(uiterlijk, await anna.Locator(".termijn-stand").InnerTextAsync());

        // The deadline shows in the list.
        await anna.GotoAsync("/risicolijst?status=kennisgeving_verstuurd");
        await Vastleggen(anna, "18-risicolijst-termijn");
        Assert.Contains($"reactie uiterlijk {uiterlijk}", await anna.Locator("table.lijst tbody tr", new() { HasText = s.AanbiederNaam }).InnerTextAsync());

        // No decision while the period runs and no response is recorded: the button says so, and the server refuses a forced one.
        await bob.GotoAsync(Url(s));
        Assert.True(await bob.Locator("form.besluit-formulier button[type=submit]").IsDisabledAsync());
        await bob.EvalOnSelectorAsync("form.besluit-formulier button[type=submit]", "b => b.removeAttribute('disabled')");
        await bob.CheckAsync("input[name=besluit][value=maatregel]");
        await bob.FillAsync("form.besluit-formulier textarea[name=weging]", "Er is geen zienswijze, dus het signaal staat overeind en wij nemen een maatregel.");
        await bob.FillAsync("form.besluit-formulier textarea[name=motivering]", "Het patroon is niet verklaard; terugvordering van de declaraties buiten de toewijzing.");
        var te_vroeg = await Post(bob, () => bob.ClickAsync("form.besluit-formulier button[type=submit]"));
        Assert.Equal(409, te_vroeg.Status);
        await Vastleggen(bob, "19-besluit-te-vroeg");
        Assert.Contains("reactietermijn loopt tot en met", await bob.Locator(".melding.fout[role=alert]").InnerTextAsync());
        Assert.Equal("kennisgeving verstuurd", await bob.Locator("section.beoordeling .status").First.InnerTextAsync());

        // The provider responds; a reviewer records it.
        const string zienswijze = "De cliënten huren elk een eigen studio; het maximum wordt gedeclareerd omdat de zorg 24 uur per dag wordt geleverd.";
        await anna.GotoAsync(Url(s));
        await anna.FillAsync("form.zienswijze-formulier textarea[name=zienswijze]", zienswijze);
        await anna.FillAsync("form.zienswijze-formulier input[name=document]", "zaak 2026-0044, brief van de aanbieder");
        await anna.FillAsync("form.zienswijze-formulier textarea[name=motivering]", "Schriftelijke reactie van de directeur ontvangen per post, ingeboekt in het zaaksysteem.");
        await anna.ClickAsync("form.zienswijze-formulier button[type=submit]");
        await anna.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(anna, "20-zienswijze-vastgelegd");
        Assert.Equal("zienswijze ontvangen", await anna.Locator("section.beoordeling .status").First.InnerTextAsync());

        // The closing decision refers to the response and weighs it.
        await bob.GotoAsync(Url(s));
        await Vastleggen(bob, "21-besluit-met-zienswijze");
        Assert.Contains(zienswijze, await bob.Locator("form.besluit-formulier .voorstel").InnerTextAsync());
        Assert.False(await bob.Locator("form.besluit-formulier button[type=submit]").IsDisabledAsync());
        await bob.CheckAsync("input[name=besluit][value=maatregel]");
        const string weging = "De eigen studio's verklaren het wonen in één pand, maar niet dat elke maand het maximum is gedeclareerd bij wisselende zorg.";
        await bob.FillAsync("form.besluit-formulier textarea[name=weging]", weging);
        await bob.FillAsync("form.besluit-formulier textarea[name=motivering]", "Gesprek over de geleverde uren en terugvordering van wat boven de geleverde zorg is gedeclareerd.");
        await bob.ClickAsync("form.besluit-formulier button[type=submit]");
        await bob.WaitForURLAsync(u => u.Contains("opgeslagen="));
        await Vastleggen(bob, "22-afgesloten");
        Assert.Equal("afgesloten", await bob.Locator("section.beoordeling .status").First.InnerTextAsync());
        Assert.Equal(5, await bob.Locator("ol.stappen > li").CountAsync());
        Assert.Contains(weging, await bob.Locator("ol.stappen").InnerTextAsync());
        Assert.Contains("weegt de zienswijze van stap 4", await bob.Locator("ol.stappen").InnerTextAsync());

        // Every step is in the audit log, texts as hashes.
        var stappen = (await server.AuditAsync()).Where(e => e.Subject == AssessmentRepository.Subject(s.RunId, s.AanbiederId) && e.Details.ContainsKey("handeling")).ToList();
        Assert.Equal(["beoordelen", "bevestigen", "kennisgeven", "zienswijze", "besluiten"], stappen.Select(e => e.Details["handeling"]));
        Assert.Equal(vandaag.AddDays(14).ToString("yyyy-MM-dd"), stappen[2].Details["reactie_uiterlijk"]);
        Assert.Equal(64, stappen[3].Details["tekst_sha256"].Length);
        Assert.Equal(("4", "maatregel"), (stappen[4].Details["verwijst_naar_stap"], stappen[4].Details["besluit"]));
        Assert.DoesNotContain(stappen.SelectMany(e => e.Details.Values), v => v.Contains("studio"));
    }
}
