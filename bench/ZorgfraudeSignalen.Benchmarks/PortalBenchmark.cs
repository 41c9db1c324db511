using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Portal;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// <c>portal</c>: the risk list page with many signals, measured server-side (the Server-Timing header: from the
/// first middleware to the first byte) over real HTTP on 127.0.0.1, on a local store in a temp folder. Two runs of the
/// real risk run on generated extracts with one provider per signal, all published (so that re-flags are looked up),
/// and a share of the signals assessed in each.
/// </summary>
public static class PortalBenchmark
{
    public static Command Create()
    {
        var signalen = new Option<int>("--signalen") { Description = "Aantal signalen per run.", DefaultValueFactory = _ => 5000 };
        var verzoeken = new Option<int>("--verzoeken") { Description = "Aantal gemeten verzoeken.", DefaultValueFactory = _ => 100 };
        var command = new Command("portal", "De risicolijstpagina met veel signalen, gemeten aan de serverkant.") { signalen, verzoeken };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(signalen), parse.GetValue(verzoeken), parse.InvocationConfiguration.Output, ct));
        return command;
    }

    public static async Task<int> RunAsync(int signalen, int verzoeken, TextWriter uit, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("zfs-bench-portal-").FullName;
        try
        {
            var store = LocalStore.Open(root);
            var risicolijsten = new RiskListStore(store);
            const string eerder = "20260101T020000Z-bench", huidig = "20260201T020000Z-bench";
            var klaarzetten = Stopwatch.StartNew();
            // At least ten clients per provider, as the generator needs; everything published, so one signal per provider.
            await Voorbeeldrun.PubliceerAsync(store, new GeneratorOptions { Seed = 11, Aanbieders = signalen, Clienten = signalen * 10 }, [eerder, huidig], publicatieDrempel: 0, ct);
            var eerdereDetails = await DetailsAsync(risicolijsten, eerder, ct);
            var details = await DetailsAsync(risicolijsten, huidig, ct);
            var repo = new AssessmentRepository(store, new AuditLog(store.Tables));
            var wie = new Reviewer("bench", "Bench", [Rol.Beoordelaar]);
            const string motivering = "Dossier en adresgegevens bekeken; het patroon past bij een erkende geclusterde woonvorm.";
            var teBeoordelen = details.Where(d => d.Signal.Status == ReviewStatus.TeBeoordelen).ToList();
            var eerdereTeBeoordelen = eerdereDetails.Where(d => d.Signal.Status == ReviewStatus.TeBeoordelen).ToList();
            var eerderBeoordeeld = eerdereTeBeoordelen.Where((_, i) => i % 20 == 0).ToList();
            var nuBeoordeeld = teBeoordelen.Where((_, i) => i % 10 == 0).ToList();
            foreach (var d in eerderBeoordeeld.Concat(nuBeoordeeld))
                await repo.PasToeAsync(d.Signal, d.FeitenHash, new Beoordeel(Uitkomst.GeenAanwijzing, motivering), wie, 0, ct);
            uit.WriteLine($"Klaargezet in {klaarzetten.Elapsed.TotalSeconds:0.0} s: 2 runs van {details.Count} signalen ({signalen} aanbieders gegenereerd, {teBeoordelen.Count} te beoordelen), " +
                          $"{eerderBeoordeeld.Count} beoordelingen in de eerdere run, {nuBeoordeeld.Count} in de huidige.");

            var opties = new PortalOptions { Ontwikkelmodus = OntwikkelIdentiteit.Maak("bench", Rol.Beoordelaar) };
            await using var app = PortalApp.Create(store, opties, 0);
            await app.StartAsync(ct);
            using var http = new HttpClient { BaseAddress = new Uri(app.Adres()) };
            // A filter on what this run has: its most frequent indicator and its largest cluster.
            var vaakst = details.SelectMany(d => d.Signal.Signalen).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "";
            var cluster = details.Select(d => d.Signal.ClusterId).OfType<string>().GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "";
            string[] paginas =
            [
                $"/risicolijst?run={huidig}",
                $"/risicolijst?run={huidig}&status=open",
                $"/risicolijst?run={huidig}&sort=score&richting=af&pagina=20",
                $"/risicolijst?run={huidig}&indicator={Uri.EscapeDataString(vaakst)}&min=20",
                $"/risicolijst?run={huidig}&sort=naam&cluster={Uri.EscapeDataString(cluster)}",
            ];
            foreach (var p in paginas) (await http.GetAsync(p, ct)).EnsureSuccessStatusCode(); // warm-up: JIT, caches of the published lists
            var server = new List<double>();
            var totaal = new List<double>();
            for (var i = 0; i < verzoeken; i++)
            {
                var sw = Stopwatch.StartNew();
                using var r = await http.GetAsync(paginas[i % paginas.Length], ct);
                var body = await r.Content.ReadAsStringAsync(ct);
                totaal.Add(sw.Elapsed.TotalMilliseconds);
                r.EnsureSuccessStatusCode();
                var timing = r.Headers.GetValues("Server-Timing").Single();
                server.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
            }
            uit.WriteLine($"Risicolijstpagina, {details.Count} signalen, {verzoeken} verzoeken over {paginas.Length} filters/sorteringen:");
            uit.WriteLine($"  server (Server-Timing): mediaan {Pct(server, 50):0.0} ms, p90 {Pct(server, 90):0.0} ms, min {server.Min():0.0} ms, max {server.Max():0.0} ms");
            uit.WriteLine($"  heen en terug (HttpClient): mediaan {Pct(totaal, 50):0.0} ms, p90 {Pct(totaal, 90):0.0} ms");
            uit.WriteLine($"  doel: mediaan server < 100 ms: {(Pct(server, 50) < 100 ? "gehaald" : "NIET gehaald")}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<SignalDetail>> DetailsAsync(RiskListStore lijsten, string runId, CancellationToken ct)
    {
        var details = new List<SignalDetail>();
        foreach (var s in await lijsten.SignalsAsync(runId, ct)) details.Add((await lijsten.DetailAsync(runId, s.AanbiederId, ct))!);
        return details;
    }

    private static double Pct(List<double> xs, int p)
    {
        var s = xs.Order().ToList();
        return s[Math.Clamp((int)Math.Ceiling(p / 100.0 * s.Count) - 1, 0, s.Count - 1)];
    }
}
