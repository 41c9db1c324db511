using System.Text;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

/// <summary>A local store in a temporary folder and helpers to ingest CSV text as a dropped file would arrive.</summary>
public abstract class IngestFixture : IDisposable
{
    static IngestFixture() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    protected readonly string Root = Directory.CreateTempSubdirectory("zfs-ingest-").FullName;
    protected readonly Store Store;

    protected IngestFixture() => Store = LocalStore.Open(Path.Combine(Root, "store"));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    protected Ingestor NewIngestor(double threshold = 0.05) => new(Store, new IngestOptions { QuarantineThreshold = threshold });

    protected Task<IngestReport> Ingest(ExtractType type, string csv, string name = "extract.csv", Encoding? encoding = null, double threshold = 0.05) =>
        Ingest(type, (encoding ?? new UTF8Encoding(false)).GetBytes(csv), name, threshold);

    protected async Task<IngestReport> Ingest(ExtractType type, byte[] bytes, string name = "extract.csv", double threshold = 0.05)
    {
        using var stream = new MemoryStream(bytes);
        return await NewIngestor(threshold).IngestAsync(stream, $"extracts/{type.Name()}/{name}", type, CancellationToken.None);
    }

    protected static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    protected static byte[] WithBom(string text) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

    public const string ClientenHeader = "client_id;postcode;huisnummer;huisletter;huisnummertoevoeging;adres_sinds;nummeraanduiding_id";
    public const string DeclaratiesHeader = "declaratie_id;client_id;aanbieder_id;toewijzing_id;periode_start;periode_eind;productcategorie;volume;eenheid;tarief;bedrag";
    public const string AanbiedersHeader = "aanbieder_id;naam;kvk_nummer;vestiging_postcode;vestiging_huisnummer;vestiging_huisletter;vestiging_toevoeging;vestiging_nummeraanduiding_id;kvk_inschrijving;bestuurder_ids;rekening_ids";
    public const string ToewijzingenHeader = "toewijzing_id;client_id;aanbieder_id;productcategorie;productcode;leveringsvorm;toewijzingsdatum;ingangsdatum;einddatum;volume;eenheid;frequentie;budget";
    public const string PgbHeader = "overeenkomst_id;client_id;aanbieder_id;overeenkomst_type;rekening_id;ingangsdatum;einddatum;uurtarief;uren_per_week";
    public const string BagHeader = "nummeraanduiding_id;postcode;huisnummer;huisletter;huisnummertoevoeging;verblijfsobject_id;pand_id;openbare_ruimte;woonplaats;gebruiksdoel";

    /// <summary>n valid declaration rows with distinct ids.</summary>
    protected static IEnumerable<string> DeclaratieRows(int n, int start = 1) =>
        Enumerable.Range(start, n).Select(i => $"D{i};C{i % 7};A{i % 3};T{i};2025-01-01;2025-01-31;02;10,5;04;65.50;687,75");

    protected static string DeclaratiesCsv(int n) => Lines([DeclaratiesHeader, .. DeclaratieRows(n)]);

    protected async Task<List<T>> LoadAll<T>(ExtractType type)
    {
        var loaded = await (await SnapshotLoader.LoadInForceAsync(Store)).ReadRecordsAsync();
        return type switch
        {
            ExtractType.Clienten => loaded.Clienten.Cast<T>().ToList(),
            ExtractType.Aanbieders => loaded.Aanbieders.Cast<T>().ToList(),
            ExtractType.Toewijzingen => loaded.Toewijzingen.Cast<T>().ToList(),
            ExtractType.PgbOvereenkomsten => loaded.PgbOvereenkomsten.Cast<T>().ToList(),
            ExtractType.Declaraties => loaded.Declaraties().Cast<T>().ToList(),
            ExtractType.BagAdressen => (loaded.BagAdressen ?? []).Cast<T>().ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }
}
