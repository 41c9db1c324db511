using System.Text.Json;
using System.Text.Json.Serialization;
using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Core.Ingest;

[JsonConverter(typeof(JsonStringEnumConverter<SnapshotStatus>))]
public enum SnapshotStatus { Accepted, Quarantined }

/// <summary>
/// One entry of the snapshot catalogue (table <c>snapshots</c>, partition = type name, row key = SHA-256 of the
/// extract's bytes). An accepted entry points at an immutable snapshot blob named after that hash.
/// </summary>
public sealed record SnapshotInfo
{
    public required ExtractType Type { get; init; }
    /// <summary>SHA-256 of the dropped extract's bytes, lower-case hex: the snapshot's address.</summary>
    public required string Sha256 { get; init; }
    public required string SourceName { get; init; }
    public required DateTimeOffset ExtractDate { get; init; }
    public bool ExtractDateFromName { get; init; }
    public required DateTimeOffset IngestedAt { get; init; }
    public long RowsTotal { get; init; }
    public long RowsAccepted { get; init; }
    public long RowsRejected { get; init; }
    public required SnapshotStatus Status { get; init; }
    /// <summary>Name of the snapshot blob in the snapshots container; null for a quarantined extract.</summary>
    public string? Blob { get; init; }
    /// <summary>SHA-256 of the snapshot blob itself, so a replay can check it was not altered.</summary>
    public string? BlobSha256 { get; init; }
    public string? Layout { get; init; }
    public int FormatVersion { get; init; }
    /// <summary>
    /// Declarations: the latest periode_eind of the accepted rows, the default peildatum of a run, so that a run need
    /// not read the declarations an extra time to find it. Null for other types and for snapshots from before it was kept.
    /// </summary>
    public DateOnly? LaatsteDatum { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<ExtractType>(JsonNamingPolicy.SnakeCaseLower) },
    };
}
