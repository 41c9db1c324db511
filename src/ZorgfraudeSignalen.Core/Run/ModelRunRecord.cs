using System.Text.Json;
using System.Text.Json.Nodes;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>One accepted snapshot a run consumed: its extract type, content hash and row count.</summary>
/// <param name="Afgewezen">Rows of the extract rejected at ingest (listed in its ingest report).</param>
/// <param name="BlobSha256">SHA-256 of the snapshot blob as stored at ingest: what a replay checks before it reads it.</param>
public sealed record InputSnapshot(string Type, string Hash, long Rows, long Afgewezen = 0, string? BlobSha256 = null)
{
    public static InputSnapshot From(Ingest.SnapshotInfo info) =>
        new(Extracts.ExtractTypes.Name(info.Type), info.Sha256, info.RowsAccepted, info.RowsRejected, info.BlobSha256);

    public static IReadOnlyList<InputSnapshot> From(Ingest.LoadedSnapshots loaded) =>
        loaded.Snapshots.OrderBy(kv => Extracts.ExtractTypes.Name(kv.Key), StringComparer.Ordinal).Select(kv => From(kv.Value)).ToList();
}

/// <summary>
/// What a risk run records before it publishes anything: enough to replay it (inputs' hashes, the whole
/// configuration) and to check the replay (the hash of risicolijst.csv). Stored in the runs table (partition
/// <c>runs</c>, row key = run id) and as <c>runs/{runId}/modelrun.json</c>.
/// </summary>
public sealed record ModelRunRecord(
    string RunId,
    string Trigger,
    DateTimeOffset Gestart,
    DateOnly Peildatum,
    IReadOnlyList<InputSnapshot> Invoer,
    RiskConfiguration Configuratie,
    ModelSummary Model,
    IReadOnlyList<FeatureStatistic> Kenmerken,
    ScoreDistribution Verdeling,
    string UitvoerHash,
    int Gescoord,
    int Gepubliceerd,
    // Added for accountability (docs/verantwoording.md); optional so that records written before still read.
    string? CodeVersie = null,
    DateTimeOffset? Beeindigd = null,
    string? DetailsHash = null,
    Fairness.FairnessSummary? Fairness = null,
    // The deliveries' data-quality warnings when the run started (Core/Deliveries); shown on every signal of the run.
    IReadOnlyList<Deliveries.DataWarning>? DataKwaliteit = null,
    // What the run learned from reviewers' assessments, or why it did not (docs/leren.md).
    Learning.LearningSummary? Leren = null)
{
    public const string Partition = "runs";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string BlobName(string runId) => $"{runId}/modelrun.json";
    public static string CsvBlobName(string runId) => $"{runId}/risicolijst.csv";
    public static string FairnessBlobName(string runId) => $"{runId}/fairness.json";

    /// <summary>SHA-256 over the published signals' details (evidence included) in rank order, as JSON.</summary>
    public static string DetailsSha256(IReadOnlyList<RiskList.SignalDetail> details) => ContentHash.Sha256(JsonSerializer.Serialize(details, Json));

    public static async Task<ModelRunRecord?> ReadAsync(ITableStore tables, string runId, CancellationToken ct = default) =>
        await tables.GetAsync(StoreNames.RunsTable, Partition, runId, ct) is { } record ? Parse(record.Json) : null;

    /// <summary>
    /// A stored record as the run made it. A run recorded before a setting existed ran without it, so the setting reads
    /// back as off: a record without <see cref="RiskConfiguration.Beoordelingsvenster"/> ranked by score alone, and its
    /// replay and its retry must too.
    /// </summary>
    public static ModelRunRecord? Parse(string json)
    {
        var stored = JsonNode.Parse(json);
        var record = stored.Deserialize<ModelRunRecord>(Json);
        if (record is not null && stored?["configuratie"] is JsonObject configuration
            && !configuration.ContainsKey(JsonNamingPolicy.CamelCase.ConvertName(nameof(RiskConfiguration.Beoordelingsvenster))))
            record = record with { Configuratie = record.Configuratie with { Beoordelingsvenster = 0 } };
        return record;
    }
}
