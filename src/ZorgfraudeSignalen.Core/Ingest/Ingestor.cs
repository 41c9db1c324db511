using System.Globalization;
using CsvHelper;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// Ingests dropped extracts: validates every row against the contract, reports, quarantines, recognises
/// duplicates and stores accepted extracts as immutable snapshots addressed by the SHA-256 of their bytes.
/// Order of writes: snapshot blob, then catalogue record, then report and audit entry; a process killed before
/// the catalogue record leaves the previous snapshot in force (an unreferenced blob at most).
/// </summary>
public sealed class Ingestor(Store store, IngestOptions? options = null)
{
    private readonly IngestOptions _options = options ?? IngestOptions.Default;
    private readonly AuditLog _audit = new(store.Tables, (options ?? IngestOptions.Default).Clock);
    private readonly SnapshotCatalog _catalog = new(store);

    public IngestOptions Options => _options;

    /// <summary>Ingests one extract. <paramref name="sourceName"/> names it in the report and carries its extract date.</summary>
    public Task<IngestReport> IngestAsync(Stream content, string sourceName, ExtractType type, CancellationToken ct = default) =>
        IngestAsync(content, sourceName, type, progress: null, ct);

    public async Task<IngestReport> IngestAsync(Stream content, string sourceName, ExtractType type, IProgress<IngestProgress>? progress, CancellationToken ct = default)
    {
        var ingestedAt = _options.Clock.GetUtcNow();
        // A BSN-like number in a file name is masked before the name is recorded anywhere (report, catalogue, log).
        var nameDate = ExtractPaths.DateFromName(sourceName);
        sourceName = FieldRules.MaskBsn(sourceName);
        var fileName = FileName(sourceName);
        long? total = content.CanSeek ? content.Length - content.Position : null;
        await using var prepass = await ExtractPrepass.RunAsync(content, _options.TempFolder,
            done => progress?.Report(new IngestProgress(sourceName, "controleren", done, total, 0, 1)), ct);

        var report = new IngestReport
        {
            SourceName = sourceName,
            Type = type,
            Status = IngestStatus.Accepted,
            Sha256 = prepass.Sha256,
            Bytes = prepass.Length,
            IngestedAt = ingestedAt,
            ExtractDate = nameDate is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : ingestedAt,
            ExtractDateFromName = nameDate is not null,
            Encoding = prepass.EncodingName,
        };

        if (await _catalog.GetAsync(type, prepass.Sha256, ct) is { } earlier)
            return await FinishDuplicateAsync(report, earlier, ct);

        if (prepass.WideEncoding is { } wide)
        {
            // UTF-16 or UTF-32, with or without a BOM: decoded and checked for a BSN, but never kept either way.
            var bsn = await prepass.WideTextHoldsBsnAsync(ct);
            return await QuarantineAsync(report with { Encoding = ExtractPrepass.WideName(wide) },
                $"Het bestand is in {ExtractPrepass.WideName(wide)} opgeslagen ('Unicode-tekst'); het contract vraagt UTF-8 of Windows-1252. Sla het op als 'CSV UTF-8'. " +
                (bsn ? "Er staat een waarde in die een BSN is (9 cijfers die de elfproef doorstaan); de inhoud is niet bewaard."
                     : "De inhoud is niet bewaard."), bsn ? "bsn" : "tekenset", [], prepass, discard: true, ct);
        }

        if (nameDate is { } named && named.ToDateTime(TimeOnly.MinValue) > ingestedAt.UtcDateTime.Date + _options.FutureDateTolerance)
            return await QuarantineAsync(report,
                $"De extractdatum in de bestandsnaam ({named:yyyy-MM-dd}) ligt meer dan {_options.FutureDateTolerance.TotalDays:0} dagen in de toekomst. " +
                "Zo'n extract zou van kracht blijven boven elke latere echte levering; controleer de datum in de naam en lever het opnieuw aan.",
                "datum_toekomst", [], prepass, discard: false, ct);

        var delimiter = prepass.DetectDelimiter();
        report = report with { Delimiter = delimiter };
        var errors = new List<RowError>();
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = true,
            Encoding = prepass.CsvEncoding,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            BufferSize = 1 << 20,
            // A quote that is never closed would make the rest of the file one record; stop at 1 MB instead.
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = m => { if (m.Reason != CsvMalformedReason.StrayQuote) malformed[m.RecordNumber] = m.Reason; },
        };

        CsvReader OpenReader() => CsvReader.Create(new CountingStream(prepass.Reopen(),
            done => progress?.Report(new IngestProgress(sourceName, "valideren", done, prepass.Length, 0, 1))), csvOptions, leaveOpen: false);
        using var reader = OpenReader();

        string[] header;
        try { header = [.. reader.Headers.Select(h => h.Trim())]; }
        catch (CsvFormatException e) { return await QuarantineAsync(report, $"De kopregel kan niet worden gelezen: {e.Message}", "kopregel", [], prepass, discard: false, ct); }
        if (header.Length == 0 || header.All(h => h.Length == 0))
            return await QuarantineAsync(report, "Het bestand is leeg: er is geen kopregel.", "leeg", [], prepass, discard: false, ct);

        // Data minimisation comes first: a refused column means the content is never kept, whatever else is wrong.
        var refused = header.Where(h => RefusedColumns.IsRefused(type, h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (refused.Count > 0)
            return await QuarantineAsync(report,
                $"Geweigerde kolom{(refused.Count > 1 ? "men" : "")}: {string.Join(", ", refused)}. Zulke gegevens (bijzondere of onnodige persoonsgegevens) mogen niet in een extract staan; " +
                "het bestand is niet bewaard. Lever het extract aan zonder deze kolom(men).", "geweigerde_kolom", [], prepass, discard: true, ct);

        var schema = ExtractSchemas.ForHeader(type, header);
        report = report with { Layout = schema.Layout };
        var map = new int[schema.Columns.Length];
        var missing = new List<string>();
        var doubled = new List<string>();
        for (var c = 0; c < schema.Columns.Length; c++)
        {
            var matches = Enumerable.Range(0, header.Length).Where(i => string.Equals(header[i], schema.Columns[c].Name, StringComparison.OrdinalIgnoreCase)).ToList();
            map[c] = matches.Count > 0 ? matches[0] : -1;
            if (matches.Count > 1) doubled.Add(schema.Columns[c].Name);
            if (matches.Count == 0 && schema.Columns[c].Required) missing.Add(schema.Columns[c].Name);
        }
        var unknown = header
            .Where(h => !schema.Columns.Any(c => string.Equals(c.Name, h, StringComparison.OrdinalIgnoreCase)) && schema.AlsoKnown?.Contains(h) != true)
            .Select(h => h.Length == 0 ? "(naamloze kolom)" : h)
            .ToList();
        report = report with { UnknownColumns = unknown };
        if (missing.Count > 0 || doubled.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"verplichte kolom{(missing.Count > 1 ? "men" : "")} ontbreekt: {string.Join(", ", missing)}");
            if (doubled.Count > 0) parts.Add($"kolom{(doubled.Count > 1 ? "men" : "")} komt meer dan eens voor: {string.Join(", ", doubled)}");
            return await QuarantineAsync(report,
                $"De kopregel klopt niet met het contract voor {type.Name()} ({string.Join("; ", parts)}). Gevonden kolommen: {string.Join(", ", header)}. " +
                $"Scheidingsteken '{delimiter}' (afgeleid uit de kopregel).", "kopregel", [], prepass, discard: false, ct);
        }

        // The rows: checked and written into the snapshot blob as they stream by. The blob is committed only when
        // the file is accepted; a quarantine or a privacy violation throws inside the write, which discards it.
        // Duplicate keys show only at the end: then the file is read once more for the exact keys and written again
        // without any row of them (rare, so the common case reads the file once).
        var blobName = $"{type.Name()}/{prepass.Sha256}.zfsnap";
        long rows = 0, rejected = 0, blank = 0;
        int? latest = null;
        string? blobSha = null;
        var unmapped = Enumerable.Range(0, header.Length).Where(i => Array.IndexOf(map, i) < 0).ToArray();
        var keyColumn = map[0]; // every layout starts with its key
        IReadOnlyDictionary<string, List<long>>? duplicates = null;
        HashSet<ulong>? duplicateHashes = null;
        var firstPass = true;
        while (true)
        {
            rows = rejected = blank = 0;
            latest = null;
            errors.Clear();
            malformed.Clear();
            var keyHashes = new List<ulong>();
            var passReader = firstPass ? reader : OpenReader();
            try
            {
                if (!firstPass) _ = passReader.Headers;
                await store.Blobs.WriteAsync(StoreNames.SnapshotsContainer, blobName, output =>
                {
                    using var writer = new SnapshotWriter(output, type, schema.LayoutId);
                    writer.WriteHeader();
                    var row = new RowContext(fileName, schema, map, errors) { Reader = passReader };
                    while (ReadRecord(passReader, row.Line))
                    {
                        if ((rows & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
                        if (IsBlank(passReader)) { blank++; continue; }
                        rows++;
                        row.Begin(passReader.LineNumber);
                        foreach (var i in unmapped)
                            if (i < passReader.FieldCount && FieldRules.IsBsn(FieldRules.Trim(passReader.GetSpan(i))))
                                throw new PrivacyViolationException(
                                    $"Kolom {(header[i].Length == 0 ? "(naamloos)" : header[i])} bevat op regel {passReader.LineNumber} een geldig BSN (9 cijfers die de elfproef doorstaan). " +
                                    "De pijplijn slaat nooit een BSN op: het hele bestand is geweigerd en niet bewaard.");
                        if (malformed.Remove(passReader.RowNumber + 1, out var reason))
                            row.FailRow(reason == CsvMalformedReason.UnterminatedQuote
                                ? "aanhalingsteken wordt niet gesloten (de rest van het bestand is als één veld gelezen)"
                                : "tekst na een sluitend aanhalingsteken (RFC 4180)");
                        else if (passReader.FieldCount != header.Length)
                            row.FailRow($"de regel heeft {passReader.FieldCount} velden, de kopregel {header.Length}");
                        else if (ControlCharacter(passReader) is { } control)
                            row.FailRow($"kolom {header[control.Column]} bevat een stuurteken (0x{control.Value:X2}); zulke tekens horen niet in een extract");
                        else
                            schema.Write(row);
                        var key = keyColumn >= 0 && keyColumn < passReader.FieldCount ? FieldRules.Trim(passReader.GetSpan(keyColumn)) : default;
                        if (!key.IsEmpty)
                        {
                            var hash = KeyHash(key);
                            if (duplicateHashes is null) keyHashes.Add(hash);
                            else if (duplicateHashes.Contains(hash) && duplicates!.TryGetValue(System.Text.Encoding.UTF8.GetString(key), out var lines))
                                row.Fail(0, $"sleutel {RowContext.Show(key)} komt {lines.Count} keer voor (regels {string.Join(", ", lines.Take(10))}{(lines.Count > 10 ? ", ..." : "")}); alle regels met deze sleutel zijn afgekeurd");
                        }
                        if (row.Failed) rejected++;
                        else
                        {
                            writer.WriteRow(row.Out.Span);
                            if (row.Summarised > (latest ?? int.MinValue)) latest = row.Summarised;
                        }
                    }
                    if (duplicateHashes is null && RepeatedHashes(keyHashes) is { Count: > 0 } repeated) throw new DuplicateKeysException(repeated);
                    if (rows == 0 || rejected > _options.QuarantineThreshold * rows) throw new ThresholdExceededException();
                    blobSha = writer.Complete();
                    return Task.CompletedTask;
                }, ct);
                break;
            }
            catch (DuplicateKeysException e)
            {
                duplicateHashes = e.Hashes;
                duplicates = ExactDuplicates(OpenReader(), keyColumn, e.Hashes);
                report = report with { DuplicateKeys = [.. duplicates.Keys.Order(StringComparer.Ordinal).Take(100).Select(k => FieldRules.ContainsBsn(k) ? "(weggelaten)" : k)] };
            }
            catch (PrivacyViolationException e)
            {
                // Row errors may quote values of a file that holds a BSN: none of them goes into the report.
                return await QuarantineAsync(report with { RowsTotal = rows, DuplicateKeys = [] }, e.Message, "bsn", [], prepass, discard: true, ct);
            }
            catch (UnreadableRecordException e)
            {
                report = report with { RowsTotal = rows, RowsAccepted = rows - rejected, RowsRejected = rejected, RowsBlank = blank };
                return await QuarantineAsync(report, e.Message, "opmaak", errors, prepass, discard: false, ct);
            }
            catch (ThresholdExceededException)
            {
                report = report with { RowsTotal = rows, RowsAccepted = rows - rejected, RowsRejected = rejected, RowsBlank = blank };
                var message = rows == 0
                    ? "Het extract bevat geen gegevensregels. Een leeg extract zou als volledige momentopname alle gegevens van dit type wissen; het vorige snapshot blijft van kracht."
                    : $"{rejected.ToString("N0", Nl)} van {rows.ToString("N0", Nl)} regels ({((double)rejected / rows).ToString("P1", Nl)}) zijn afgekeurd; de grens is {_options.QuarantineThreshold.ToString("P1", Nl)}. " +
                      "Het hele extract is in quarantaine gezet en het vorige snapshot blijft van kracht.";
                return await QuarantineAsync(report, message, rows == 0 ? "leeg" : "drempel", errors, prepass, discard: false, ct);
            }
            finally
            {
                if (!firstPass) passReader.Dispose();
                firstPass = false;
            }
        }

        var info = new SnapshotInfo
        {
            Type = type,
            Sha256 = prepass.Sha256,
            SourceName = sourceName,
            ExtractDate = report.ExtractDate!.Value,
            ExtractDateFromName = report.ExtractDateFromName,
            IngestedAt = ingestedAt,
            RowsTotal = rows,
            RowsAccepted = rows - rejected,
            RowsRejected = rejected,
            Status = SnapshotStatus.Accepted,
            Blob = blobName,
            BlobSha256 = blobSha,
            Layout = schema.Layout,
            FormatVersion = SnapshotFormat.Version,
            LaatsteDatum = latest is { } day ? DateOnly.FromDayNumber(day) : null,
        };
        var current = await _catalog.InForceAsync(type, ct);
        report = report with
        {
            RowsTotal = rows,
            RowsAccepted = rows - rejected,
            RowsRejected = rejected,
            RowsBlank = blank,
            Errors = errors,
            SnapshotBlob = $"{StoreNames.SnapshotsContainer}/{blobName}",
            InForce = current is null || SnapshotCatalog.NewestFirst.Instance.Compare(info, current) > 0,
        };
        return await FinishAsync(report, AuditActions.Ingest, ct, catalogue: info, ownBlobs: [$"{StoreNames.SnapshotsContainer}/{blobName}"]);
    }

    /// <summary>Ingests a file from disk; its type comes from its folder (<see cref="ExtractPaths.TryGetType"/>) unless given.</summary>
    public async Task<IngestReport> IngestFileAsync(string path, ExtractType? type = null, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        if (type is null)
        {
            if (!ExtractPaths.TryGetType(path, out var fromPath))
                return await RejectAsync(path, $"Het type van het extract blijkt niet uit het pad: leg het bestand in een map met de naam van het type ({string.Join(", ", ExtractTypes.All.Select(t => t.Name()))}).", ct);
            type = fromPath;
        }
        if (new FileInfo(path).LinkTarget is not null) return await RefuseLinkAsync(path, ct);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await IngestAsync(stream, path, type.Value, progress, ct);
    }

    /// <summary>
    /// Ingests every file of a folder laid out as <c>{type}/{name}.csv</c> or <c>extracts/{type}/{name}.csv</c>, in
    /// order of extract date within each type so that the newest ends in force. A .csv outside the type folders, or a
    /// file of another kind inside one, is reported as rejected, never silently skipped; non-CSV files outside the
    /// type folders (a README) are not extracts and are left alone.
    /// </summary>
    public async Task<IReadOnlyList<IngestReport>> IngestFolderAsync(string folder, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var entries = Walk(folder).ToList();
        var files = entries.Where(e => !e.Link).Select(e => e.Path)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => (Path: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .Select(f => (f.Path, f.Relative, HasType: ExtractPaths.TryGetType(f.Relative, out var t) || ExtractPaths.TryGetType(f.Path, out t), Type: t))
            // A README or other non-CSV file outside the type folders is not a dropped extract; inside one it is a mistake worth reporting.
            .Where(f => f.HasType || f.Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.HasType ? (int)f.Type : int.MaxValue)
            .ThenBy(f => ExtractPaths.DateFromName(f.Path) ?? DateOnly.MaxValue)
            .ThenBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        var reports = new List<IngestReport>();
        foreach (var link in entries.Where(e => e.Link).Select(e => e.Path).Order(StringComparer.Ordinal))
            reports.Add(await RefuseLinkAsync(Path.GetRelativePath(folder, link).Replace('\\', '/'), ct));
        for (var i = 0; i < files.Count; i++)
        {
            var (path, relative, hasType, type) = files[i];
            var index = i;
            var fileProgress = progress is null ? null : new Forward(p => progress.Report(p with { FileIndex = index, FileCount = files.Count }));
            if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                reports.Add(await RejectAsync(relative, "Geen .csv-bestand; extracten zijn CSV-bestanden ({type}/{naam}.csv).", ct));
            else if (!hasType)
                reports.Add(await RejectAsync(relative, $"Het type van het extract blijkt niet uit het pad: leg het bestand in een map met de naam van het type ({string.Join(", ", ExtractTypes.All.Select(t => t.Name()))}).", ct));
            else
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                reports.Add(await IngestAsync(stream, relative, type, fileProgress, ct));
            }
        }
        return reports;
    }

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Whether any field of the file (header included) is nine digits passing the elfproef.</summary>
    private static bool MayHoldBsn(ExtractPrepass prepass, char delimiter)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = false,
            Encoding = prepass.CsvEncoding,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = false, // every line break ends a record: no record can grow without bound
            BufferSize = 1 << 20,
        };
        using var reader = CsvReader.Create(prepass.Reopen(), options, leaveOpen: false);
        try
        {
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++)
                    if (FieldRules.IsBsn(FieldRules.Trim(reader.GetSpan(i)))) return true;
        }
        catch (CsvFormatException)
        {
            return true; // cannot be read to the end: do not keep what cannot be checked
        }
        return false;
    }
    internal const int MaxRecordBytes = 1 << 20;

    /// <summary>The next record; a record the reader cannot deliver (larger than 1 MB) ends the file's ingest.</summary>
    private static bool ReadRecord(CsvReader reader, long previousLine)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber > 0 ? e.LineNumber : previousLine + 1;
            throw new UnreadableRecordException(
                $"Het bestand kan vanaf regel {line} niet verder worden gelezen: een record is groter dan {MaxRecordBytes / 1024 / 1024} MB " +
                "of de opmaak is onleesbaar, meestal door een aanhalingsteken dat niet wordt gesloten. Het hele extract is in quarantaine gezet.");
        }
    }

    private sealed class UnreadableRecordException(string message) : Exception(message);

    private static string FileName(string sourceName) => Path.GetFileName(sourceName.Replace('\\', '/'));

    /// <summary>A row with only delimiters and whitespace (spreadsheets export these below the data).</summary>
    private static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (!FieldRules.Trim(reader.GetSpan(i)).IsEmpty) return false;
        return true;
    }

    private async Task<IngestReport> FinishDuplicateAsync(IngestReport report, SnapshotInfo earlier, CancellationToken ct)
    {
        report = report with
        {
            Status = IngestStatus.Duplicate,
            Message = $"Dezelfde inhoud (sha-256 {earlier.Sha256}) is al ingelezen op {earlier.IngestedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC " +
                      $"als '{earlier.SourceName}' (resultaat: {(earlier.Status == SnapshotStatus.Accepted ? "geaccepteerd" : "in quarantaine")}); niet opnieuw verwerkt.",
            RowsTotal = earlier.RowsTotal,
            RowsAccepted = earlier.RowsAccepted,
            RowsRejected = earlier.RowsRejected,
            SnapshotBlob = earlier.Blob is null ? null : $"{StoreNames.SnapshotsContainer}/{earlier.Blob}",
        };
        return await FinishAsync(report, AuditActions.Ingest, ct);
    }

    private async Task<IngestReport> QuarantineAsync(IngestReport report, string message, string reasonCode, List<RowError> errors, ExtractPrepass prepass, bool discard, CancellationToken ct)
    {
        var type = report.Type!.Value;
        string? copy = null;
        if (!discard && MayHoldBsn(prepass, report.Delimiter ?? prepass.DetectDelimiter()))
        {
            // Quarantined for another reason (a broken header, too many bad rows), but somewhere in it is a value
            // that passes the elfproef: a copy could hold a raw BSN, so none is kept.
            discard = true;
            message += " De inhoud is niet bewaard: er staat een waarde in die een BSN kan zijn (9 cijfers die de elfproef doorstaan).";
        }
        long? kept = null;
        if (!discard)
        {
            // Kept for the data engineer, under its hash so that it is never confused with a newer drop; at most
            // QuarantineMaxBytes of it (the report describes the whole by hash and size).
            copy = $"{type.Name()}/{prepass.Sha256}/{FileName(report.SourceName)}";
            var limit = _options.QuarantineMaxBytes;
            if (prepass.Length > limit) kept = limit;
            await using var source = prepass.Reopen();
            await store.Blobs.WriteAsync(StoreNames.QuarantineContainer, copy, target => CopyAtMostAsync(source, target, limit, ct), ct);
        }
        report = report with
        {
            Status = IngestStatus.Quarantined,
            Message = kept is { } k ? message + $" Van de quarantainekopie zijn alleen de eerste {k.ToString("N0", Nl)} bytes bewaard." : message,
            Errors = errors,
            ContentDiscarded = discard,
            QuarantineBlob = copy is null ? null : $"{StoreNames.QuarantineContainer}/{copy}",
            QuarantineBytesKept = kept,
        };
        var entry = new SnapshotInfo
        {
            Type = type,
            Sha256 = report.Sha256,
            SourceName = report.SourceName,
            ExtractDate = report.ExtractDate!.Value,
            ExtractDateFromName = report.ExtractDateFromName,
            IngestedAt = report.IngestedAt,
            RowsTotal = report.RowsTotal,
            RowsAccepted = report.RowsAccepted,
            RowsRejected = report.RowsRejected,
            Status = SnapshotStatus.Quarantined,
            Layout = report.Layout,
            FormatVersion = SnapshotFormat.Version,
        };
        return await FinishAsync(report, AuditActions.Quarantaine, ct, reasonCode, entry, copy is null ? [] : [$"{StoreNames.QuarantineContainer}/{copy}"]);
    }

    private static async Task CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        long left = limit;
        while (left > 0)
        {
            var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (n == 0) break;
            await target.WriteAsync(buffer.AsMemory(0, n), ct);
            left -= n;
        }
    }

    /// <summary>
    /// Every file and folder under <paramref name="folder"/>, without following symbolic links: a link is returned as
    /// such (a link could lead outside the drop folder, to a loop, or nowhere).
    /// </summary>
    private static IEnumerable<(string Path, bool Link)> Walk(string folder)
    {
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(folder)]);
        while (pending.TryPop(out var directory))
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null) yield return (entry.FullName, true);
                else if (entry is DirectoryInfo sub) pending.Push(sub);
                else yield return (entry.FullName, false);
            }
    }

    private Task<IngestReport> RefuseLinkAsync(string sourceName, CancellationToken ct) =>
        RejectAsync(sourceName,
            "Dit is een symbolische koppeling (symlink); die wordt niet gevolgd, want zij kan naar een bestand buiten de aanlevermap wijzen, " +
            "naar zichzelf of nergens heen. Er is niets van gelezen of bewaard. Leg het extract zelf in de map.", ct, "symbolische_koppeling");

    private async Task<IngestReport> RejectAsync(string sourceName, string message, CancellationToken ct, string reasonCode = "geen_extracttype")
    {
        var report = new IngestReport
        {
            SourceName = FieldRules.MaskBsn(sourceName),
            Status = IngestStatus.Rejected,
            IngestedAt = _options.Clock.GetUtcNow(),
            Message = message,
        };
        return await FinishAsync(report, AuditActions.Quarantaine, ct, reasonCode);
    }

    /// <summary>
    /// Stores the report (JSON and text) and appends the audit entry: <see cref="AuditActions.Ingest"/> for an
    /// accepted or duplicate extract, <see cref="AuditActions.Quarantaine"/> for a quarantined or rejected one (with a
    /// reason code); details hold the status, hashes and counts, never personal data.
    /// <para>
    /// With a <paramref name="catalogue"/> entry, the operation has one commit point, the catalogue record: the reports
    /// are written first, then an <see cref="OperationIntent"/> naming the record, its audit entry and what to remove on
    /// a roll-back, then the record, then the audit entry, then the intent is removed. A process killed anywhere in
    /// between is completed (record present: the entry is appended) or rolled back (record absent) by recovery.
    /// </para>
    /// </summary>
    private async Task<IngestReport> FinishAsync(IngestReport report, string action, CancellationToken ct, string? reasonCode = null,
        SnapshotInfo? catalogue = null, IReadOnlyList<string>? ownBlobs = null)
    {
        var folder = report.Type?.Name() ?? "onbekend";
        var stem = $"{folder}/{report.IngestedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}_{(report.Sha256.Length > 0 ? report.Sha256[..12] : Guid.NewGuid().ToString("N")[..12])}";
        report = report with { ReportBlob = $"{StoreNames.ReportsContainer}/{stem}.json" };

        var details = new Dictionary<string, string>
        {
            ["bron"] = SafeName(report.SourceName),
            ["status"] = report.Status.ToString().ToLowerInvariant(),
            ["rijen"] = report.RowsTotal.ToString(CultureInfo.InvariantCulture),
            ["rijen_goedgekeurd"] = report.RowsAccepted.ToString(CultureInfo.InvariantCulture),
            ["rijen_afgekeurd"] = report.RowsRejected.ToString(CultureInfo.InvariantCulture),
            ["rapport"] = report.ReportBlob,
        };
        if (report.Sha256.Length > 0) details["sha256"] = report.Sha256;
        if (reasonCode is not null) details["reden"] = reasonCode;
        if (report.SnapshotBlob is not null) details["snapshot"] = report.SnapshotBlob;
        if (report.Status == IngestStatus.Accepted) details["van_kracht"] = report.InForce ? "ja" : "nee";
        var e = new AuditEvent(action, _options.Actor, $"{folder}/{(report.Sha256.Length > 0 ? report.Sha256 : SafeName(report.SourceName))}", details);

        string[] reports = [$"{StoreNames.ReportsContainer}/{stem}.json", $"{StoreNames.ReportsContainer}/{stem}.txt"];
        await store.Blobs.WriteTextAsync(StoreNames.ReportsContainer, stem + ".json", report.ToJson(), ct);
        await store.Blobs.WriteTextAsync(StoreNames.ReportsContainer, stem + ".txt", report.ToText(), ct);
        if (catalogue is null)
        {
            await _audit.AppendAsync(e, ct); // the entry is the commit point; reports without one are harmless leftovers
            return report;
        }

        var id = OperationIntent.NewId(_options.Clock.GetUtcNow());
        var intent = new OperationIntent(id, "ingest", e.Subject, OperationOwner.Id, _options.Clock.GetUtcNow(),
            [new IntentStep(new CommitRow(StoreNames.SnapshotsTable, catalogue.Type.Name(), catalogue.Sha256), OperationIntent.Tagged(id, e))],
            [.. ownBlobs ?? [], .. reports], []);
        await intent.SaveAsync(store.Tables, ct);
        try
        {
            await _catalog.AddAsync(catalogue, ct);
        }
        catch (TableConflictException) when (catalogue.Status == SnapshotStatus.Accepted)
        {
            // The same content was ingested concurrently (at-least-once delivery); the blob is identical, the reports are not.
            foreach (var blob in reports) await store.Blobs.DeleteAsync(StoreNames.ReportsContainer, blob[(StoreNames.ReportsContainer.Length + 1)..], ct);
            await intent.DeleteAsync(store.Tables, ct);
            return await FinishDuplicateAsync(report, (await _catalog.GetAsync(catalogue.Type, catalogue.Sha256, ct))!, ct);
        }
        catch (TableConflictException)
        {
            // Quarantined concurrently: the first record stands, this attempt is logged on its own.
            await _audit.AppendAsync(e, ct);
            await intent.DeleteAsync(store.Tables, ct);
            return report;
        }
        await intent.AppendAsync(_audit, 0, ct);
        await intent.DeleteAsync(store.Tables, ct);
        return report;
    }

    /// <summary>A source name for logs and the catalogue: BSN-like numbers in it are masked.</summary>
    private static string SafeName(string name) => FieldRules.MaskBsn(name);

    /// <summary>The first field of the current row that holds a control character, with that character.</summary>
    private static (int Column, int Value)? ControlCharacter(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (FieldRules.ControlCharacter(reader.GetSpan(i)) is var c and >= 0) return (i, c);
        return null;
    }

    /// <summary>FNV-1a over a key's bytes: 8 bytes a row to find repeated keys without holding the keys.</summary>
    private static ulong KeyHash(ReadOnlySpan<byte> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in key) { hash ^= b; hash *= 1099511628211UL; }
        return hash;
    }

    private static HashSet<ulong> RepeatedHashes(List<ulong> hashes)
    {
        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        var repeated = new HashSet<ulong>();
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i] == sorted[i - 1]) repeated.Add(sorted[i]);
        return repeated;
    }

    /// <summary>The keys (exact, not by hash) that occur more than once, each with its line numbers.</summary>
    private static Dictionary<string, List<long>> ExactDuplicates(CsvReader reader, int keyColumn, HashSet<ulong> candidates)
    {
        using (reader)
        {
            _ = reader.Headers;
            var seen = new Dictionary<string, List<long>>(StringComparer.Ordinal);
            while (ReadRecord(reader, 0))
            {
                if (keyColumn >= reader.FieldCount) continue;
                var key = FieldRules.Trim(reader.GetSpan(keyColumn));
                if (key.IsEmpty || !candidates.Contains(KeyHash(key))) continue;
                var text = System.Text.Encoding.UTF8.GetString(key);
                if (!seen.TryGetValue(text, out var lines)) seen[text] = lines = [];
                lines.Add(reader.LineNumber);
            }
            return seen.Where(kv => kv.Value.Count > 1).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }
    }

    private sealed class DuplicateKeysException(HashSet<ulong> hashes) : Exception
    {
        public HashSet<ulong> Hashes { get; } = hashes;
    }

    private sealed class ThresholdExceededException : Exception;

    /// <summary>Passes progress on synchronously, in order (System.Progress posts to the thread pool).</summary>
    private sealed class Forward(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
