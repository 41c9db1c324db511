using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>What happened to one dropped extract.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IngestStatus>))]
public enum IngestStatus
{
    /// <summary>Accepted as a snapshot (possibly with some rejected rows, each listed).</summary>
    Accepted,
    /// <summary>The whole extract was set aside; the previous snapshot of its type stays in force.</summary>
    Quarantined,
    /// <summary>The same bytes were ingested before; not processed again.</summary>
    Duplicate,
    /// <summary>Not an extract the pipeline can attribute to a type (wrong folder, not a .csv).</summary>
    Rejected,
}

/// <summary>One rejected row: where (file, line, column) and why (in Dutch, for the data engineer).</summary>
public sealed record RowError(string File, long Line, string Column, string Reason);

/// <summary>
/// The ingest report of one extract, for the data engineer: readable as text (<see cref="ToText"/>) and as JSON
/// (<see cref="ToJson"/>). It never contains a BSN or the content of a refused column.
/// </summary>
public sealed record IngestReport
{
    public required string SourceName { get; init; }
    /// <summary>Null only for a <see cref="IngestStatus.Rejected"/> file whose type could not be determined.</summary>
    public ExtractType? Type { get; init; }
    public required IngestStatus Status { get; init; }
    /// <summary>SHA-256 of the extract's bytes (lower-case hex); empty when the file was not read.</summary>
    public string Sha256 { get; init; } = "";
    public long Bytes { get; init; }
    public DateTimeOffset IngestedAt { get; init; }
    /// <summary>The extract date: from the file name (<c>yyyyMMdd</c> or <c>yyyy-MM-dd</c>), otherwise the ingest time.</summary>
    public DateTimeOffset? ExtractDate { get; init; }
    public bool ExtractDateFromName { get; init; }
    /// <summary><c>UTF-8</c>, <c>UTF-8 met BOM</c> or <c>Windows-1252</c>.</summary>
    public string? Encoding { get; init; }
    public char? Delimiter { get; init; }
    /// <summary><c>contract</c>, or <c>nlextract-bagadresplus</c> for a BAG extract in NLExtract's layout.</summary>
    public string? Layout { get; init; }
    /// <summary>Data rows read (the header not counted).</summary>
    public long RowsTotal { get; init; }
    public long RowsAccepted { get; init; }
    public long RowsRejected { get; init; }
    /// <summary>Rows with nothing but delimiters (spreadsheets export them below the data); skipped, not counted as rows.</summary>
    public long RowsBlank { get; init; }
    /// <summary>Columns in the header that the contract does not know; they are ignored.</summary>
    public IReadOnlyList<string> UnknownColumns { get; init; } = [];
    /// <summary>Why the extract was quarantined, rejected or recognised as a duplicate; null when accepted.</summary>
    public string? Message { get; init; }
    /// <summary>True when the file's content was not kept anywhere because it carried a BSN or a refused column.</summary>
    public bool ContentDiscarded { get; init; }
    /// <summary>Whether this snapshot is now the one in force for its type (false for an accepted extract older than the one in force).</summary>
    public bool InForce { get; init; }
    /// <summary>Every rejected row.</summary>
    public IReadOnlyList<RowError> Errors { get; init; } = [];
    /// <summary>Where the report, the snapshot and a quarantined copy were stored (container/name).</summary>
    public string? ReportBlob { get; init; }
    public string? SnapshotBlob { get; init; }
    public string? QuarantineBlob { get; init; }
    /// <summary>Keys that occur on more than one row (every row of such a key is rejected), the first 100.</summary>
    public IReadOnlyList<string> DuplicateKeys { get; init; } = [];
    /// <summary>Bytes kept of a quarantined copy cut at the configured maximum; null when the copy is whole (or there is none).</summary>
    public long? QuarantineBytesKept { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter<ExtractType>(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static IngestReport FromJson(string json) => JsonSerializer.Deserialize<IngestReport>(json, JsonOptions)!;

    public static string StatusText(IngestStatus status) => status switch
    {
        IngestStatus.Accepted => "geaccepteerd",
        IngestStatus.Quarantined => "in quarantaine",
        IngestStatus.Duplicate => "dubbel (al eerder ingelezen)",
        IngestStatus.Rejected => "geweigerd",
        _ => status.ToString(),
    };

    /// <summary>The report as plain Dutch text, one fact per line, then every rejected row (or the first <paramref name="maxErrors"/>).</summary>
    public string ToText(int? maxErrors = null)
    {
        var nl = CultureInfo.GetCultureInfo("nl-NL");
        var sb = new StringBuilder();
        sb.AppendLine($"Inleesrapport: {SourceName}");
        sb.AppendLine($"  type:              {(Type is { } t ? t.Name() : "(onbekend)")}");
        sb.AppendLine($"  resultaat:         {StatusText(Status)}");
        if (Message is not null) sb.AppendLine($"  reden:             {Message}");
        if (Sha256.Length > 0) sb.AppendLine($"  sha-256:           {Sha256}");
        if (Bytes > 0) sb.AppendLine($"  grootte:           {Bytes.ToString("N0", nl)} bytes");
        sb.AppendLine($"  ingelezen op:      {IngestedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        if (ExtractDate is { } d)
            sb.AppendLine($"  extractdatum:      {d.UtcDateTime:yyyy-MM-dd}{(ExtractDateFromName ? " (uit de bestandsnaam)" : " (inleestijd: geen datum in de bestandsnaam)")}");
        if (Encoding is not null) sb.AppendLine($"  tekenset:          {Encoding}");
        if (Delimiter is { } c) sb.AppendLine($"  scheidingsteken:   {c}");
        if (Layout is not null) sb.AppendLine($"  indeling:          {Layout}");
        if (Status is IngestStatus.Accepted or IngestStatus.Quarantined)
        {
            sb.AppendLine($"  rijen:             {RowsTotal.ToString("N0", nl)} gelezen, {RowsAccepted.ToString("N0", nl)} goedgekeurd, {RowsRejected.ToString("N0", nl)} afgekeurd{(RowsBlank > 0 ? $", {RowsBlank.ToString("N0", nl)} lege regels overgeslagen" : "")}");
        }
        if (Status == IngestStatus.Accepted)
            sb.AppendLine($"  van kracht:        {(InForce ? "ja" : "nee (er is al een extract van dit type met een latere extractdatum)")}");
        if (ContentDiscarded) sb.AppendLine("  inhoud:            niet bewaard (bevat gegevens die de pijplijn niet mag opslaan)");
        if (UnknownColumns.Count > 0) sb.AppendLine($"  onbekende kolommen (genegeerd): {string.Join(", ", UnknownColumns)}");
        if (SnapshotBlob is not null) sb.AppendLine($"  snapshot:          {SnapshotBlob}");
        if (QuarantineBlob is not null) sb.AppendLine($"  quarantainekopie:  {QuarantineBlob}{(QuarantineBytesKept is { } kept ? $" (alleen de eerste {kept.ToString("N0", nl)} bytes; het origineel is beschreven door sha-256 en grootte hierboven)" : "")}");
        if (DuplicateKeys.Count > 0) sb.AppendLine($"  dubbele sleutels:  {string.Join(", ", DuplicateKeys)} (alle regels met deze sleutels zijn afgekeurd)");
        if (Errors.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine($"Afgekeurde rijen ({Errors.Count.ToString("N0", nl)}):");
            foreach (var e in maxErrors is { } max ? Errors.Take(max) : Errors)
                sb.AppendLine($"  {e.File}, regel {e.Line}, kolom {e.Column}: {e.Reason}");
            if (maxErrors is { } shown && Errors.Count > shown)
                sb.AppendLine($"  ... en nog {(Errors.Count - shown).ToString("N0", nl)}; het volledige rapport staat in {ReportBlob}");
        }
        return sb.ToString();
    }
}
