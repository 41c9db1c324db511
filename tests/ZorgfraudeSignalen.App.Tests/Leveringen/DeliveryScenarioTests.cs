using System.Text;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.App.Tests.Leveringen;

/// <summary>
/// The delivery scenario, dated relative to today: every type delivered 20 days ago; then a normal redelivery of
/// clienten, a toewijzingen file that is quarantined for its rows, a declaraties extract 40 % smaller than the one
/// before, and aanbieders last delivered 40 days ago (31 days expected: overdue). Each shows in <c>zfs status</c> and
/// on the Leveringen page, and the next risk run carries the warnings onto its signals' pages.
/// </summary>
public sealed class DeliveryScenarioTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-leveringen-").FullName;
    private static readonly DateOnly Vandaag = DateOnly.FromDateTime(DateTime.UtcNow);
    private string StoreMap => Path.Combine(_root, "store");
    private Store _store = null!;
    private IReadOnlyList<IngestReport> _tweede = [];

    private static string DataSamples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "data-samples", "extracts"))) return Path.Combine(dir.FullName, "data-samples", "extracts");
            throw new DirectoryNotFoundException("data-samples not found above " + AppContext.BaseDirectory);
        }
    }

    private static byte[] Sample(ExtractType type) => File.ReadAllBytes(Directory.GetFiles(Path.Combine(DataSamples, type.Name()), "*.csv").Single());

    private string Drop(string batch, ExtractType type, int dagenGeleden, byte[] inhoud)
    {
        var path = Path.Combine(_root, batch, type.Name(), $"{type.Name()}_{Vandaag.AddDays(-dagenGeleden):yyyyMMdd}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, inhoud);
        return path;
    }

    public async Task InitializeAsync()
    {
        _store = LocalStore.Open(StoreMap);
        foreach (var type in ExtractTypes.All)
            Drop("eerste", type, type == ExtractType.Aanbieders ? 40 : 20, Sample(type));
        var eerste = await new Ingestor(_store).IngestFolderAsync(Path.Combine(_root, "eerste"));
        Assert.All(eerste, r => Assert.Equal(IngestStatus.Accepted, r.Status));

        // A normal redelivery: new content (one more line end), same rows.
        Drop("tweede", ExtractType.Clienten, 3, [.. Sample(ExtractType.Clienten), .. "\r\n"u8.ToArray()]);
        // Every row's productcategorie written without its leading zero: all rows rejected, the file quarantined.
        var toewijzingen = Encoding.UTF8.GetString(Sample(ExtractType.Toewijzingen)).Split('\n');
        var kapot = toewijzingen.Select((l, i) => i == 0 || l.Length == 0 ? l : string.Join(',', l.Split(',').Select((v, k) => k == 3 ? v.TrimStart('0') : v)));
        Drop("tweede", ExtractType.Toewijzingen, 3, Encoding.UTF8.GetBytes(string.Join('\n', kapot)));
        // Declaraties cut to 60 % of their rows, as an export that stopped early.
        var declaraties = Encoding.UTF8.GetString(Sample(ExtractType.Declaraties)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var houden = (int)Math.Round((declaraties.Length - 1) * 0.6);
        Drop("tweede", ExtractType.Declaraties, 3, Encoding.UTF8.GetBytes(string.Join('\n', declaraties.Take(1 + houden)) + "\n"));
        _tweede = await new Ingestor(_store).IngestFolderAsync(Path.Combine(_root, "tweede"));
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_delivery_shows_in_status_on_the_page_and_on_the_next_runs_signals()
    {
        Assert.Equal(IngestStatus.Quarantined, _tweede.Single(r => r.Type == ExtractType.Toewijzingen).Status);
        Assert.Equal(IngestStatus.Accepted, _tweede.Single(r => r.Type == ExtractType.Declaraties).Status);

        // The overview itself.
        var overzicht = (await DeliveryOverview.ForStoreAsync(_store, DeliverySettings.Default, DateTimeOffset.UtcNow)).ToDictionary(s => s.Type);
        var clienten = overzicht[ExtractType.Clienten];
        Assert.Empty(clienten.Waarschuwingen);
        Assert.Equal(0.0, clienten.RijWijziging);
        Assert.Equal(Vandaag.AddDays(-3).AddDays(31), clienten.VerwachtUiterlijk);
        Assert.Contains("Niets te doen", Assert.Single(clienten.Advies));
        var aanbieders = overzicht[ExtractType.Aanbieders];
        Assert.Equal(9, aanbieders.DagenTeLaat);
        Assert.Equal(["te_laat"], aanbieders.Waarschuwingen.Select(w => w.Code));
        var toewijzingen = overzicht[ExtractType.Toewijzingen];
        Assert.Equal(IngestStatus.Quarantined, toewijzingen.LaatsteLevering!.Status);
        Assert.Equal(Vandaag.AddDays(-20), DateOnly.FromDateTime(toewijzingen.VanKracht!.ExtractDate.UtcDateTime));
        var quarantaine = Assert.Single(toewijzingen.Quarantaine);
        Assert.Equal("productcategorie", quarantaine.Errors[0].Column);
        Assert.Equal(["quarantaine"], toewijzingen.Waarschuwingen.Select(w => w.Code));
        var declaraties = overzicht[ExtractType.Declaraties];
        Assert.Equal(-0.4, declaraties.RijWijziging!.Value, 3);
        Assert.Equal("declaraties 40 % kleiner dan vorige levering", declaraties.Waarschuwingen.Single().Tekst[..44]);
        Assert.Empty(overzicht[ExtractType.BagAdressen].Waarschuwingen);

        // zfs status: the same, and exit code 1 because something needs attention.
        var (exit, tekst, _) = await CliRunner.RunAsync(StoreMap, StatusCommand.Create(), "status");
        Assert.Equal(1, exit);
        var blokken = tekst.Split(Environment.NewLine + Environment.NewLine).ToDictionary(b => b.Split(Environment.NewLine)[0].Split(' ')[0]);
        Assert.Contains("TE LAAT (9 dagen)", blokken["aanbieders"]);
        Assert.Contains("declaraties 40 % kleiner dan vorige levering", blokken["declaraties"]);
        Assert.Contains("wijziging −40 %", blokken["declaraties"]);
        Assert.Contains("laatste levering:  toewijzingen_", blokken["toewijzingen"]);
        Assert.Contains("in quarantaine", blokken["toewijzingen"]);
        Assert.Contains("kolom productcategorie", blokken["toewijzingen"]);
        Assert.DoesNotContain("[LET OP]", blokken["clienten"]);
        Assert.Contains("Niets te doen", blokken["clienten"]);
        // With a longer cadence for aanbieders nothing is overdue any more.
        var (_, langer, _) = await CliRunner.RunAsync(StoreMap, StatusCommand.Create(), "status", "--cadans", "aanbieders=60");
        Assert.DoesNotContain("TE LAAT", langer);
        var (fout, _, melding) = await CliRunner.RunAsync(StoreMap, StatusCommand.Create(), "status", "--cadans", "facturen=30");
        Assert.Equal(2, fout);
        Assert.Contains("type=dagen", melding);

        // The next risk run records the warnings.
        var loaded = await SnapshotLoader.LoadInForceAsync(_store);
        var outcome = await new RiskRunner(_store).RunAsync(loaded.Inputs, InputSnapshot.From(loaded),
            new RiskRunRequest("test", null, new RiskConfiguration(), Leveringen: DeliverySettings.Default));
        var vastgelegd = (await ModelRunRecord.ReadAsync(_store.Tables, outcome.RunId))!.DataKwaliteit!;
        Assert.Equal(["aanbieders:te_laat", "toewijzingen:quarantaine", "declaraties:rijen_minder"], vastgelegd.Select(w => $"{w.Type}:{w.Code}"));

        // The portal: the data engineer's page, and the warning on every signal of that run for reviewers.
        var app = PortalApp.Create(_store, new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Dirk", Rol.DataEngineer), Leveringen = DeliverySettings.Default }, 0);
        await app.StartAsync();
        try
        {
            using var dirk = Client(app, "Dirk", Rol.DataEngineer);
            var pagina = await dirk.GetStringAsync("/leveringen");
            Assert.Contains("3 waarschuwingen", pagina);
            Assert.Contains("te laat: 9 dagen", Rij(pagina, "aanbieders"));
            Assert.Contains("−40 %", Rij(pagina, "declaraties"));
            Assert.Contains("in quarantaine", Rij(pagina, "toewijzingen"));
            Assert.DoesNotContain("let-op", Rij(pagina, "clienten"));
            Assert.Contains("declaraties 40 % kleiner dan vorige levering", pagina);
            Assert.Contains("<td>productcategorie</td>", pagina);
            // Still no signals or assessments for a data engineer.
            var signaal = outcome.Result!.Details[0].Signal;
            Assert.DoesNotContain(signaal.AanbiederNaam, pagina);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await dirk.GetAsync(Weergave.SignaalUrl(signaal.RunId, signaal.AanbiederId))).StatusCode);

            using var anna = Client(app, "Anna", Rol.Beoordelaar);
            foreach (var s in outcome.Result.Details.Take(3).Select(d => d.Signal))
                Assert.Contains("declaraties 40 % kleiner dan vorige levering", await anna.GetStringAsync(Weergave.SignaalUrl(s.RunId, s.AanbiederId)));
        }
        finally { await app.DisposeAsync(); }
    }

    private static HttpClient Client(WebApplication app, string naam, string rol)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Adres()) };
        client.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevUserHeader, naam);
        client.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevRoleHeader, rol);
        return client;
    }

    private static string Rij(string pagina, string type)
    {
        var begin = pagina.IndexOf($"<tr id=\"rij-{type}\"", StringComparison.Ordinal);
        Assert.True(begin >= 0, $"geen rij voor {type}");
        return pagina[begin..pagina.IndexOf("</tr>", begin, StringComparison.Ordinal)];
    }
}
