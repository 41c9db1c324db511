using System.Text;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Accountability;

/// <summary>
/// A small municipality for run-level tests: twelve ordinary providers spread over four postcode-4 areas, and one
/// ('ZORG-X') that houses six clients in its own building, each moved in a few weeks before care started and billed
/// at the allocated maximum every month. The numbers are chosen so that the co-location indicators fire for ZORG-X only.
/// </summary>
internal static class TestMunicipality
{
    public static readonly DateOnly Peildatum = new(2025, 6, 30);

    public static RunInputs Inputs()
    {
        var clienten = new List<Client>();
        var aanbieders = new List<Aanbieder>();
        var toewijzingen = new List<Toewijzing>();
        var declaraties = new List<Declaratie>();
        string[] areas = ["1011", "1012", "1013", "1014"];

        var pgb = new List<PgbOvereenkomst>();
        void AddClient(string aanbieder, string client, Adres adres, DateOnly adresSinds, DateOnly start, decimal volume, decimal declared, int wobble = 0)
        {
            clienten.Add(new Client(client, adres, adresSinds, null));
            toewijzingen.Add(new Toewijzing($"T-{client}", client, aanbieder, "02", null, Leveringsvorm.Zin, start.AddDays(-7), start, null, volume, "04", "4", null));
            var m = 0;
            for (var month = new DateOnly(2024, 7, 1); month < Peildatum; month = month.AddMonths(1), m++)
            {
                if (month < new DateOnly(start.Year, start.Month, 1)) continue;
                var amount = declared - (wobble > 0 ? (m * wobble) % 3 : 0);
                declaraties.Add(new Declaratie($"D-{client}-{month:yyyyMM}", client, aanbieder, $"T-{client}", month, month.AddMonths(1).AddDays(-1),
                    "02", amount, "04", 60m, amount * 60m));
            }
        }

        for (var p = 0; p < 12; p++)
        {
            var area = areas[p % 4];
            var id = $"ZORG-{p:D2}";
            aanbieders.Add(new Aanbieder(id, $"Zorg {p}", null, new Adres($"{area}KL", 100 + p, null, null), null, new DateOnly(2005 + p, 1 + p % 12, 1),
                [$"B{p}"], [p % 5 == 0 ? "R-GEDEELD" : $"R{p}"]));
            for (var c = 0; c < 4 + p % 4; c++)
            {
                // Each client in a different street of the area, living there for years before care started.
                var volume = 10 + c + p % 3;
                AddClient(id, $"C{p:D2}{c}", new Adres($"{area}{(char)('A' + c)}{(char)('A' + p)}", 1 + c, null, null),
                    new DateOnly(2015, 3, 1), new DateOnly(2023, 1, 1).AddMonths(c * (1 + p % 5) + p), volume, volume - (c + p) % 4, wobble: (c + p) % 3);
            }
            pgb.Add(new PgbOvereenkomst($"O{p}", $"P{p}", id, p % 2 == 0 ? OvereenkomstType.Opdracht : OvereenkomstType.Instelling, null,
                new DateOnly(2024, 1, 1), null, 40m + 3 * p, 4 + p % 6));
            clienten.Add(new Client($"P{p}", new Adres($"{area}PG", 1 + p, null, null), new DateOnly(2012, 1, 1), null));
        }

        var vestiging = new Adres("1012XY", 7, null, null);
        aanbieders.Add(new Aanbieder("ZORG-X", "Woonzorg X", "12345678", vestiging, null, new DateOnly(2023, 6, 1), [], []));
        for (var c = 0; c < 6; c++)
        {
            var start = new DateOnly(2024, 9, 1).AddMonths(c % 3);
            AddClient("ZORG-X", $"CX{c}", vestiging, start.AddDays(-20), start, 20, 20);
        }

        return new RunInputs(clienten, aanbieders, toewijzingen, pgb, () => declaraties, null);
    }

    public const string RunId = "20250701T000000Z-test";

    public static RiskConfiguration Configuration() => new()
    {
        Peildatum = Peildatum,
        Rundatum = new DateOnly(2025, 7, 1),
    };

    /// <summary>Ingests the municipality's extracts into the store as `ingest` would; every one must be accepted.</summary>
    public static async Task IngestAsync(Store store)
    {
        var ingestor = new Ingestor(store);
        foreach (var (type, csv) in TestExtracts.Csv(Inputs()))
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var report = await ingestor.IngestAsync(stream, $"extracts/{type.Name()}/{type.Name()}_20250705.csv", type);
            Assert.Equal(IngestStatus.Accepted, report.Status);
        }
    }

    /// <summary>A risk run on the snapshots in force, as `run` would make it.</summary>
    public static async Task<RiskRunOutcome> RunAsync(Store store, string? runId = null, RiskConfiguration? configuration = null)
    {
        var loaded = await SnapshotLoader.LoadInForceAsync(store);
        return await new RiskRunner(store).RunAsync(loaded.Inputs, InputSnapshot.From(loaded), new RiskRunRequest("test", runId, configuration ?? Configuration()));
    }
}

/// <summary>The test municipality as the CSV extracts a data engineer would drop, per the contract.</summary>
internal static class TestExtracts
{
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static string D(DateOnly? d) => d is { } v ? D(v) : "";
    private static string N(decimal v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<ExtractType, string> Csv(RunInputs inputs) => new Dictionary<ExtractType, string>
    {
        [ExtractType.Clienten] = Lines("client_id;postcode;huisnummer;huisletter;huisnummertoevoeging;adres_sinds;nummeraanduiding_id",
            inputs.Clienten.Select(c => $"{c.ClientId};{c.Adres.Postcode};{c.Adres.Huisnummer};{c.Adres.Huisletter};{c.Adres.Toevoeging};{D(c.AdresSinds)};{c.NummeraanduidingId}")),
        [ExtractType.Aanbieders] = Lines("aanbieder_id;naam;kvk_nummer;vestiging_postcode;vestiging_huisnummer;vestiging_huisletter;vestiging_toevoeging;vestiging_nummeraanduiding_id;kvk_inschrijving;bestuurder_ids;rekening_ids",
            inputs.Aanbieders.Select(a => $"{a.AanbiederId};{a.Naam};{a.KvkNummer};{a.Vestiging?.Postcode};{a.Vestiging?.Huisnummer};{a.Vestiging?.Huisletter};{a.Vestiging?.Toevoeging};{a.VestigingNummeraanduidingId};{D(a.KvkInschrijving)};{string.Join('|', a.BestuurderIds)};{string.Join('|', a.RekeningIds)}")),
        [ExtractType.Toewijzingen] = Lines("toewijzing_id;client_id;aanbieder_id;productcategorie;productcode;leveringsvorm;toewijzingsdatum;ingangsdatum;einddatum;volume;eenheid;frequentie;budget",
            inputs.Toewijzingen.Select(t => $"{t.ToewijzingId};{t.ClientId};{t.AanbiederId};{t.Productcategorie};{t.Productcode};{t.Leveringsvorm.ToString().ToUpperInvariant()};{D(t.Toewijzingsdatum)};{D(t.Ingangsdatum)};{D(t.Einddatum)};{N(t.Volume)};{t.Eenheid};{t.Frequentie};{(t.Budget is { } b ? N(b) : "")}")),
        [ExtractType.PgbOvereenkomsten] = Lines("overeenkomst_id;client_id;aanbieder_id;overeenkomst_type;rekening_id;ingangsdatum;einddatum;uurtarief;uren_per_week",
            inputs.PgbOvereenkomsten.Select(p => $"{p.OvereenkomstId};{p.ClientId};{p.AanbiederId};{p.OvereenkomstType.ToString().ToLowerInvariant()};{p.RekeningId};{D(p.Ingangsdatum)};{D(p.Einddatum)};{N(p.Uurtarief)};{N(p.UrenPerWeek)}")),
        [ExtractType.Declaraties] = Lines("declaratie_id;client_id;aanbieder_id;toewijzing_id;periode_start;periode_eind;productcategorie;volume;eenheid;tarief;bedrag",
            inputs.Declaraties().Select(d => $"{d.DeclaratieId};{d.ClientId};{d.AanbiederId};{d.ToewijzingId};{D(d.PeriodeStart)};{D(d.PeriodeEind)};{d.Productcategorie};{N(d.Volume)};{d.Eenheid};{(d.Tarief is { } t ? N(t) : "")};{N(d.Bedrag)}")),
    };

    private static string Lines(string header, IEnumerable<string> rows) => string.Join("\r\n", [header, .. rows]) + "\r\n";
}
