using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>
/// The catalogue of ingested extracts in the <c>snapshots</c> table. 'In force' for a type = the accepted snapshot
/// with the latest extract date (then the latest ingest time, then the hash, so the choice is always the same).
/// </summary>
public sealed class SnapshotCatalog(Store store)
{
    public async Task<SnapshotInfo?> GetAsync(ExtractType type, string sha256, CancellationToken ct = default)
    {
        var record = await store.Tables.GetAsync(StoreNames.SnapshotsTable, type.Name(), sha256, ct);
        return record is null ? null : Parse(record);
    }

    /// <summary>Every catalogue entry of a type (accepted and quarantined), newest extract date first.</summary>
    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(ExtractType type, CancellationToken ct = default)
    {
        var list = new List<SnapshotInfo>();
        await foreach (var record in store.Tables.QueryAsync(StoreNames.SnapshotsTable, type.Name(), ct))
            list.Add(Parse(record));
        return [.. list.OrderByDescending(s => s, NewestFirst.Instance)];
    }

    public async Task<SnapshotInfo?> InForceAsync(ExtractType type, CancellationToken ct = default) =>
        (await ListAsync(type, ct)).FirstOrDefault(s => s.Status == SnapshotStatus.Accepted);

    /// <summary>The snapshot in force of every type that has one.</summary>
    public async Task<IReadOnlyDictionary<ExtractType, SnapshotInfo>> InForceAsync(CancellationToken ct = default)
    {
        var result = new Dictionary<ExtractType, SnapshotInfo>();
        foreach (var type in ExtractTypes.All)
            if (await InForceAsync(type, ct) is { } info) result[type] = info;
        return result;
    }

    /// <summary>Records an ingested extract; throws <see cref="TableConflictException"/> when its hash is already catalogued.</summary>
    internal Task AddAsync(SnapshotInfo info, CancellationToken ct) =>
        store.Tables.InsertAsync(StoreNames.SnapshotsTable, new TableRecord(info.Type.Name(), info.Sha256, JsonSerializer.Serialize(info, SnapshotInfo.Json)), ct);

    private static SnapshotInfo Parse(TableRecord record) => JsonSerializer.Deserialize<SnapshotInfo>(record.Json, SnapshotInfo.Json)!;

    /// <summary>Orders by extract date, then ingest time, then hash: the 'newer' relation of the contract.</summary>
    internal sealed class NewestFirst : IComparer<SnapshotInfo>
    {
        public static readonly NewestFirst Instance = new();
        public int Compare(SnapshotInfo? x, SnapshotInfo? y)
        {
            if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
            var c = x.ExtractDate.CompareTo(y.ExtractDate);
            if (c == 0) c = x.IngestedAt.CompareTo(y.IngestedAt);
            if (c == 0) c = string.CompareOrdinal(x.Sha256, y.Sha256);
            return c;
        }
    }
}
