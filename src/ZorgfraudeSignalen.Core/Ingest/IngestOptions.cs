namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>Settings of ingestion.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// The share of data rows that may fail validation before the whole extract is quarantined: more than this
    /// share failing quarantines it. Default 0.05 (5 %).
    /// </summary>
    public double QuarantineThreshold { get; init; } = 0.05;

    /// <summary>Who ingests, as recorded in the audit log.</summary>
    public string Actor { get; init; } = "ingest";

    /// <summary>The clock for ingest times (tests pin it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where a non-seekable input is spooled while it is hashed; the system temp folder by default.</summary>
    public string? TempFolder { get; init; }

    /// <summary>
    /// How far the extract date in a file name may lie after the ingest date. A later date is a typo or a test file;
    /// accepted, it would stay in force over every real delivery after it, so the extract is quarantined. Default 7 days.
    /// </summary>
    public TimeSpan FutureDateTolerance { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The most of a quarantined file that is kept as its copy; the rest is described by hash and size. Default 20 MiB.</summary>
    public long QuarantineMaxBytes { get; init; } = 20L << 20;

    public static IngestOptions Default { get; } = new();
}

/// <summary>Progress of a long ingest: bytes of the current file processed out of its length (when known).</summary>
public sealed record IngestProgress(string SourceName, string Phase, long BytesDone, long? BytesTotal, int FileIndex, int FileCount);
