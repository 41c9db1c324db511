using System.Globalization;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Verification;

namespace ZorgfraudeSignalen.Core.Retention;

/// <summary>A snapshot blob the purge deleted, and since when a newer snapshot of its type was in force.</summary>
public sealed record PurgedSnapshot(ExtractType Type, string Sha256, DateTimeOffset VervangenOp);

/// <summary>What one snapshot purge did; <paramref name="Referenced"/> counts superseded snapshots a run still holds.</summary>
public sealed record SnapshotPurgeReport(IReadOnlyList<PurgedSnapshot> Deleted, int NotYetDue, int Referenced);

/// <summary>
/// Deletes the blobs of snapshots that are no longer in force and that no retained run refers to, once the retention
/// period has passed since a newer snapshot of the same type was ingested. Deletion itself goes through
/// <see cref="SnapshotRetention.DeleteIfUnreferencedAsync"/>, which checks the runs and the snapshot in force again;
/// the catalogue entry stays, so the ingest history remains complete. Quarantined extracts have no blob.
/// </summary>
public sealed class SnapshotPurge(Store store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<SnapshotPurgeReport> PurgeAsync(RetentionSettings settings, string actor, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var catalog = new SnapshotCatalog(store);
        var audit = new AuditLog(store.Tables, _clock);
        var deleted = new List<PurgedSnapshot>();
        int notYetDue = 0, referenced = 0;
        foreach (var type in ExtractTypes.All)
        {
            // Newest first: the first is in force; each later one stopped being in force when the earliest-ingested newer one came in.
            DateTimeOffset? supersededAt = null;
            foreach (var snapshot in (await catalog.ListAsync(type, ct)).Where(s => s.Status == SnapshotStatus.Accepted))
            {
                var since = supersededAt;
                supersededAt = supersededAt is { } earlier && earlier < snapshot.IngestedAt ? earlier : snapshot.IngestedAt;
                if (since is not { } vervangenOp || snapshot.Blob is not { } blob) continue;
                if (vervangenOp + settings.GeenAanwijzing > now) { notYetDue++; continue; }
                if (!await store.Blobs.ExistsAsync(StoreNames.SnapshotsContainer, blob, ct)) continue;
                if ((await SnapshotRetention.DeleteIfUnreferencedAsync(store, type, snapshot.Sha256, ct)).Count > 0) { referenced++; continue; }

                await audit.AppendAsync(new AuditEvent(AuditActions.Opschoning, actor, $"{type.Name()}/{snapshot.Sha256}", new Dictionary<string, string>
                {
                    ["snapshot_sha256"] = snapshot.BlobSha256 ?? "",
                    ["vervangen_op"] = vervangenOp.ToUniversalTime().ToString("O"),
                    ["bewaartermijn_dagen"] = settings.GeenAanwijzing.TotalDays.ToString(CultureInfo.InvariantCulture),
                }), ct);
                deleted.Add(new PurgedSnapshot(type, snapshot.Sha256, vervangenOp));
            }
        }
        return new SnapshotPurgeReport(deleted, notYetDue, referenced);
    }
}
