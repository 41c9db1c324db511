using System.Runtime.CompilerServices;
using System.Text.Json;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// Published risk lists on the store: one signals-table partition per run (row key = provider id), and each
/// signal's detail as a blob <c>runs/{runId}/signalen/{aanbiederId}.json</c>. A run's list is written once.
/// </summary>
public sealed class RiskListStore(Store store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    /// <summary>The signals-table partition of the publication markers (row key = run id): a run's commit point of publication.</summary>
    public const string PublishedPartition = "gepubliceerd";

    /// <summary>Writes the details first and the list after, then marks the run published; a retry finds it marked and does nothing.</summary>
    public async Task<bool> PublishAsync(string runId, IReadOnlyList<SignalDetail> details, CancellationToken ct = default)
    {
        if (await IsPublishedAsync(runId, ct)) return false;
        await WriteAsync(runId, details, ct);
        return await MarkPublishedAsync(runId, details.Count, ct);
    }

    /// <summary>Writes every signal's detail and row; nothing is visible as published until <see cref="MarkPublishedAsync"/>.</summary>
    public async Task WriteAsync(string runId, IReadOnlyList<SignalDetail> details, CancellationToken ct = default)
    {
        foreach (var detail in details)
        {
            var signal = detail.Signal;
            await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, DetailBlob(runId, signal.AanbiederId), JsonSerializer.Serialize(detail, Json), ct);
            await store.Tables.UpsertAsync(StoreNames.SignalsTable, new TableRecord(runId, RowKey(signal.AanbiederId), JsonSerializer.Serialize(signal, Json)), ct);
        }
    }

    /// <summary>The commit point of a publication: the marker row. False when the run was marked already (a concurrent delivery).</summary>
    public async Task<bool> MarkPublishedAsync(string runId, int signals, CancellationToken ct = default)
    {
        try
        {
            await store.Tables.InsertAsync(StoreNames.SignalsTable,
                new TableRecord(PublishedPartition, runId, JsonSerializer.Serialize(new PublishedRun(runId, signals, DateTimeOffset.UtcNow), Json)), ct);
            return true;
        }
        catch (TableConflictException)
        {
            return false; // published concurrently by a retried delivery
        }
    }

    public async Task<bool> IsPublishedAsync(string runId, CancellationToken ct = default) =>
        await store.Tables.GetAsync(StoreNames.SignalsTable, PublishedPartition, runId, ct) is not null;

    /// <summary>Published runs, oldest first (run ids sort by time).</summary>
    public async IAsyncEnumerable<PublishedRun> PublishedRunsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var record in store.Tables.QueryAsync(StoreNames.SignalsTable, PublishedPartition, ct))
            yield return JsonSerializer.Deserialize<PublishedRun>(record.Json, Json)!;
    }

    /// <summary>The signals of a run in rank order.</summary>
    public async Task<IReadOnlyList<Signal>> SignalsAsync(string runId, CancellationToken ct = default)
    {
        var signals = new List<Signal>();
        await foreach (var record in store.Tables.QueryAsync(StoreNames.SignalsTable, runId, ct))
            signals.Add(JsonSerializer.Deserialize<Signal>(record.Json, Json)!);
        signals.Sort((a, b) => a.Rang.CompareTo(b.Rang));
        return signals;
    }

    public async Task<SignalDetail?> DetailAsync(string runId, string aanbiederId, CancellationToken ct = default)
    {
        try
        {
            var json = await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, DetailBlob(runId, aanbiederId), ct);
            return JsonSerializer.Deserialize<SignalDetail>(json, Json);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    internal static string DetailBlob(string runId, string aanbiederId) => $"{runId}/signalen/{Uri.EscapeDataString(aanbiederId)}.json";

    // Provider ids are AGB codes or KvK numbers; escape anything Azure Tables refuses in a key.
    private static string RowKey(string aanbiederId) => Uri.EscapeDataString(aanbiederId);
}

public sealed record PublishedRun(string RunId, int Signalen, DateTimeOffset GepubliceerdOp);
