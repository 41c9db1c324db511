using System.Text.Json;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>What recovery did, one Dutch sentence per action; empty when the store was in order.</summary>
public sealed record RecoveryReport(IReadOnlyList<string> Actions)
{
    public bool DidSomething => Actions.Count > 0;
}

/// <summary>
/// Brings the store back to a state in which every operation is either wholly visible with its audit entries, or not at
/// all. Runs before every verb:
/// <list type="number">
/// <item>removes temporary files of processes that ended (local store);</item>
/// <item>moves the audit head up to the end of the chain when a writer stopped between the two;</item>
/// <item>completes or rolls back every <see cref="OperationIntent"/> whose process ended;</item>
/// <item>removes run records that were never published and are older than the running operation (with their blobs and
/// signal rows), so a retried run starts afresh.</item>
/// </list>
/// A process is 'ended' when it no longer holds its owner lock (local store), or, on a store without such locks,
/// when its intent is older than <see cref="StaleAfter"/>.
/// </summary>
public sealed class Recovery(Store store, TimeProvider? clock = null)
{
    /// <summary>On a store without owner locks (Azure): how old an intent must be before it counts as abandoned.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(6);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<RecoveryReport> RunAsync(CancellationToken ct = default)
    {
        var actions = new List<string>();
        var root = LocalStore.RootOf(store);
        if (root is not null && LocalStore.RemoveOrphanedTempFiles(root, OperationOwner.StartedAt) is { Count: > 0 } temps)
            actions.Add($"{temps.Count} tijdelijk(e) bestand(en) van afgebroken schrijfacties verwijderd");

        var log = new AuditLog(store.Tables, _clock);
        if (await log.RepairHeadAsync(ct))
            actions.Add("de kop van het auditlog bijgewerkt tot de laatste regel (een schrijver stopte tussen regel en kop)");

        var intents = await OperationIntent.ListAsync(store.Tables, ct);
        var abandoned = intents.Where(i => IsAbandoned(root, i)).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        HashSet<(string Intent, string Action)>? logged = null;
        var runEntries = new HashSet<string>(StringComparer.Ordinal);
        async Task<HashSet<(string, string)>> LoggedAsync()
        {
            if (logged is not null) return logged;
            logged = [];
            await foreach (var entry in log.ReadAllAsync(ct))
            {
                if (entry.Details.TryGetValue(OperationIntent.DetailKey, out var id)) logged.Add((id, entry.Action));
                if (entry.Action == AuditActions.Run) runEntries.Add(entry.Subject);
            }
            return logged;
        }

        foreach (var intent in abandoned)
        {
            var seen = await LoggedAsync();
            // A run is complete only once published: an intent that got no further than the record is rolled back.
            var completion = intent.Kind == "run"
                ? new CommitRow(StoreNames.SignalsTable, RiskListStore.PublishedPartition, intent.Subject)
                : intent.Steps[^1].Commit;
            if (intent.Steps.Count > 0 && await ExistsAsync(completion, ct))
            {
                var added = new List<string>();
                foreach (var step in intent.Steps)
                    if (await ExistsAsync(step.Commit, ct) && !seen.Contains((intent.Id, step.Event.Action)))
                    {
                        await log.AppendAsync(step.Event, ct);
                        seen.Add((intent.Id, step.Event.Action));
                        added.Add(step.Event.Action);
                    }
                actions.Add(added.Count > 0
                    ? $"{Kind(intent)} {intent.Subject} was zichtbaar zonder auditregel; toegevoegd: {string.Join(", ", added)}"
                    : $"{Kind(intent)} {intent.Subject} was voltooid; de openstaande handeling is opgeruimd");
            }
            else
            {
                var removed = await RemoveAsync(intent.Blobs, intent.Rows, ct);
                var withEntry = intent.Steps.Where(s => seen.Contains((intent.Id, s.Event.Action))).Select(s => s.Event.Action).ToList();
                if (withEntry.Count > 0)
                    await log.AppendAsync(new AuditEvent(AuditActions.Herstel, "herstel", intent.Subject, new Dictionary<string, string>
                    {
                        [OperationIntent.DetailKey] = intent.Id,
                        ["teruggedraaid"] = intent.Kind,
                        ["eerder_gelogd"] = string.Join(",", withEntry),
                        ["verwijderd"] = removed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }), ct);
                actions.Add($"{Kind(intent)} {intent.Subject} was niet voltooid (het proces stopte); teruggedraaid, {removed} object(en) verwijderd");
            }
            await intent.DeleteAsync(store.Tables, ct);
        }

        // Run records that were never published, older than this operation and not in the hands of a running process.
        var live = intents.Except(abandoned).Select(i => i.Subject).ToHashSet(StringComparer.Ordinal);
        var records = new List<ModelRunRecord>();
        await foreach (var row in store.Tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition, ct))
        {
            ModelRunRecord? record;
            try { record = ModelRunRecord.Parse(row.Json); }
            catch (JsonException) { continue; }
            if (record is not null) records.Add(record);
        }
        foreach (var record in records)
        {
            if (live.Contains(record.RunId) || record.Gestart >= OperationOwner.StartedAt) continue;
            if (await store.Tables.GetAsync(StoreNames.SignalsTable, RiskListStore.PublishedPartition, record.RunId, ct) is not null) continue;
            await LoggedAsync();
            var removed = await RemoveAsync(RunBlobs(record.RunId), RunRows(record.RunId), ct);
            if (runEntries.Contains(record.RunId))
                await log.AppendAsync(new AuditEvent(AuditActions.Herstel, "herstel", record.RunId, new Dictionary<string, string>
                {
                    ["teruggedraaid"] = "run",
                    ["reden"] = "vastgelegd maar nooit gepubliceerd",
                    ["verwijderd"] = removed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }), ct);
            actions.Add($"run {record.RunId} was vastgelegd maar nooit gepubliceerd; verwijderd ({removed} object(en))");
        }
        return new RecoveryReport(actions);
    }

    /// <summary>What a run writes: its blobs under <c>runs/{runId}/</c>.</summary>
    public static IReadOnlyList<string> RunBlobs(string runId) => [$"{StoreNames.RunsContainer}/{runId}/"];

    /// <summary>What a run writes in tables: its record and its signal rows.</summary>
    public static IReadOnlyList<CommitRow> RunRows(string runId) =>
    [
        new(StoreNames.SignalsTable, runId, "*"),
        new(StoreNames.RunsTable, ModelRunRecord.Partition, runId),
    ];

    private bool IsAbandoned(string? root, OperationIntent intent) =>
        root is not null ? !LocalStore.IsOwnerAlive(root, intent.Owner) : intent.Started < _clock.GetUtcNow() - StaleAfter;

    private static string Kind(OperationIntent intent) => intent.Kind == "ingest" ? "inlezen van" : intent.Kind;

    private async Task<bool> ExistsAsync(CommitRow row, CancellationToken ct) =>
        await store.Tables.GetAsync(row.Table, row.PartitionKey, row.RowKey, ct) is not null;

    private async Task<int> RemoveAsync(IReadOnlyList<string> blobs, IReadOnlyList<CommitRow> rows, CancellationToken ct)
    {
        var removed = 0;
        foreach (var blob in blobs)
        {
            var slash = blob.IndexOf('/');
            var (container, name) = (blob[..slash], blob[(slash + 1)..]);
            if (name.EndsWith('/'))
            {
                var names = new List<string>();
                await foreach (var info in store.Blobs.ListAsync(container, name, ct)) names.Add(info.Name);
                foreach (var n in names)
                    if (await store.Blobs.DeleteAsync(container, n, ct)) removed++;
            }
            else if (await store.Blobs.DeleteAsync(container, name, ct)) removed++;
        }
        // Rows last, the record last of all: a run without its record is gone, whatever a second crash leaves behind.
        foreach (var row in rows)
        {
            if (row.RowKey == "*")
            {
                var keys = new List<string>();
                await foreach (var record in store.Tables.QueryAsync(row.Table, row.PartitionKey, ct)) keys.Add(record.RowKey);
                foreach (var key in keys)
                    if (await store.Tables.DeleteAsync(row.Table, row.PartitionKey, key, ct)) removed++;
            }
            else if (await store.Tables.DeleteAsync(row.Table, row.PartitionKey, row.RowKey, ct)) removed++;
        }
        return removed;
    }
}
