namespace ZorgfraudeSignalen.Core.Storage;

/// <summary>
/// The containers and tables of the pipeline, named so that they are valid in Azure Storage
/// (containers: lower-case letters, digits and hyphens; tables: letters and digits).
/// </summary>
public static class StoreNames
{
    /// <summary>Where data engineers drop extracts: <c>{type}/{name}.csv</c>.</summary>
    public const string ExtractsContainer = "extracts";
    /// <summary>Accepted, validated snapshots in canonical form, addressed by content hash.</summary>
    public const string SnapshotsContainer = "snapshots";
    /// <summary>Ingest reports (JSON and text) for every extract, accepted or not.</summary>
    public const string ReportsContainer = "reports";
    /// <summary>Quarantined extracts (never one that holds a raw BSN or a refused column).</summary>
    public const string QuarantineContainer = "quarantine";
    /// <summary>Outputs of risk runs: risicolijst.csv, cluster reports, model run records.</summary>
    public const string RunsContainer = "runs";

    public const string SnapshotsTable = "snapshots";
    public const string SignalsTable = "signals";
    public const string AssessmentsTable = "assessments";
    public const string RunsTable = "runs";
    public const string AuditTable = "audit";
}
