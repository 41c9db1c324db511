using System.Security.Cryptography;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>One snapshot of a run as found now: whether it is still there and still the same bytes.</summary>
/// <param name="Problem">Null when the snapshot is whole; otherwise what is wrong, in plain words.</param>
public sealed record SnapshotCheck(ExtractType Type, string Sha256, string? Blob, string? ExpectedBlobSha256, string? ActualBlobSha256, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>Checks the snapshots a run used against the catalogue and the hashes recorded at ingest.</summary>
public static class SnapshotIntegrity
{
    public static async Task<IReadOnlyList<SnapshotCheck>> CheckAsync(Store store, IReadOnlyDictionary<ExtractType, string> sha256ByType, CancellationToken ct = default)
    {
        var catalog = new SnapshotCatalog(store);
        var checks = new List<SnapshotCheck>();
        foreach (var (type, sha) in sha256ByType.OrderBy(kv => kv.Key))
        {
            var info = await catalog.GetAsync(type, sha, ct);
            if (info is null)
            {
                checks.Add(new SnapshotCheck(type, sha, null, null, null, $"snapshot {type.Name()} {sha} is not in the catalogue (removed)"));
                continue;
            }
            if (info.Status != SnapshotStatus.Accepted || info.Blob is null)
            {
                checks.Add(new SnapshotCheck(type, sha, info.Blob, info.BlobSha256, null, $"snapshot {type.Name()} {sha} has status {info.Status}, not accepted"));
                continue;
            }
            string actual;
            try
            {
                await using var stream = await store.Blobs.OpenReadAsync(StoreNames.SnapshotsContainer, info.Blob, ct);
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            }
            catch (BlobNotFoundException)
            {
                checks.Add(new SnapshotCheck(type, sha, info.Blob, info.BlobSha256, null, $"snapshot blob {info.Blob} of {type.Name()} is missing"));
                continue;
            }
            var problem = info.BlobSha256 is null
                ? $"snapshot {type.Name()} {sha} has no recorded blob hash, so it cannot be checked"
                : !string.Equals(info.BlobSha256, actual, StringComparison.OrdinalIgnoreCase)
                    ? $"snapshot blob {info.Blob} of {type.Name()} was altered: SHA-256 {actual}, recorded at ingest {info.BlobSha256}"
                    : null;
            checks.Add(new SnapshotCheck(type, sha, info.Blob, info.BlobSha256, actual, problem));
        }
        return checks;
    }
}
