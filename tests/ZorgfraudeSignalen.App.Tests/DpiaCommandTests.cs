using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Register;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.App.Tests;

/// <summary>The DPIA is tied to the configuration: what runs is what it says, and the parts only people can write stay open.</summary>
public sealed class DpiaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-dpia-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static DpiaSource Bron(RiskConfiguration config, int bewaarDagen, DeliverySettings leveringen) =>
        new(RegisterSources.From(config, FairnessSettings.Default, TimeSpan.FromDays(bewaarDagen), "1.0.0+test"), leveringen, 0.05);

    [Fact]
    public void The_document_follows_the_configuration_and_lists_what_the_code_holds()
    {
        var standaard = DpiaDocument.Generate(Bron(new RiskConfiguration(), 180, DeliverySettings.Default)).ToMarkdown();
        var anders = DpiaDocument.Generate(Bron(
            new RiskConfiguration { PublicatieDrempel = 62.5, Drempels = new IndicatorThresholds { AandeelInPand = 0.35 } },
            90, DeliverySettings.Default.With("declaraties=14", "25"))).ToMarkdown();

        Assert.Contains("ten minste 40 worden ter beoordeling", standaard);
        Assert.Contains("ten minste 62.5 worden ter beoordeling", anders);
        Assert.Contains("verwijderd 180 dagen na", standaard);
        Assert.Contains("verwijderd 90 dagen na", anders);
        Assert.Contains($"{nameof(IndicatorThresholds.AandeelInPand)} = 0.35", anders);
        Assert.DoesNotContain($"{nameof(IndicatorThresholds.AandeelInPand)} = 0.35", standaard);
        Assert.Contains("declaraties elke 31 dagen", standaard);
        Assert.Contains("declaraties elke 14 dagen", anders);
        Assert.Contains("meer dan 25 % in het aantal rijen", anders);

        // Everything the code holds is listed: every indicator, extract type, refused column and forbidden attribute.
        Assert.All(IndicatorCatalogue.All, i => Assert.Contains($"| {i.Code} |", standaard));
        Assert.All(ExtractTypes.All, t => Assert.Contains($"| {t.Name()} |", standaard));
        Assert.All(RefusedColumns.AlleNamen, c => Assert.Contains($"- {c}\n", standaard.ReplaceLineEndings("\n")));
        Assert.All(ForbiddenAttributes.All, a => Assert.Contains(a.Term, standaard));
        Assert.Contains($"standaard {KennisgevingProcedure.StandaardTermijnDagen} dagen", standaard);

        // The parts only people can write are marked, in every section that has one, and nothing generated stands in them.
        var open = standaard.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.Contains(DpiaDocument.InTeVullenLabel, StringComparison.Ordinal)).ToList();
        Assert.True(open.Count >= 8, $"{open.Count} open delen");
        Assert.All(open, l => Assert.StartsWith($"> **{DpiaDocument.InTeVullenLabel}:**", l));
        Assert.Contains(open, l => l.Contains("Proportionaliteit"));
        Assert.Contains(open, l => l.Contains("functionaris gegevensbescherming"));
    }

    [Fact]
    public async Task Zfs_dpia_and_the_auditors_page_describe_the_latest_recorded_run()
    {
        var store = LocalStore.Open(_root);
        var (voor, _, _) = (await CliRunner.RunAsync(_root, DpiaCommand.Create(), "dpia"));
        Assert.Equal(0, voor);
        var inputs = ZorgfraudeSignalen.Tests.Shared.GeneratedInputs.Create(providers: 30, clients: 600, seed: 5).Inputs;
        await new RiskRunner(store).RunAsync(RunTables.From(inputs), [], new RiskRunRequest("test", null, new RiskConfiguration { PublicatieDrempel = 55 }, Leveringen: DeliverySettings.Default));

        var (exit, markdown, _) = await CliRunner.RunAsync(_root, DpiaCommand.Create(), "dpia");
        Assert.Equal(0, exit);
        Assert.Contains("ten minste 55 worden ter beoordeling", markdown);
        var bestand = Path.Combine(_root, "uit", "dpia.md");
        Assert.Equal(0, (await CliRunner.RunAsync(_root, DpiaCommand.Create(), "dpia", "--uit", bestand)).Exit);
        Assert.Equal(markdown, await File.ReadAllTextAsync(bestand));
        Assert.Equal(2, (await CliRunner.RunAsync(_root, DpiaCommand.Create(), "dpia", "--run", "bestaat-niet")).Exit);

        var app = PortalApp.Create(store, new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Ellen", Rol.Auditor) }, 0);
        await app.StartAsync();
        try
        {
            using var ellen = new HttpClient { BaseAddress = new Uri(app.Adres()) };
            ellen.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevUserHeader, "Ellen");
            ellen.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevRoleHeader, Rol.Auditor);
            var pagina = await ellen.GetStringAsync("/dpia");
            Assert.Contains("ten minste 55 worden ter beoordeling", pagina);
            Assert.Contains("class=\"intevullen\"", pagina);
            using var dirk = new HttpClient { BaseAddress = new Uri(app.Adres()) };
            dirk.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevUserHeader, "Dirk");
            dirk.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevRoleHeader, Rol.DataEngineer);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await dirk.GetAsync("/dpia")).StatusCode);
        }
        finally { await app.DisposeAsync(); }
    }
}
