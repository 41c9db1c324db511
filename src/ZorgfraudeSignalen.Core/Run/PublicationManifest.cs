using System.Text.Json;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>One stored object of a published run and the SHA-256 of its bytes as stored.</summary>
/// <param name="Naam">Where it is: <c>runs/{runId}/...</c> for a blob, <c>signals/{runId}/{row}</c> for a signal row.</param>
public sealed record StoredObject(string Naam, string Sha256);

/// <summary>
/// The list of everything a publication made visible, each object hashed as it was stored: modelrun.json,
/// risicolijst.csv, every signal row and every signal detail. Written as <c>runs/{runId}/publicatie.json</c> just before
/// the run is marked published; its own SHA-256 goes into the <c>publicatie</c> audit entry, so that <c>verify</c> can
/// check the stored output against it and name the first object that differs.
/// </summary>
public sealed record PublicationManifest(string RunId, IReadOnlyList<StoredObject> Objecten)
{
    public static string BlobName(string runId) => $"{runId}/publicatie.json";

    /// <summary>Hashes what is stored for <paramref name="runId"/> now, in a fixed order.</summary>
    public static async Task<PublicationManifest> ReadStoredAsync(Store store, string runId, CancellationToken ct = default)
    {
        var objects = new List<StoredObject>();
        foreach (var name in new[] { ModelRunRecord.BlobName(runId), ModelRunRecord.CsvBlobName(runId) })
        {
            try { objects.Add(new($"{StoreNames.RunsContainer}/{name}", ContentHash.Sha256(await store.Blobs.ReadBytesAsync(StoreNames.RunsContainer, name, ct)))); }
            catch (BlobNotFoundException) { }
        }
        var rows = new List<StoredObject>();
        await foreach (var row in store.Tables.QueryAsync(StoreNames.SignalsTable, runId, ct))
            rows.Add(new($"{StoreNames.SignalsTable}/{runId}/{row.RowKey}", ContentHash.Sha256(row.Json)));
        objects.AddRange(rows.OrderBy(r => r.Naam, StringComparer.Ordinal));
        var details = new List<string>();
        await foreach (var blob in store.Blobs.ListAsync(StoreNames.RunsContainer, $"{runId}/signalen/", ct)) details.Add(blob.Name);
        foreach (var name in details.Order(StringComparer.Ordinal))
            objects.Add(new($"{StoreNames.RunsContainer}/{name}", ContentHash.Sha256(await store.Blobs.ReadBytesAsync(StoreNames.RunsContainer, name, ct))));
        return new PublicationManifest(runId, objects);
    }

    public string ToJson() => JsonSerializer.Serialize(this, ModelRunRecord.Json);

    public static PublicationManifest? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<PublicationManifest>(json, ModelRunRecord.Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>
    /// Every difference between the objects recorded at publication (this) and those stored now, in the manifest's
    /// order: an object changed, missing or added. Empty when they are the same.
    /// </summary>
    public IReadOnlyList<(string Naam, string Problem)> Compare(PublicationManifest now)
    {
        var current = now.Objecten.ToDictionary(o => o.Naam, o => o.Sha256, StringComparer.Ordinal);
        var differences = new List<(string, string)>();
        foreach (var recorded in Objecten)
        {
            if (!current.Remove(recorded.Naam, out var hash)) differences.Add((recorded.Naam, $"{recorded.Naam} is missing (it was published)"));
            else if (hash != recorded.Sha256) differences.Add((recorded.Naam, $"{recorded.Naam} differs from what was published: SHA-256 {hash}, recorded at publication {recorded.Sha256}"));
        }
        foreach (var extra in current.Keys.Order(StringComparer.Ordinal))
            differences.Add((extra, $"{extra} was added after publication"));
        return differences;
    }
}
