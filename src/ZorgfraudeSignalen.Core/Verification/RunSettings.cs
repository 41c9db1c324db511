using System.Text.Json;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// The settings part of a run configuration: everything but the run's date (and id), so that two runs with the
/// same thresholds, weights and seed have the same hash and a change between runs shows in the audit log.
/// </summary>
public static class RunSettings
{
    public static string Hash(RiskConfiguration configuration) =>
        ContentHash.Sha256((configuration with { Rundatum = default }).HashedJson(""));

    /// <summary>The settings hash of the most recently started run other than <paramref name="exceptRunId"/>, or null when there is none.</summary>
    public static async Task<string?> LatestHashAsync(ITableStore tables, string exceptRunId, CancellationToken ct = default)
    {
        ModelRunRecord? latest = null;
        await foreach (var row in tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition, ct))
        {
            if (row.RowKey == exceptRunId) continue;
            var record = ModelRunRecord.Parse(row.Json);
            if (record is not null && (latest is null || record.Gestart > latest.Gestart)) latest = record;
        }
        return latest is null ? null : Hash(latest.Configuratie);
    }
}
