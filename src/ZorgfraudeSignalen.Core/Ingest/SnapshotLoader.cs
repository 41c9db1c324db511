using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Ingest;

/// <summary>The inputs of a risk run and the catalogue entries of the snapshots they came from (to record with the run).</summary>
public sealed record LoadedSnapshots(RunTables Inputs, IReadOnlyDictionary<ExtractType, SnapshotInfo> Snapshots)
{
    internal Store? Store { get; init; }

    /// <summary>The same snapshots as records, one object per row: for small extracts and for checking what was stored.</summary>
    public Task<RunInputs> ReadRecordsAsync(CancellationToken ct = default) => SnapshotLoader.ReadRecordsAsync(Store!, Snapshots, ct);
}

/// <summary>
/// Loads accepted snapshots as the <see cref="RunTables"/> of a run: each row is read and added to its table at once,
/// so no extract is ever held as records. Declarations are streamed from their snapshot blob every time
/// <see cref="RunTables.Declaraties"/> is enumerated. A type without a snapshot gives an empty table (BAG: none) and is
/// absent from <see cref="LoadedSnapshots.Snapshots"/>. Every read of a snapshot is checked against the hash recorded
/// at ingest as it goes (<see cref="CheckedSnapshotRead"/>): the tables' snapshots while they load, the declarations in
/// each pass over them. A damaged or missing snapshot fails that read with <see cref="SnapshotDamagedException"/>, so a
/// run on it stops before it publishes anything and the previous published list stays in force.
/// </summary>
public static class SnapshotLoader
{
    /// <summary>Loads the snapshot in force of every type.</summary>
    /// <param name="progress">Told, per snapshot, how many rows were loaded in how many seconds.</param>
    public static async Task<LoadedSnapshots> LoadInForceAsync(Store store, CancellationToken ct = default, IProgress<string>? progress = null) =>
        await LoadAsync(store, await new SnapshotCatalog(store).InForceAsync(ct), ct, progress);

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

    private static async Task<LoadedSnapshots> LoadAsync(Store store, IReadOnlyDictionary<ExtractType, SnapshotInfo> infos, CancellationToken ct,
        IProgress<string>? progress = null)
    {
        int Rows(ExtractType type) => infos.TryGetValue(type, out var info) ? (int)Math.Min(info.RowsAccepted, int.MaxValue) : 0;
        async Task Stream<T>(ExtractType type, Action<T> add)
        {
            if (!infos.TryGetValue(type, out var info)) return;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await ForEachRowAsync(store, info, add, ct);
            progress?.Report(string.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"),
                $"{type.Name()}: {info.RowsAccepted:N0} regels geladen in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        var tables = new RunTables.Builder(Rows(ExtractType.Clienten), Rows(ExtractType.Toewijzingen),
            infos.ContainsKey(ExtractType.BagAdressen) ? Rows(ExtractType.BagAdressen) : null);
        // Clients before the relations, so that client numbers are clienten rows; BAG on the side, it is independent.
        async Task Relations()
        {
            await Stream<Client>(ExtractType.Clienten, tables.Clients.Add);
            await Stream<Aanbieder>(ExtractType.Aanbieders, tables.AddProvider);
            await Stream<Toewijzing>(ExtractType.Toewijzingen, tables.AddAllocation);
            await Stream<PgbOvereenkomst>(ExtractType.PgbOvereenkomsten, tables.AddAgreement);
        }
        var bag = tables.Bag is { } index ? Task.Run(() => Stream<BagAdres>(ExtractType.BagAdressen, index.Add), ct) : Task.CompletedTask;
        await Task.WhenAll(bag, Relations()); // both finish, also when one fails

        infos.TryGetValue(ExtractType.Declaraties, out var declInfo);
        if (declInfo is not null && !await store.Blobs.ExistsAsync(StoreNames.SnapshotsContainer, declInfo.Blob!, ct))
            throw SnapshotDamagedException.Missing(declInfo);

        Func<IEnumerable<DeclarationLine>>? lines = declInfo is null ? null
            : () => StreamBlob(store, declInfo, stream => SnapshotFormat.ReadInto(stream, declInfo, new DeclarationLine(), static (r, l) => DeclarationLineReader.Read(r, l)));
        return new LoadedSnapshots(tables.Build(Declarations(store, infos), lines, declInfo?.LaatsteDatum), infos) { Store = store };
    }

    /// <summary>The snapshots as records (see <see cref="LoadedSnapshots.ReadRecordsAsync"/>).</summary>
    internal static async Task<RunInputs> ReadRecordsAsync(Store store, IReadOnlyDictionary<ExtractType, SnapshotInfo> infos, CancellationToken ct)
    {
        async Task<List<T>> ReadAll<T>(ExtractType type)
        {
            var rows = new List<T>();
            if (infos.TryGetValue(type, out var info)) await ForEachRowAsync<T>(store, info, rows.Add, ct);
            return rows;
        }

        var clienten = await ReadAll<Client>(ExtractType.Clienten);
        var aanbieders = await ReadAll<Aanbieder>(ExtractType.Aanbieders);
        var toewijzingen = await ReadAll<Toewijzing>(ExtractType.Toewijzingen);
        var pgb = await ReadAll<PgbOvereenkomst>(ExtractType.PgbOvereenkomsten);
        IReadOnlyList<BagAdres>? bag = infos.ContainsKey(ExtractType.BagAdressen) ? await ReadAll<BagAdres>(ExtractType.BagAdressen) : null;
        return new RunInputs(clienten, aanbieders, toewijzingen, pgb, Declarations(store, infos), bag);
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

    private static async Task ForEachRowAsync<T>(Store store, SnapshotInfo info, Action<T> add, CancellationToken ct)
    {
        using var read = await CheckedSnapshotRead.OpenAsync(store, info, ct);
        foreach (var row in read.Rows(stream => SnapshotFormat.Read<T>(stream, info))) add(row);
    }

    /// <summary>The declarations as records, streamed from their snapshot on every enumeration (none without a snapshot).</summary>
    private static Func<IEnumerable<Declaratie>> Declarations(Store store, IReadOnlyDictionary<ExtractType, SnapshotInfo> infos) =>
        infos.TryGetValue(ExtractType.Declaraties, out var info)
            ? () => StreamBlob(store, info, stream => SnapshotFormat.Read<Declaratie>(stream, info))
            : () => [];

    private static IEnumerable<T> StreamBlob<T>(Store store, SnapshotInfo info, Func<Stream, IEnumerable<T>> read)
    {
        // Enumeration is synchronous (RunInputs' contract); opening a blob is the only await and happens once per pass.
        using var checkedRead = CheckedSnapshotRead.OpenAsync(store, info, default).GetAwaiter().GetResult();
        foreach (var row in checkedRead.Rows(read))
            yield return row;
    }
}

public sealed class SnapshotNotFoundException(string message) : Exception(message);

/// <summary>A snapshot in force whose stored bytes no longer match the hash recorded at ingest, or that is gone.</summary>
public sealed class SnapshotDamagedException(string message, Exception? inner = null) : Exception(message, inner)
{
    internal static SnapshotDamagedException Missing(SnapshotInfo info) =>
        Refusal($"Het snapshot van {info.Type.Name()} (sha-256 {info.Sha256}) ontbreekt in de opslag.", null);

    /// <param name="failure">What reading the damaged bytes led to, if it failed before the end.</param>
    internal static SnapshotDamagedException Altered(SnapshotInfo info, string actualBlobSha256, Exception? failure) =>
        Refusal($"Het snapshot van {info.Type.Name()} ({info.Blob}) is beschadigd: sha-256 {actualBlobSha256}, bij het inlezen vastgelegd {info.BlobSha256}.", failure);

    private static SnapshotDamagedException Refusal(string problem, Exception? inner) =>
        new(problem + " De run is niet uitgevoerd; de vorige gepubliceerde lijst blijft van kracht. Lees het extract opnieuw in (een nieuwe levering) of herstel het snapshot uit een back-up.", inner);
}
