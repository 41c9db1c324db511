using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>The steekproef mark and the earlier assessments on a list published by real risk runs that learn.</summary>
public sealed class LerenPortalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-portal-leren-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_sampled_signal_is_marked_with_its_reason_and_an_earlier_assessment_is_shown_with_its_rationale()
    {
        var store = LocalStore.Open(_root);
        var inputs = ZorgfraudeSignalen.Tests.Shared.GeneratedInputs.Create(60, 1500, seed: 5).Inputs;
        var runner = new RiskRunner(store);
        var first = await runner.RunAsync(RunTables.From(inputs), [new("clienten", "cc", 1500)], new RiskRunRequest("test", "run-1", new RiskConfiguration()));
        var assessed = first.Result!.Details[0];
        const string motivering = "Erkende instelling voor beschermd wonen; de bewoners wonen er al jaren, daarom nu buiten beschouwing gelaten.";
        var saved = await new AssessmentRepository(store, new AuditLog(store.Tables)).PasToeAsync(assessed.Signal, assessed.FeitenHash,
            new Beoordeel(Uitkomst.BuitenBeschouwing, motivering, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)),
            new Reviewer("anna", "Anna", [Rol.Beoordelaar]), 0);
        Assert.IsType<OpslagResultaat.Opgeslagen>(saved);

        var second = await runner.RunAsync(RunTables.From(inputs), [new("clienten", "cc", 1500)], new RiskRunRequest("test", "run-2", new RiskConfiguration()));
        var sampled = second.Result!.Signals.Where(s => s.Steekproef is not null).ToList();
        Assert.NotEmpty(sampled);

        await using var app = PortalApp.Create(store, new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Anna", Rol.Beoordelaar) }, 0);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Adres()) };

        var lijst = await http.GetStringAsync("/risicolijst?run=run-2&per=500");
        Assert.Equal(sampled.Count, CountOf(lijst, "class=\"code steekproef\""));
        var pagina = await http.GetStringAsync($"/signalen/run-2/{Uri.EscapeDataString(sampled[0].AanbiederId)}");
        Assert.Contains("<b>Steekproef.</b> Steekproef: deze aanbieder staat op de lijst door een willekeurige", pagina);
        Assert.Contains("Deze aanbieder is niet eerder beoordeeld.", pagina);

        // The auditor's run page says what the run learned from, and which providers the sample drew with what chance.
        await using var auditorApp = PortalApp.Create(store, new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Ada", Rol.Auditor) }, 0);
        await auditorApp.StartAsync();
        using var auditor = new HttpClient { BaseAddress = new Uri(auditorApp.Adres()) };
        var run = await auditor.GetStringAsync("/runs/run-2");
        var leren = run[run.IndexOf("<h2>Leren van beoordelingen</h2>", StringComparison.Ordinal)..];
        Assert.Contains("Niet geleerd: 0 positieve labels (minimaal 30)", leren);
        Assert.Contains(second.Record!.Leren!.LabelsSha256, leren);
        Assert.Contains($"{sampled.Count} aanbieders, seed {second.Record.Leren.SteekproefSeed}", leren);
        var publicatie = await Core.Learning.LearningStore.ReadPublicationAsync(store, "run-2");
        foreach (var s in sampled)
        {
            var kans = publicatie!.Aanbieders.Single(a => a.AanbiederId == s.AanbiederId).Kans!.Value;
            Assert.Contains($"/signalen/run-2/{Uri.EscapeDataString(s.AanbiederId)}\">{s.AanbiederId}</a></td>", leren);
            Assert.Contains(Html.Encode(Weergave.Procent(kans, "0.##")), leren);
        }

        var eerder = await http.GetStringAsync($"/signalen/run-2/{Uri.EscapeDataString(assessed.Signal.AanbiederId)}");
        var sectie = eerder[eerder.IndexOf("id=\"eerdere-beoordelingen\"", StringComparison.Ordinal)..];
        Assert.Contains("Erkende instelling voor beschermd wonen", sectie);
        Assert.Contains("niets (buiten beschouwing is geen oordeel)", sectie);
        Assert.DoesNotContain("<b>Steekproef.</b>", eerder);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
