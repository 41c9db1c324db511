using System.Text.Json;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Audit;

/// <summary>What happened, by whom, to what. <see cref="Details"/> holds hashes and ids, never personal data.</summary>
public sealed record AuditEvent(string Action, string Actor, string Subject, IReadOnlyDictionary<string, string>? Details = null);

/// <summary>One link of the chain: the event, its place, time, the previous entry's hash and its own hash.</summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Action,
    string Actor,
    string Subject,
    IReadOnlyDictionary<string, string> Details,
    string PreviousHash,
    string Hash);

/// <summary>
/// The append-only, hash-chained audit log on the table store: each entry carries the hash of the previous one,
/// so a changed, removed or reordered entry breaks the chain. Appends race through the store's insert-if-absent
/// on the next sequence number, so concurrent writers never fork the chain: of two writers that computed the same
/// next entry, one insert wins and the other chains onto the winner.
/// <para>
/// A chain alone cannot show that its newest entries were cut off, so a head record (in its own partition) keeps
/// the sequence and hash of the newest entry known to a writer; <see cref="VerifyAsync"/> checks the chain against it.
/// The head is also where an append starts looking for the end of the chain, so an append reads a few records,
/// not the whole log. For protection against someone who can rewrite the whole table, note the head that
/// <c>audit verify</c> prints in a separate place and check it later with <see cref="VerifyAsync(AuditAnchor?, CancellationToken)"/>.
/// </para>
/// </summary>
public sealed class AuditLog(ITableStore tables, TimeProvider? clock = null)
{
    private const string Partition = "log";
    private const string HeadPartition = "head";
    private const string HeadRow = "head";
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private AuditEntry? _last; // the end of the chain as this instance last saw it; a conflict on insert means it moved on

    public async Task<AuditEntry> AppendAsync(AuditEvent e, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(e.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(e.Actor);
        var details = new SortedDictionary<string, string>(e.Details?.ToDictionary() ?? [], StringComparer.Ordinal);
        var last = _last ?? await FindEndAsync(await ReadHeadAsync(ct) is { } head ? head.Sequence : 0, ct);
        for (var attempt = 0; ; attempt++)
        {
            var entry = new AuditEntry((last?.Sequence ?? 0) + 1, _clock.GetUtcNow(), e.Action, e.Actor, e.Subject, details, last?.Hash ?? GenesisHash, "");
            entry = entry with { Hash = HashOf(entry) };
            try
            {
                await tables.InsertAsync(StoreNames.AuditTable, new TableRecord(Partition, RowKey(entry.Sequence), JsonSerializer.Serialize(entry, Json)), ct);
            }
            catch (TableConflictException) when (attempt < 200)
            {
                // Another writer took this sequence number: walk forward to the new end and chain onto it.
                last = await FindEndAsync(entry.Sequence, ct);
                if (attempt > 2) await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
                continue;
            }
            _last = entry;
            await AdvanceHeadAsync(entry, ct);
            return entry;
        }
    }

    /// <summary>
    /// Moves the head up to the end of the chain when a writer stopped between an entry and the head (recovery does
    /// this before any verb). Returns whether it moved.
    /// </summary>
    public async Task<bool> RepairHeadAsync(CancellationToken ct = default)
    {
        var head = await ReadHeadAsync(ct);
        if (head is { Sequence: long.MaxValue }) return false; // unreadable: for a person to look at, not to paper over
        var end = await FindEndAsync(head?.Sequence ?? 0, ct);
        if (end is null || (head is not null && head.Sequence >= end.Sequence)) return false;
        await AdvanceHeadAsync(end, ct);
        return true;
    }

    /// <summary>All entries in order of sequence.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var record in tables.QueryAsync(StoreNames.AuditTable, Partition, ct))
            yield return JsonSerializer.Deserialize<AuditEntry>(record.Json, Json)!;
    }

    /// <summary>The newest entry a writer recorded as the head, or null before the first append.</summary>
    public async Task<AuditAnchor?> ReadHeadAsync(CancellationToken ct = default)
    {
        var record = await tables.GetAsync(StoreNames.AuditTable, HeadPartition, HeadRow, ct);
        if (record is null) return null;
        try { return JsonSerializer.Deserialize<AuditAnchor>(record.Json, Json); }
        catch (JsonException) { return new AuditAnchor(long.MaxValue, "unreadable"); }
    }

    /// <summary>Walks the chain and returns the first broken link, or null when the chain is whole.</summary>
    public Task<AuditBreak?> VerifyAsync(CancellationToken ct = default) => VerifyAsync(null, ct);

    /// <summary>
    /// Walks the chain and returns the first broken link, or null when the chain is whole, reaches the stored head
    /// and, when given, contains the entry <paramref name="anchor"/> noted earlier (outside this store) with the same hash.
    /// </summary>
    public async Task<AuditBreak?> VerifyAsync(AuditAnchor? anchor, CancellationToken ct = default)
    {
        var head = await ReadHeadAsync(ct);
        var expectedPrevious = GenesisHash;
        long expectedSequence = 1;
        var hashes = new Dictionary<long, string>();
        await foreach (var record in tables.QueryAsync(StoreNames.AuditTable, Partition, ct))
        {
            AuditEntry? entry;
            try { entry = JsonSerializer.Deserialize<AuditEntry>(record.Json, Json); }
            catch (JsonException) { entry = null; }
            if (entry is null || entry.Details is null || entry.Action is null || entry.Actor is null || entry.Subject is null || entry.Hash is null || entry.PreviousHash is null)
                return new AuditBreak(expectedSequence, $"entry {record.RowKey.TrimStart('0')} cannot be read");
            if (record.RowKey != RowKey(entry.Sequence))
                return new AuditBreak(expectedSequence, $"the record stored as entry {record.RowKey.TrimStart('0')} says it is entry {entry.Sequence} (entries were swapped or moved)");
            if (entry.Sequence != expectedSequence)
                return new AuditBreak(expectedSequence, entry.Sequence > expectedSequence
                    ? $"entry {expectedSequence} is missing; the next entry found is {entry.Sequence} (removed)"
                    : $"expected entry {expectedSequence}, found entry {entry.Sequence} (reordered)");
            if (HashOf(entry) != entry.Hash)
                return new AuditBreak(entry.Sequence, "its content does not match its hash (the entry was changed)");
            if (entry.PreviousHash != expectedPrevious)
                return new AuditBreak(entry.Sequence, $"its link to entry {entry.Sequence - 1} does not match that entry's hash (entry {entry.Sequence - 1} was changed or replaced, or this one was moved)");
            if (anchor is not null && entry.Sequence == anchor.Sequence) hashes[entry.Sequence] = entry.Hash;
            if (head is not null && entry.Sequence == head.Sequence) hashes[entry.Sequence] = entry.Hash;
            expectedPrevious = entry.Hash;
            expectedSequence++;
        }
        var count = expectedSequence - 1;
        if (head is null && count > 0)
            return new AuditBreak(count, "the chain has entries but its head record is missing (removed; or a writer stopped between an entry and the head, which the next append repairs)");
        foreach (var (name, expected) in new[] { ("the recorded head", head), ("the anchor given", anchor) })
        {
            if (expected is null) continue;
            if (expected.Sequence > count)
                return new AuditBreak(count + 1, $"{name} is entry {expected.Sequence}, but the chain ends at entry {count} (entries at the end were removed)");
            if (hashes[expected.Sequence] != expected.Hash)
                return new AuditBreak(expected.Sequence, $"its hash differs from {name} (the chain was rewritten from here on)");
        }
        return null;
    }

    /// <summary>
    /// The last entry at or after <paramref name="from"/>: point reads forward until one is missing. The head may lag
    /// behind the end (writers update it after their insert, without ordering), never the other way round.
    /// </summary>
    private async Task<AuditEntry?> FindEndAsync(long from, CancellationToken ct)
    {
        AuditEntry? last = null;
        for (var sequence = Math.Max(from, 1); ; sequence++)
        {
            var record = await tables.GetAsync(StoreNames.AuditTable, Partition, RowKey(sequence), ct);
            if (record is null) break;
            last = JsonSerializer.Deserialize<AuditEntry>(record.Json, Json);
        }
        if (last is null && from > 1)
            return await LastByScanAsync(ct); // the head points past the end: the log was cut, fall back to reading it
        return last;
    }

    private async Task<AuditEntry?> LastByScanAsync(CancellationToken ct)
    {
        AuditEntry? last = null;
        await foreach (var entry in ReadAllAsync(ct)) last = entry;
        return last;
    }

    /// <summary>Moves the head forward with an ETag check, so that it never moves back when writers race.</summary>
    private async Task AdvanceHeadAsync(AuditEntry entry, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(new AuditAnchor(entry.Sequence, entry.Hash), Json);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await tables.GetAsync(StoreNames.AuditTable, HeadPartition, HeadRow, ct);
            try
            {
                if (current is null)
                {
                    await tables.InsertAsync(StoreNames.AuditTable, new TableRecord(HeadPartition, HeadRow, json), ct);
                    return;
                }
                var seen = JsonSerializer.Deserialize<AuditAnchor>(current.Json, Json);
                if (seen is not null && seen.Sequence >= entry.Sequence) return; // a later writer moved it further already
                await tables.ReplaceAsync(StoreNames.AuditTable, new TableRecord(HeadPartition, HeadRow, json), current.ETag!, ct);
                return;
            }
            catch (TableConflictException)
            {
                // raced with another writer's head update: look again
            }
        }
        // The entry is in the chain either way; a lagging head only makes the next append walk a little further.
    }

    private static string RowKey(long sequence) => sequence.ToString("D19");

    /// <summary>
    /// SHA-256 (lower-case hex) over a fixed, unambiguous rendering of every field but the hash itself: the JSON array
    /// [sequence, time in UTC as ISO 8601 "O", action, actor, subject, [[key, value], ...] sorted by key, previous hash].
    /// Public so that an auditor's own tool can recompute it; docs/verantwoording.md describes it.
    /// </summary>
    public static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            entry.Sequence, entry.At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture), entry.Action, entry.Actor, entry.Subject,
            entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new[] { d.Key, d.Value }).ToArray(),
            entry.PreviousHash,
        });
        return ContentHash.Sha256(canonical);
    }
}

/// <summary>An entry's sequence number and hash: the head of the chain, or a point noted by an auditor to check later.</summary>
public sealed record AuditAnchor(long Sequence, string Hash)
{
    public override string ToString() => $"{Sequence}:{Hash}";

    public static bool TryParse(string text, out AuditAnchor? anchor)
    {
        anchor = null;
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], out var sequence) || sequence < 1 || parts[1].Length != 64) return false;
        anchor = new AuditAnchor(sequence, parts[1].ToLowerInvariant());
        return true;
    }
}

/// <summary>The first place where the chain does not hold.</summary>
public sealed record AuditBreak(long Sequence, string Reason)
{
    public override string ToString() => $"audit log broken at entry {Sequence}: {Reason}";
}
