using System.Text;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

public sealed class SnapshotSemanticsTests : IngestFixture
{
    [Fact]
    public async Task Same_content_dropped_twice_is_recognised_as_duplicate_and_not_processed_again()
    {
        var csv = DeclaratiesCsv(10);
        var first = await Ingest(ExtractType.Declaraties, csv, "declaraties_20250101.csv");
        var second = await Ingest(ExtractType.Declaraties, csv, "kopie_van_declaraties.csv");

        Assert.Equal(IngestStatus.Accepted, first.Status);
        Assert.Equal(IngestStatus.Duplicate, second.Status);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Contains("declaraties_20250101.csv", second.Message);
        var catalogue = await new SnapshotCatalog(Store).ListAsync(ExtractType.Declaraties);
        Assert.Single(catalogue);
        Assert.Equal("extracts/declaraties/declaraties_20250101.csv", catalogue[0].SourceName); // the first drop stays in force
        Assert.NotEqual(first.ReportBlob, second.ReportBlob); // both drops are reported
    }

    [Fact]
    public async Task Newer_extract_by_file_name_date_wins_whatever_the_order_of_ingest()
    {
        var newer = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(3), "declaraties_20250301.csv");
        var older = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(5), "declaraties_2025-02-01.csv");

        Assert.True(newer.InForce);
        Assert.Equal(IngestStatus.Accepted, older.Status);
        Assert.False(older.InForce);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), older.ExtractDate);
        Assert.True(older.ExtractDateFromName);
        var inForce = await new SnapshotCatalog(Store).InForceAsync(ExtractType.Declaraties);
        Assert.Equal(newer.Sha256, inForce!.Sha256);
        Assert.Equal(3, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);

        var newest = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(7), "declaraties_20250401.csv");
        Assert.True(newest.InForce);
        Assert.Equal(7, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
    }

    [Fact]
    public async Task Without_a_date_in_the_name_the_ingest_time_is_the_extract_date()
    {
        var dated = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(3), "declaraties_20250301.csv");
        var undated = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(4), "declaraties_laatste.csv");
        Assert.False(undated.ExtractDateFromName);
        Assert.Equal(undated.IngestedAt, undated.ExtractDate);
        Assert.True(undated.InForce); // ingested today, later than 2025-03-01
        Assert.Equal(4, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
    }

    [Theory]
    [InlineData("declaraties_20250115.csv", 2025, 1, 15)]
    [InlineData("2025-01-15_declaraties.csv", 2025, 1, 15)]
    [InlineData("extracts/declaraties/export-20241231-v2.csv", 2024, 12, 31)]
    public void Extract_date_from_the_file_name(string name, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), ExtractPaths.DateFromName(name));

    [Theory]
    [InlineData("declaraties.csv")]
    [InlineData("declaraties_20251341.csv")]
    [InlineData("declaraties_120250115.csv")]
    public void No_extract_date_in_the_file_name(string name) => Assert.Null(ExtractPaths.DateFromName(name));

    [Fact]
    public async Task Rejected_rows_up_to_the_threshold_are_listed_and_the_rest_accepted()
    {
        // 20 rows, 1 bad = 5 %: not more than the default threshold.
        var rows = DeclaratieRows(19).Append("D99;C1;A1;T1;2025-01-01;2025-01-31;02;1;05;1;1");
        var report = await Ingest(ExtractType.Declaraties, Lines([DeclaratiesHeader, .. rows]));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(19, report.RowsAccepted);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("extract.csv", 21L, "eenheid"), (error.File, error.Line, error.Column));
    }

    [Fact]
    public async Task More_than_the_threshold_failing_quarantines_and_keeps_the_previous_snapshot_in_force()
    {
        var previous = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(4), "declaraties_20250101.csv");
        // 20 rows, 2 bad = 10 % > 5 %.
        var rows = DeclaratieRows(18).Concat(["D98;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;", "D99;C1;A1;T1;31-01-2025;2025-01-01;02;1;04;1;1"]);
        var report = await Ingest(ExtractType.Declaraties, Lines([DeclaratiesHeader, .. rows]), "declaraties_20250201.csv");

        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.False(report.ContentDiscarded);
        Assert.NotNull(report.QuarantineBlob);
        Assert.Equal([("bedrag", 20L), ("periode_eind", 21L)], report.Errors.Select(e => (e.Column, e.Line)));
        Assert.Contains("5,0", report.Message);
        Assert.Equal(previous.Sha256, (await new SnapshotCatalog(Store).InForceAsync(ExtractType.Declaraties))!.Sha256);
        Assert.Equal(4, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
        Assert.False(await Store.Blobs.ExistsAsync("snapshots", $"declaraties/{report.Sha256}.zfsnap"));
    }

    [Fact]
    public async Task The_threshold_is_configurable()
    {
        var rows = DeclaratieRows(18).Concat(["D98;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;", "D99;C1;A1;T1;x;2025-01-01;02;1;04;1;1"]);
        var report = await Ingest(ExtractType.Declaraties, Lines([DeclaratiesHeader, .. rows]), threshold: 0.10);
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(2, report.RowsRejected);
    }

    [Fact]
    public async Task Snapshots_are_addressable_by_hash_for_a_replay()
    {
        var first = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(3), "declaraties_20250101.csv");
        await Ingest(ExtractType.Declaraties, DeclaratiesCsv(6), "declaraties_20250201.csv");
        var replay = await SnapshotLoader.LoadAsync(Store, new Dictionary<ExtractType, string> { [ExtractType.Declaraties] = first.Sha256 });
        Assert.Equal(3, replay.Inputs.Declaraties().Count());
        Assert.Equal(3, replay.Inputs.Declaraties().Count()); // streamed again on every enumeration
        Assert.Equal(first.Sha256, replay.Snapshots[ExtractType.Declaraties].Sha256);
        Assert.Equal(3, replay.Snapshots[ExtractType.Declaraties].RowsAccepted);
        Assert.Equal(0, replay.Inputs.Clienten.Count);
        Assert.False(replay.Inputs.MetBag);
        // The latest periode_eind is kept at ingest: the default peildatum without another pass over the declarations.
        Assert.Equal(new DateOnly(2025, 1, 31), replay.Snapshots[ExtractType.Declaraties].LaatsteDatum);
        Assert.Equal(new DateOnly(2025, 1, 31), replay.Inputs.LaatstePeriodeEind);
        await Assert.ThrowsAsync<SnapshotNotFoundException>(() =>
            SnapshotLoader.LoadAsync(Store, new Dictionary<ExtractType, string> { [ExtractType.Declaraties] = new string('0', 64) }));
    }

    [Fact]
    public async Task A_snapshot_blob_can_be_verified_against_its_recorded_hash()
    {
        var report = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(3));
        var info = (await new SnapshotCatalog(Store).InForceAsync(ExtractType.Declaraties))!;
        Assert.True(await SnapshotLoader.VerifyAsync(Store, info));

        var name = report.SnapshotBlob!["snapshots/".Length..];
        var bytes = await Store.Blobs.ReadBytesAsync("snapshots", name);
        bytes[^3] ^= 1;
        await Store.Blobs.WriteBytesAsync("snapshots", name, bytes);
        Assert.False(await SnapshotLoader.VerifyAsync(Store, info));
    }

    [Fact]
    public async Task A_truncated_snapshot_is_detected_on_read()
    {
        var report = await Ingest(ExtractType.Declaraties, DeclaratiesCsv(50));
        var name = report.SnapshotBlob!["snapshots/".Length..];
        var bytes = await Store.Blobs.ReadBytesAsync("snapshots", name);
        await Store.Blobs.WriteBytesAsync("snapshots", name, bytes.AsMemory(0, bytes.Length / 2));
        // Every pass checks the bytes it reads against the hash recorded at ingest, in a run as in a replay that loads
        // the snapshot by hash; the parser meets the cut first, and that is reported as the damage it is.
        var loaded = await SnapshotLoader.LoadInForceAsync(Store);
        var refused = Assert.Throws<SnapshotDamagedException>(() => loaded.Inputs.Declaraties().Count());
        Assert.Contains("is beschadigd", refused.Message);
        Assert.IsType<InvalidDataException>(refused.InnerException);
        var replay = await SnapshotLoader.LoadAsync(Store, new Dictionary<ExtractType, string> { [ExtractType.Declaraties] = report.Sha256 });
        Assert.Throws<SnapshotDamagedException>(() => replay.Inputs.Declaraties().Count());
    }

    [Fact]
    public async Task Folder_layout_is_ingested_by_type_and_stray_files_are_reported()
    {
        var folder = Path.Combine(Root, "drop");
        Directory.CreateDirectory(Path.Combine(folder, "extracts", "declaraties"));
        Directory.CreateDirectory(Path.Combine(folder, "extracts", "clienten"));
        Directory.CreateDirectory(Path.Combine(folder, "extracts", "onbekend"));
        await File.WriteAllTextAsync(Path.Combine(folder, "extracts", "declaraties", "declaraties_20250201.csv"), DeclaratiesCsv(2));
        await File.WriteAllTextAsync(Path.Combine(folder, "extracts", "declaraties", "declaraties_20250101.csv"), DeclaratiesCsv(1));
        await File.WriteAllTextAsync(Path.Combine(folder, "extracts", "clienten", "clienten.csv"), Lines(ClientenHeader, "C1;1011AB;1;;;2024-01-01;"));
        await File.WriteAllTextAsync(Path.Combine(folder, "extracts", "onbekend", "x.csv"), "a;b\r\n1;2\r\n");

        var reports = await NewIngestor().IngestFolderAsync(folder);

        Assert.Equal(4, reports.Count);
        Assert.Equal(3, reports.Count(r => r.Status == IngestStatus.Accepted));
        var rejected = Assert.Single(reports, r => r.Status == IngestStatus.Rejected);
        Assert.Contains("onbekend/x.csv", rejected.SourceName);
        Assert.Equal(2, (await LoadAll<Declaratie>(ExtractType.Declaraties)).Count);
        Assert.Single(await LoadAll<Client>(ExtractType.Clienten));
    }

    [Fact]
    public void Type_from_path()
    {
        Assert.True(ExtractPaths.TryGetType("extracts/pgb_overeenkomsten/pgb_20250101.csv", out var t));
        Assert.Equal(ExtractType.PgbOvereenkomsten, t);
        Assert.True(ExtractPaths.TryGetType(@"C:\drop\Declaraties\x.csv", out t));
        Assert.Equal(ExtractType.Declaraties, t);
        Assert.False(ExtractPaths.TryGetType("extracts/declaraties.csv", out _));
    }

    [Fact]
    public async Task Text_report_lists_file_line_column_and_reason()
    {
        var report = await Ingest(ExtractType.Clienten, Lines(ClientenHeader, "C1;1011AB;1;;;2024-01-01;", "C2;10110AB;0;;;2024-01-01;"), threshold: 1);
        var text = report.ToText();
        Assert.Contains("extract.csv, regel 3, kolom postcode: postcode moet de vorm 1234AB", text);
        Assert.Contains("extract.csv, regel 3, kolom huisnummer: huisnummer moet een geheel getal van 1 tot en met 99999 zijn", text);
        var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString()!.ToLowerInvariant());
        Assert.Equal(3, json.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt64());
    }
}
