using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

public sealed class PrivacyGuardTests : IngestFixture
{
    // 111222333: 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3 − 3 = 66, divisible by 11 → a valid BSN.
    private const string Bsn = "111222333";
    // 111222334 fails the elfproef: nine digits, but not a BSN.
    private const string NotABsn = "111222334";

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("111222334", false)]
    [InlineData("000000000", false)]
    [InlineData("12345678", false)]
    [InlineData("1234567820", false)]
    [InlineData("12345678a", false)]
    public void Elfproef(string value, bool isBsn) =>
        Assert.Equal(isBsn, FieldRules.IsBsn(System.Text.Encoding.ASCII.GetBytes(value)));

    [Theory]
    [InlineData(ExtractType.Clienten, ClientenHeader, "{0};1011AB;1;;;2024-01-01;")]
    [InlineData(ExtractType.Declaraties, DeclaratiesHeader, "D9;{0};A1;T1;2025-01-01;2025-01-31;02;1;04;1;1")]
    [InlineData(ExtractType.Toewijzingen, ToewijzingenHeader, "T9;{0};A1;02;;ZIN;;2025-01-01;;10;04;2;")]
    [InlineData(ExtractType.PgbOvereenkomsten, PgbHeader, "O9;{0};A1;familie;;2025-01-01;;25;10")]
    public async Task A_valid_bsn_as_client_id_quarantines_the_whole_file_and_keeps_nothing(ExtractType type, string header, string badRow)
    {
        var good = type == ExtractType.Declaraties ? DeclaratieRows(30).ToArray() : [];
        var csv = Lines([header, .. good, string.Format(badRow, " " + Bsn + " ")]);

        var report = await Ingest(type, csv);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.True(report.ContentDiscarded);
        Assert.Contains("client_id", report.Message);
        Assert.Contains("BSN", report.Message);
        Assert.Null(report.QuarantineBlob);
        Assert.Empty(report.Errors);
        await AssertNothingStoredContains(Bsn);
        Assert.Null(await new SnapshotCatalog(Store).InForceAsync(type));
        var audit = Assert.Single(await new ZorgfraudeSignalen.Core.Audit.AuditLog(Store.Tables).ReadAllAsync().ToListAsync());
        Assert.Equal(ZorgfraudeSignalen.Core.Audit.AuditActions.Quarantaine, audit.Action);
        Assert.Equal("bsn", audit.Details["reden"]);
    }

    [Fact]
    public async Task A_file_quarantined_for_its_header_is_not_kept_when_it_holds_a_bsn()
    {
        // The header is broken (huisnummer missing), so the rows are never validated; the BSN must still not be kept.
        var report = await Ingest(ExtractType.Clienten, Lines("client_id;postcode;adres_sinds", $"C1;1011AB;2024-01-01", $"{Bsn};1011AB;2024-01-01"));
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.True(report.ContentDiscarded);
        Assert.Null(report.QuarantineBlob);
        Assert.Contains("huisnummer", report.Message);
        await AssertNothingStoredContains(Bsn);
    }

    [Fact]
    public async Task A_nine_digit_pseudonym_that_fails_the_elfproef_is_accepted()
    {
        var report = await Ingest(ExtractType.Clienten, Lines(ClientenHeader, $"{NotABsn};1011AB;1;;;2024-01-01;"));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(NotABsn, Assert.Single(await LoadAll<Client>(ExtractType.Clienten)).ClientId);
    }

    [Fact]
    public async Task A_bsn_among_the_director_pseudonyms_quarantines_the_file()
    {
        var report = await Ingest(ExtractType.Aanbieders, Lines(AanbiedersHeader, $"A1;Zorg BV;;;;;;;;B1|{Bsn};"));
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("bestuurder_ids", report.Message);
        await AssertNothingStoredContains(Bsn);
    }

    [Theory]
    [InlineData(ExtractType.Clienten, "geboortedatum")]
    [InlineData(ExtractType.Clienten, "Geslacht")]
    [InlineData(ExtractType.Clienten, " nationaliteit ")]
    [InlineData(ExtractType.Clienten, "geboorteland")]
    [InlineData(ExtractType.Clienten, "etniciteit")]
    [InlineData(ExtractType.Clienten, "naam")]
    [InlineData(ExtractType.Clienten, "BSN")]
    [InlineData(ExtractType.Declaraties, "burgerservicenummer")]
    [InlineData(ExtractType.Toewijzingen, "leeftijd")]
    [InlineData(ExtractType.PgbOvereenkomsten, "e-mail")]
    [InlineData(ExtractType.Clienten, "Telefoon_nummer")]
    public async Task A_refused_column_quarantines_the_file_names_the_column_and_keeps_no_content(ExtractType type, string column)
    {
        var header = type switch
        {
            ExtractType.Clienten => ClientenHeader,
            ExtractType.Declaraties => DeclaratiesHeader,
            ExtractType.Toewijzingen => ToewijzingenHeader,
            _ => PgbHeader,
        };
        const string secret = "Geheimewaarde";
        var fields = header.Split(';').Length;
        var csv = Lines(header + ";" + column, string.Join(";", Enumerable.Repeat("x", fields)) + ";" + secret);

        var report = await Ingest(type, csv);

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.True(report.ContentDiscarded);
        Assert.Contains(column.Trim(), report.Message);
        Assert.Null(report.QuarantineBlob);
        await AssertNothingStoredContains(secret);
    }

    [Fact]
    public async Task Naam_is_the_providers_name_in_aanbieders_and_allowed_there()
    {
        var report = await Ingest(ExtractType.Aanbieders, Lines(AanbiedersHeader, "A1;Zorg BV;;;;;;;;;"));
        Assert.Equal(IngestStatus.Accepted, report.Status);
    }

    [Fact]
    public async Task A_bsn_in_another_field_is_never_echoed_into_the_report()
    {
        // A BSN in toewijzing_id is not where a person's pseudonym is expected, but a rejected value that looks
        // like one must still not end up in the report.
        var report = await Ingest(ExtractType.Declaraties, Lines([DeclaratiesHeader, .. DeclaratieRows(5), $"D9;C1;A1;T1;2025-01-01;2025-01-31;02;1;{Bsn};1;1"]), threshold: 1);
        var error = Assert.Single(report.Errors);
        Assert.Equal("eenheid", error.Column);
        Assert.DoesNotContain(Bsn, error.Reason);
        Assert.Contains("weggelaten", error.Reason);
        await AssertNothingStoredContains(Bsn);
    }

    /// <summary>Searches every file of the store (blobs and tables) for the text.</summary>
    private async Task AssertNothingStoredContains(string text)
    {
        var storeRoot = Path.Combine(Root, "store");
        foreach (var file in Directory.EnumerateFiles(storeRoot, "*", SearchOption.AllDirectories))
        {
            var content = await File.ReadAllTextAsync(file);
            Assert.False(content.Contains(text, StringComparison.Ordinal), $"{file} contains {text}");
        }
    }
}
