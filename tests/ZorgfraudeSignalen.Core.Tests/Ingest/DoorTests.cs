using System.Text;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

/// <summary>What ingest refuses at the door (issue cases 4 and 5): wide encodings, BSN-like file names, symlinks, control characters, duplicate keys, future dates, oversized quarantine copies.</summary>
public sealed class DoorTests : IngestFixture
{
    private const string Bsn = "111222333"; // passes the elfproef

    private string StoredText()
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "store"), "*", SearchOption.AllDirectories))
        {
            sb.Append(file).Append('\n');
            try { sb.Append(File.ReadAllText(file, Encoding.Latin1)); } catch (IOException) { }
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le")]
    [InlineData("utf-32BE")]
    public async Task A_bsn_file_in_a_wide_encoding_without_bom_is_refused_and_nothing_is_kept(string encoding)
    {
        var text = Lines(ClientenHeader, $"{Bsn};1011AB;1;;;2024-01-01;");
        var bytes = Encoding.GetEncoding(encoding).GetBytes(text); // GetBytes writes no BOM
        var report = await Ingest(ExtractType.Clienten, bytes, "clienten.csv");
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.True(report.ContentDiscarded);
        Assert.Contains("BSN", report.Message);
        Assert.Null(report.QuarantineBlob);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(Root, "store", "blobs"), "*", SearchOption.AllDirectories),
            f => f.Contains("/quarantine/") || f.Contains("/snapshots/"));
        Assert.DoesNotContain(Bsn, StoredText());
    }

    [Fact]
    public async Task A_bsn_like_number_in_a_file_name_is_masked_in_catalogue_reports_and_log()
    {
        var report = await Ingest(ExtractType.Clienten, Lines(ClientenHeader, "C1;1011AB;1;;;2024-01-01;"), $"clienten_{Bsn}.csv");
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.DoesNotContain(Bsn, report.SourceName);
        Assert.Contains("*********", report.SourceName);
        Assert.DoesNotContain(Bsn, StoredText());
    }

    [Fact]
    public async Task Symlinks_are_not_followed_but_reported_as_refused()
    {
        var outside = Path.Combine(Root, "buiten.csv");
        await File.WriteAllTextAsync(outside, Lines(ClientenHeader, "C1;1011AB;1;;;2024-01-01;"));
        var drop = Path.Combine(Root, "drop", "clienten");
        Directory.CreateDirectory(drop);
        File.CreateSymbolicLink(Path.Combine(drop, "clienten_20250101.csv"), outside);
        File.CreateSymbolicLink(Path.Combine(drop, "weg.csv"), Path.Combine(Root, "bestaat-niet.csv"));
        Directory.CreateSymbolicLink(Path.Combine(drop, "lus"), drop);

        var reports = await NewIngestor().IngestFolderAsync(Path.Combine(Root, "drop"));

        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal(IngestStatus.Rejected, r.Status));
        Assert.All(reports, r => Assert.Contains("symbolische koppeling", r.Message));
        Assert.Null(await new SnapshotCatalog(Store).InForceAsync(ExtractType.Clienten));
        Assert.False(Directory.Exists(Path.Combine(Root, "store", "blobs", "quarantine")));
    }

    [Fact]
    public async Task A_nul_or_control_character_in_a_field_rejects_the_row()
    {
        var report = await Ingest(ExtractType.Clienten, Lines(ClientenHeader,
            "C1;1011AB;1;;;2024-01-01;", "C2\0X;1011AB;2;;;2024-01-01;", "C3;1011AB;3;;\u0007;2024-01-01;",
            "C4;1011AB;4;;;2024-01-01;", "C5;1011AB;5;;;2024-01-01;", "C6;1011AB;6;;;2024-01-01;"), threshold: 0.5);
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(2, report.RowsRejected);
        Assert.All(report.Errors, e => Assert.Contains("stuurteken", e.Reason));
        var stored = (await SnapshotLoader.LoadInForceAsync(Store)).ReadRecordsAsync();
        Assert.DoesNotContain((await stored).Clienten, c => c.ClientId.Contains('\0'));
    }

    [Fact]
    public async Task Duplicate_keys_reject_every_row_of_the_key_and_are_named()
    {
        var rows = Enumerable.Range(1, 40).Select(i => $"C{i};1011AB;{i};;;2024-01-01;").ToList();
        rows.Add("C7;1011AB;99;;;2024-06-01;"); // a second version of C7
        var report = await Ingest(ExtractType.Clienten, Lines([ClientenHeader, .. rows]));
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal(2, report.RowsRejected);
        Assert.Equal(["C7"], report.DuplicateKeys);
        Assert.All(report.Errors, e => Assert.Contains("komt 2 keer voor", e.Reason));
        var clients = (await (await SnapshotLoader.LoadInForceAsync(Store)).ReadRecordsAsync()).Clienten;
        Assert.Equal(39, clients.Count);
        Assert.DoesNotContain(clients, c => c.ClientId == "C7");
    }

    [Fact]
    public async Task An_extract_dated_in_the_future_is_quarantined_and_the_earlier_one_stays_in_force()
    {
        var now = await Ingest(ExtractType.Clienten, Lines(ClientenHeader, "C1;1011AB;1;;;2024-01-01;"), "clienten_20250101.csv");
        var future = await Ingest(ExtractType.Clienten, Lines(ClientenHeader, "C2;1011AB;1;;;2024-01-01;"), "clienten_20991231.csv");
        Assert.Equal(IngestStatus.Quarantined, future.Status);
        Assert.Contains("toekomst", future.Message);
        Assert.Equal(now.Sha256, (await new SnapshotCatalog(Store).InForceAsync(ExtractType.Clienten))!.Sha256);
        var entries = await new AuditLog(Store.Tables).ReadAllAsync().ToListAsync();
        Assert.Contains(entries, e => e.Action == AuditActions.Quarantaine && e.Details.GetValueOrDefault("reden") == "datum_toekomst");
    }

    [Fact]
    public async Task A_quarantined_copy_is_cut_at_the_configured_size()
    {
        var rows = Enumerable.Range(1, 2000).Select(i => $"C{i};GEEN POSTCODE;{i};;;2024-01-01;");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Lines([ClientenHeader, .. rows])));
        var report = await new Ingestor(Store, new IngestOptions { QuarantineMaxBytes = 4096 }).IngestAsync(stream, "extracts/clienten/clienten.csv", ExtractType.Clienten);
        Assert.Equal(IngestStatus.Quarantined, report.Status);
        Assert.Equal(4096, report.QuarantineBytesKept);
        var copy = await Store.Blobs.ReadBytesAsync("quarantine", report.QuarantineBlob!["quarantine/".Length..]);
        Assert.Equal(4096, copy.Length);
        Assert.True(report.Bytes > 4096);
    }
}
