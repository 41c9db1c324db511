using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using System.Text.Json;
using ZorgfraudeSignalen.Portal;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary>
/// The real portal server on 127.0.0.1 with a free port, on a local store in a temp folder. Two published runs of the
/// real risk run on generated extracts (<see cref="Voorbeeldrun"/>):
/// an earlier one with assessments (for the history and re-flag marks) and the current one, whose signals the tests
/// assess. Each test class gets its own server and store, and each test uses its own providers.
/// </summary>
public class PortalServer : IAsyncLifetime
{
    public const string EerdereRun = "20260101T020000Z-a";
    public const string Run = "20260201T020000Z-b";
    public const string XssNaam = "<script>alert(1)</script>";
    public const string FormuleNaam = "=HYPERLINK(\"http://x\";\"klik\")";
    /// <summary>A formula behind a line feed: spreadsheets skip the line break and run it.</summary>
    public const string VerborgenFormuleNaam = "\n=1+4";
    public const int Aantal = 60;

    private readonly string _root = Directory.CreateTempSubdirectory("zfs-portal-").FullName;
    private WebApplication? _app;

    public Store Store { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IReadOnlyList<SignalDetail> Details { get; private set; } = [];
    protected virtual PortalOptions Opties => new() { Ontwikkelmodus = OntwikkelIdentiteit.Maak("Anna", Rol.Beoordelaar) };

    public async Task InitializeAsync()
    {
        Store = LocalStore.Open(_root);
        // The real risk run on generated extracts, twice on the same snapshots: the earlier run's facts hashes equal
        // the current run's for the same provider. Everything is published (threshold 0) so every test finds its providers.
        var opties = new GeneratorOptions
        {
            Seed = 7, Aanbieders = Aantal, Clienten = Aantal * 40,
            Namen = new Dictionary<int, string> { [3] = XssNaam, [4] = FormuleNaam, [5] = VerborgenFormuleNaam },
        };
        await Voorbeeldrun.PubliceerAsync(Store, opties, [EerdereRun, Run], publicatieDrempel: 0);
        var risicolijsten = new RiskListStore(Store);
        var details = new List<SignalDetail>();
        foreach (var s in await risicolijsten.SignalsAsync(Run)) details.Add((await risicolijsten.DetailAsync(Run, s.AanbiederId))!);
        Details = details;
        _app = PortalApp.Create(Store, Opties, 0);
        await _app.StartAsync();
        BaseUrl = _app.Adres();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>The published signals of the current run that are up for review, highest rank first.</summary>
    public IEnumerable<Signal> Gepubliceerd => Details.Select(d => d.Signal).Where(s => s.Status == ReviewStatus.TeBeoordelen);

    public Signal Signaal(int index) => Gepubliceerd.ElementAt(index);

    public HttpClient Client(string naam, string rollen)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevUserHeader, naam);
        client.DefaultRequestHeaders.Add(PortalAuthenticationHandler.DevRoleHeader, rollen);
        return client;
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        var list = new List<AuditEntry>();
        await foreach (var e in new AuditLog(Store.Tables).ReadAllAsync()) list.Add(e);
        return list;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);
}

public static class ApiVerzoek
{
    /// <summary>A change through the API, answering to <paramref name="versie"/> of the signal as If-Match.</summary>
    public static Task<HttpResponseMessage> WijzigAsync(this HttpClient client, string pad, object body, int versie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pad) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{versie}\"");
        return client.SendAsync(request);
    }
}

/// <summary>The same server with the platform's authentication: identity only from X-MS-CLIENT-PRINCIPAL.</summary>
public sealed class PlatformPortalServer : PortalServer
{
    protected override PortalOptions Opties => new();
}
