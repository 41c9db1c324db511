using System.Net;
using Microsoft.AspNetCore.Builder;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Tests.Shared;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>The auditor's read-only view of model runs against the real server, with a real recorded run.</summary>
public sealed class AuditorViewTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-auditor-").FullName;
    private WebApplication? _app;
    private Store _store = null!;
    private RiskRunOutcome _run = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _store = LocalStore.Open(_root);
        var inputs = GeneratedInputs.Create(providers: 60, clients: 1500, seed: 11).Inputs;
        _run = await new RiskRunner(_store).RunAsync(RunTables.From(inputs), [new InputSnapshot("clienten", new string('a', 64), inputs.Clienten.Count)],
            new RiskRunRequest("<b>cli</b>", null, new RiskConfiguration()));
        _app = PortalApp.Create(_store, new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Ellen", Rol.Auditor) }, 0);
        await _app.StartAsync();
        _url = _app.Adres();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private HttpClient Als(string naam, string rol)
    {
        var client = new HttpClient { BaseAddress = new Uri(_url) };
        client.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevUserHeader, naam);
        client.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevRoleHeader, rol);
        return client;
    }

    [Fact]
    public async Task The_auditor_sees_the_runs_with_their_fairness_status_and_the_chain_status()
    {
        var html = await Als("Ellen", Rol.Auditor).GetStringAsync("/runs");
        Assert.Contains(_run.RunId, html);
        Assert.Contains("hashketen is heel", html);
        Assert.Contains(_run.Record.UitvoerHash[..12], html);
        Assert.Contains(_run.Record.Fairness!.Passed ? "in orde" : "aandacht nodig", html);
        Assert.DoesNotContain("<b>cli</b>", html);
        Assert.Contains("&lt;b&gt;cli&lt;/b&gt;", html);
    }

    [Fact]
    public async Task A_run_page_shows_inputs_configuration_metrics_and_the_fairness_report()
    {
        var html = await Als("Ellen", Rol.Auditor).GetStringAsync($"/runs/{_run.RunId}");
        Assert.Contains(new string('a', 64), html); // the input's hash
        Assert.Contains(_run.Record.UitvoerHash, html);
        Assert.Contains(_run.Record.DetailsHash!, html);
        Assert.Contains(Html.Encode(_run.Record.CodeVersie!), html);
        Assert.Contains($"zfs verify {_run.RunId}", html);
        Assert.Contains("Kenmerken van het model", html);
        Assert.All(Core.Indicators.ProviderFeatures.All, f => Assert.Contains(f.Code, html));
        Assert.True(_run.Record.Model.Gefit);
        Assert.Contains("Mediaan en schaal zijn die van wat het model ziet", html);
        Assert.Contains("Selectie per postcodegebied", html);
        Assert.Contains(_run.Record.Fairness!.Sha256, html);
        Assert.Contains($"de eerste {_run.Record.Configuratie.Beoordelingsvenster} plaatsen tonen elk soort gepubliceerd signaal", html);
    }

    [Fact]
    public async Task A_run_page_shows_each_indicators_prevalence_and_its_peer_groups_limits()
    {
        var html = await Als("Ellen", Rol.Auditor).GetStringAsync($"/runs/{_run.RunId}");
        Assert.Contains("Indicatoren in deze run", html);
        Assert.Contains("Voor een aandeel is dit de grens bij veel cliënten of maanden", html);
        foreach (var i in _run.Record.Model.Indicatoren)
        {
            Assert.Contains($"<span class=\"code\">{i.Code}</span>: {i.Afgegaan} van {i.Toepasbaar} aanbieders, gewicht {Weergave.Getal(i.Gewicht)}", html);
            Assert.All(i.Groepen, g => Assert.Contains($"<td class=\"code\">{Html.Encode(g.Groep)}</td><td class=\"num\">{g.Toepasbaar}</td><td class=\"num\">{g.Afgegaan}</td>", html));
        }
    }

    [Fact]
    public void A_share_whose_limit_lies_above_100_percent_is_shown_as_unable_to_fire_in_that_group()
    {
        var prevalence = new IndicatorPrevalence("MAX_DECL", 141, 3, 3.6,
        [
            new GroupPrevalence("ZIN/01/instelling", 110, 3, 0.10, 0.56),
            new GroupPrevalence("ZIN/07/instelling", 31, 0, 0.27, 1.10),
        ]);
        var html = ModelrunsEndpoints.Indicatoren([prevalence], new IndicatorThresholds()).ToString();
        Assert.Contains("3 van 141 aanbieders, gewicht 3,6; kan niet afgaan in ZIN/07/instelling", html);
        Assert.Contains(Html.Encode($"{Weergave.Procent(1.10)} (kan niet afgaan)"), html);
        Assert.Contains(Html.Encode(Weergave.Procent(0.56)), html);
        Assert.DoesNotContain(Html.Encode($"{Weergave.Procent(0.56)} (kan niet afgaan)"), html);
    }

    [Fact]
    public async Task A_broken_chain_shows_on_the_runs_page()
    {
        await _store.Tables.DeleteAsync(StoreNames.AuditTable, "log", 1L.ToString("D19"));
        var html = await Als("Ellen", Rol.Auditor).GetStringAsync("/runs");
        Assert.Contains("gebroken", html);
        Assert.Contains("entry 1", html);
    }

    [Fact]
    public async Task Only_the_auditor_role_may_see_the_runs_and_an_unknown_run_is_not_found()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Als("Anna", Rol.Beoordelaar).GetAsync("/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Als("Dirk", Rol.DataEngineer).GetAsync($"/runs/{_run.RunId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Als("Ellen", Rol.Auditor).GetAsync("/runs/bestaat-niet")).StatusCode);
    }
}
