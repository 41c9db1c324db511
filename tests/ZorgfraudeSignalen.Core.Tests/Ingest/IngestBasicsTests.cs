using System.Text;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

public sealed class IngestBasicsTests : IngestFixture
{
    [Fact]
    public async Task Accepted_declaraties_round_trip_through_the_snapshot()
    {
        var report = await Ingest(ExtractType.Declaraties, Lines(DeclaratiesHeader,
            "D1;C1;A1;T1;2025-01-01;2025-01-31;02;10,5;04;65.50;687,75",
            "D2;C1;A1;;01-02-2025;28-02-2025;;-2.25;01;;-12,00"));

        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(2, report.RowsAccepted);
        Assert.True(report.InForce);
        var rows = await LoadAll<Declaratie>(ExtractType.Declaraties);
        Assert.Equal(
            [
                new Declaratie("D1", "C1", "A1", "T1", new(2025, 1, 1), new(2025, 1, 31), "02", 10.5m, "04", 65.50m, 687.75m),
                new Declaratie("D2", "C1", "A1", null, new(2025, 2, 1), new(2025, 2, 28), null, -2.25m, "01", null, -12.00m),
            ], rows);
    }

    [Fact]
    public async Task Utf16_is_quarantined_with_a_clear_message()
    {
        var utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        var report = await Ingest(ExtractType.Declaraties, [.. utf16.GetPreamble(), .. utf16.GetBytes(DeclaratiesCsv(2))]);
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("UTF-16", report.Message);
    }

    [Fact]
    public async Task A_quote_that_is_never_closed_does_not_swallow_a_large_file()
    {
        // The unclosed quote on line 3 would make everything after it one record of several MB.
        var csv = Lines([DeclaratiesHeader, .. DeclaratieRows(1), "D2;\"C2;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1", .. DeclaratieRows(50_000, 3)]);
        Assert.True(csv.Length > 2 << 20);
        var report = await Ingest(ExtractType.Declaraties, csv);
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("aanhalingsteken", report.Message);
        Assert.NotNull(report.QuarantineBlob);
    }

    [Fact]
    public async Task Comma_delimiter_is_detected_from_the_header()
    {
        var report = await Ingest(ExtractType.Declaraties,
            DeclaratiesCsv(3).Replace(';', ',').Replace("10,5", "10.5").Replace("687,75", "687.75"));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(',', report.Delimiter);
        Assert.Equal(3, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
    }

    [Fact]
    public async Task Comma_delimiter_with_quoted_decimal_comma()
    {
        var report = await Ingest(ExtractType.Declaraties, Lines(DeclaratiesHeader.Replace(';', ','),
            "D1,C1,A1,T1,2025-01-01,2025-01-31,02,\"10,5\",04,\"65,50\",\"687,75\""));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        var row = Assert.Single(await LoadAll<Declaratie>(ExtractType.Declaraties));
        Assert.Equal(10.5m, row.Volume);
        Assert.Equal(687.75m, row.Bedrag);
    }

    [Fact]
    public async Task Utf8_with_bom_is_read_and_reported()
    {
        var report = await Ingest(ExtractType.Aanbieders, WithBom(Lines(AanbiedersHeader, "A1;Zorgcentrum Één;;;;;;;;;")));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal("UTF-8 met BOM", report.Encoding);
        Assert.Empty(report.UnknownColumns); // the BOM did not stick to the first column's name
        Assert.Equal("Zorgcentrum Één", Assert.Single(await LoadAll<Aanbieder>(ExtractType.Aanbieders)).Naam);
    }

    [Fact]
    public async Task Utf8_without_bom_keeps_accents()
    {
        var report = await Ingest(ExtractType.Aanbieders, Lines(AanbiedersHeader, "A1;Thuiszorg Müller & Zoë;;;;;;;;;"));
        Assert.Equal("UTF-8", report.Encoding);
        Assert.Equal("Thuiszorg Müller & Zoë", Assert.Single(await LoadAll<Aanbieder>(ExtractType.Aanbieders)).Naam);
    }

    [Fact]
    public async Task Windows_1252_names_with_accents_come_through_intact()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Lines(AanbiedersHeader,
            "A1;Zorggroep Café Zoë;12345678;1011AB;105;;;;;;",
            "A2;Thuiszorg Müller;;;;;;;;;"));
        Assert.Contains((byte)0xEB, bytes); // ë as one Windows-1252 byte, which is not valid UTF-8
        var report = await Ingest(ExtractType.Aanbieders, bytes);
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal("Windows-1252", report.Encoding);
        var names = (await LoadAll<Aanbieder>(ExtractType.Aanbieders)).Select(a => a.Naam).ToList();
        Assert.Equal(["Zorggroep Café Zoë", "Thuiszorg Müller"], names);
    }

    [Fact]
    public async Task Windows_1252_street_names_in_bag_come_through_intact()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Lines(BagHeader,
            "0363200000081086;1011AB;105;;1;0363010000964973;0363100012181960;Rhôneweg;Scheveningen Ë;woonfunctie|kantoorfunctie"));
        var report = await Ingest(ExtractType.BagAdressen, bytes);
        Assert.Equal("Windows-1252", report.Encoding);
        var row = Assert.Single(await LoadAll<BagAdres>(ExtractType.BagAdressen));
        Assert.Equal("Rhôneweg", row.OpenbareRuimte);
        Assert.Equal("Scheveningen Ë", row.Woonplaats);
        Assert.Equal(["woonfunctie", "kantoorfunctie"], row.Gebruiksdoelen);
    }

    [Fact]
    public async Task Both_date_formats_are_read()
    {
        await Ingest(ExtractType.Clienten, Lines(ClientenHeader, "C1;1011AB;1;;;2024-03-15;", "C2;1011AB;2;;;15-03-2024;"));
        var rows = await LoadAll<Client>(ExtractType.Clienten);
        Assert.All(rows, c => Assert.Equal(new DateOnly(2024, 3, 15), c.AdresSinds));
    }

    [Fact]
    public async Task Decimal_comma_and_point_are_read_and_thousands_separators_rejected()
    {
        var report = await Ingest(ExtractType.PgbOvereenkomsten, Lines(PgbHeader,
            "O1;C1;A1;opdracht;R1;2025-01-01;;1234,56;12.5",
            "O2;C1;A1;opdracht;R1;2025-01-01;;1.234,56;12",
            "O3;C1;A1;opdracht;R1;2025-01-01;;1,234.56;12"), threshold: 1);
        Assert.Equal(1, report.RowsAccepted);
        Assert.Equal([3L, 4L], report.Errors.Select(e => e.Line));
        Assert.All(report.Errors, e => Assert.Equal("uurtarief", e.Column));
        var row = Assert.Single(await LoadAll<PgbOvereenkomst>(ExtractType.PgbOvereenkomsten));
        Assert.Equal(1234.56m, row.Uurtarief);
        Assert.Equal(12.5m, row.UrenPerWeek);
    }

    [Fact]
    public async Task Header_names_match_ignoring_case_and_spaces_and_unknown_columns_are_listed()
    {
        var report = await Ingest(ExtractType.Clienten, Lines(
            " CLIENT_ID ; Postcode ;HuisNummer;huisletter;huisnummertoevoeging;adres_sinds;opmerking;wijk",
            "C1;1011 ab;1;a;bis;2024-03-15;x;Centrum"));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(["opmerking", "wijk"], report.UnknownColumns);
        var client = Assert.Single(await LoadAll<Client>(ExtractType.Clienten));
        Assert.Equal(new Adres("1011AB", 1, "A", "bis"), client.Adres);
        Assert.Null(client.NummeraanduidingId); // optional column absent
    }

    [Fact]
    public async Task Missing_required_column_quarantines_the_file_and_keeps_a_copy()
    {
        var report = await Ingest(ExtractType.Clienten, Lines("client_id;postcode;adres_sinds", "C1;1011AB;2024-03-15"));
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Contains("huisnummer", report.Message);
        Assert.NotNull(report.QuarantineBlob);
        var name = report.QuarantineBlob!["quarantine/".Length..];
        Assert.True(await Store.Blobs.ExistsAsync(StoreNames.QuarantineContainer, name));
        Assert.Null(await new SnapshotCatalog(Store).InForceAsync(ExtractType.Clienten));
    }

    [Fact]
    public async Task Report_is_stored_as_json_and_text_and_audited()
    {
        var report = await Ingest(ExtractType.Declaraties, Lines(DeclaratiesHeader, "D1;C1;A1;T1;2025-01-01;2025-01-31;02;10,5;04;65.50;687,75", "D2;C1;A1;T1;2025-01-01;2025-01-31;99;1;04;1;1"), threshold: 1);
        var jsonName = report.ReportBlob!["reports/".Length..];
        var stored = IngestReport.FromJson(await Store.Blobs.ReadTextAsync(StoreNames.ReportsContainer, jsonName));
        Assert.Equal(report.Sha256, stored.Sha256);
        var error = Assert.Single(stored.Errors);
        Assert.Equal(new RowError("extract.csv", 3, "productcategorie", error.Reason), error);
        Assert.Contains("01 tot en met 18", error.Reason);
        var text = await Store.Blobs.ReadTextAsync(StoreNames.ReportsContainer, jsonName[..^5] + ".txt");
        Assert.Contains("extract.csv, regel 3, kolom productcategorie:", text);
        Assert.Contains("1 goedgekeurd, 1 afgekeurd", text);

        var audit = new AuditLog(Store.Tables);
        var entries = await audit.ReadAllAsync().ToListAsync();
        var entry = Assert.Single(entries);
        Assert.Equal(AuditActions.Ingest, entry.Action);
        Assert.Equal("accepted", entry.Details["status"]);
        Assert.Equal(report.Sha256, entry.Details["sha256"]);
        Assert.Equal("1", entry.Details["rijen_afgekeurd"]);
        Assert.Null(await audit.VerifyAsync());
    }

    [Fact]
    public async Task Blank_delimiter_only_rows_are_skipped_and_counted()
    {
        var report = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(2) + ";;;;;;;;;;\r\n;;;;;;;;;;\r\n");
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(2, report.RowsTotal);
        Assert.Equal(2, report.RowsBlank);
    }

    [Fact]
    public async Task Empty_extract_is_quarantined_rather_than_wiping_the_type()
    {
        await Ingest(ExtractType.Declaraties, DeclaratiesCsv(2), "declaraties_20250101.csv");
        var report = await Ingest(ExtractType.Declaraties, Lines(DeclaratiesHeader), "declaraties_20250201.csv");
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Equal(2, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
    }

    [Fact]
    public async Task Non_seekable_input_is_spooled_and_ingested()
    {
        var bytes = Encoding.UTF8.GetBytes(DeclaratiesCsv(50));
        await using var stream = new NonSeekable(new MemoryStream(bytes));
        var report = await NewIngestor().IngestAsync(stream, "declaraties/x.csv", ExtractType.Declaraties, CancellationToken.None);
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), report.Sha256);
        Assert.Equal(50, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
