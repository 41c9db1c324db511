using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>The inputs of a risk run and the catalogue entries of the snapshots they came from (to record with the run).</summary>
public sealed record LoadedSnapshots(RunInputs Inputs, IReadOnlyDictionary<ExtractType, SnapshotInfo> Snapshots);

/// <summary>
/// Loads accepted snapshots as <see cref="RunInputs"/>. The small types are read into lists; declarations are
/// streamed from their snapshot blob every time <see cref="RunInputs.Declaraties"/> is enumerated. A type without a
/// snapshot gives an empty list (BAG: null) and is absent from <see cref="LoadedSnapshots.Snapshots"/>.
/// </summary>
public static class SnapshotLoader
{
    /// <summary>Loads the snapshot in force of every type.</summary>
    public static async Task<LoadedSnapshots> LoadInForceAsync(Store store, CancellationToken ct = default)
    {
        var inForce = await new SnapshotCatalog(store).InForceAsync(ct);
        return await LoadAsync(store, inForce, ct);
    }

    /// <summary>Loads exactly the given snapshots (type → SHA-256 of the extract), as an auditor's replay does.</summary>
    public static async Task<LoadedSnapshots> LoadAsync(Store store, IReadOnlyDictionary<ExtractType, string> sha256ByType, CancellationToken ct = default)
    {
        var catalog = new SnapshotCatalog(store);
        var infos = new Dictionary<ExtractType, SnapshotInfo>();
        foreach (var (type, sha) in sha256ByType)
        {
            var info = await catalog.GetAsync(type, sha, ct)
                ?? throw new SnapshotNotFoundException($"Er is geen snapshot van {type.Name()} met sha-256 {sha} in de catalogus.");
            if (info.Status != SnapshotStatus.Accepted || info.Blob is null)
                throw new SnapshotNotFoundException($"Het extract {type.Name()} met sha-256 {sha} is niet geaccepteerd (status {info.Status}).");
            infos[type] = info;
        }
        return await LoadAsync(store, infos, ct);
    }

    private static async Task<LoadedSnapshots> LoadAsync(Store store, IReadOnlyDictionary<ExtractType, SnapshotInfo> infos, CancellationToken ct)
    {
        async Task<List<T>> ReadAll<T>(ExtractType type)
        {
            if (!infos.TryGetValue(type, out var info)) return [];
            await using var stream = await store.Blobs.OpenReadAsync(StoreNames.SnapshotsContainer, info.Blob!, ct);
            return [.. SnapshotFormat.Read<T>(stream, info)];
        }

        var clienten = await ReadAll<Client>(ExtractType.Clienten);
        var aanbieders = await ReadAll<Aanbieder>(ExtractType.Aanbieders);
        var toewijzingen = await ReadAll<Toewijzing>(ExtractType.Toewijzingen);
        var pgb = await ReadAll<PgbOvereenkomst>(ExtractType.PgbOvereenkomsten);
        IReadOnlyList<BagAdres>? bag = infos.ContainsKey(ExtractType.BagAdressen) ? await ReadAll<BagAdres>(ExtractType.BagAdressen) : null;

        Func<IEnumerable<Declaratie>> declaraties = infos.TryGetValue(ExtractType.Declaraties, out var declInfo)
            ? () => StreamDeclaraties(store, declInfo)
            : () => [];
        if (declInfo is not null && !await store.Blobs.ExistsAsync(StoreNames.SnapshotsContainer, declInfo.Blob!, ct))
            throw new SnapshotNotFoundException($"Het snapshotbestand {declInfo.Blob} ontbreekt.");

        return new LoadedSnapshots(new RunInputs(clienten, aanbieders, toewijzingen, pgb, declaraties, bag), infos);
    }

    /// <summary>
    /// Whether a snapshot blob is exactly what was stored at ingest: its SHA-256 matches the catalogue's
    /// <see cref="SnapshotInfo.BlobSha256"/>. For auditors who replay a run from recorded snapshots.
    /// </summary>
    public static async Task<bool> VerifyAsync(Store store, SnapshotInfo info, CancellationToken ct = default)
    {
        if (info.Blob is null || info.BlobSha256 is null) return false;
        try
        {
            await using var stream = await store.Blobs.OpenReadAsync(StoreNames.SnapshotsContainer, info.Blob, ct);
            var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, ct);
            return Convert.ToHexStringLower(hash) == info.BlobSha256;
        }
        catch (BlobNotFoundException)
        {
            return false;
        }
    }

    private static IEnumerable<Declaratie> StreamDeclaraties(Store store, SnapshotInfo info)
    {
        // Enumeration is synchronous (RunInputs' contract); opening a blob is the only await and happens once per pass.
        using var stream = store.Blobs.OpenReadAsync(StoreNames.SnapshotsContainer, info.Blob!).GetAwaiter().GetResult();
        foreach (var row in SnapshotFormat.Read<Declaratie>(stream, info))
            yield return row;
    }
}

public sealed class SnapshotNotFoundException(string message) : Exception(message);
