using System.Security.Cryptography;
using System.Text;
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
/// so a changed, removed or reordered entry breaks the chain. Appends race through the store's insert-if-absent,
/// so concurrent writers never fork the chain.
/// </summary>
public sealed class AuditLog(ITableStore tables, TimeProvider? clock = null)
{
    private const string Partition = "log";
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private AuditEntry? _last; // the head as this instance last saw it; a conflict on insert means it moved on

    public async Task<AuditEntry> AppendAsync(AuditEvent e, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt == 0 && _last is not null ? _last : await LastAsync(ct);
            var sequence = (last?.Sequence ?? 0) + 1;
            var previous = last?.Hash ?? GenesisHash;
            var at = _clock.GetUtcNow();
            var details = new SortedDictionary<string, string>(e.Details?.ToDictionary() ?? [], StringComparer.Ordinal);
            var entry = new AuditEntry(sequence, at, e.Action, e.Actor, e.Subject, details, previous, "");
            entry = entry with { Hash = HashOf(entry) };
            try
            {
                await tables.InsertAsync(StoreNames.AuditTable, new TableRecord(Partition, RowKey(sequence), JsonSerializer.Serialize(entry, Json)), ct);
                return _last = entry;
            }
            catch (TableConflictException) when (attempt < 50)
            {
                // another writer took this sequence number; chain onto its entry instead
            }
        }
    }

    /// <summary>All entries in order of sequence.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var record in tables.QueryAsync(StoreNames.AuditTable, Partition, ct))
            yield return JsonSerializer.Deserialize<AuditEntry>(record.Json, Json)!;
    }

    /// <summary>Walks the chain and returns the first broken link, or null when the chain is whole.</summary>
    public async Task<AuditBreak?> VerifyAsync(CancellationToken ct = default)
    {
        var expectedPrevious = GenesisHash;
        long expectedSequence = 1;
        await foreach (var record in tables.QueryAsync(StoreNames.AuditTable, Partition, ct))
        {
            AuditEntry? entry;
            try { entry = JsonSerializer.Deserialize<AuditEntry>(record.Json, Json); }
            catch (JsonException) { entry = null; }
            if (entry is null)
                return new AuditBreak(expectedSequence, $"entry {record.RowKey} cannot be read");
            if (entry.Sequence != expectedSequence || record.RowKey != RowKey(entry.Sequence))
                return new AuditBreak(expectedSequence, $"expected entry {expectedSequence}, found entry {entry.Sequence} (removed or reordered)");
            if (entry.PreviousHash != expectedPrevious)
                return new AuditBreak(entry.Sequence, "its link to the previous entry does not match (an entry before it was changed, removed or reordered)");
            if (HashOf(entry with { Hash = "" }) != entry.Hash)
                return new AuditBreak(entry.Sequence, "its content does not match its hash (the entry was changed)");
            expectedPrevious = entry.Hash;
            expectedSequence++;
        }
        return null;
    }

    private async Task<AuditEntry?> LastAsync(CancellationToken ct)
    {
        AuditEntry? last = null;
        await foreach (var entry in ReadAllAsync(ct)) last = entry;
        return last;
    }

    private static string RowKey(long sequence) => sequence.ToString("D19");

    /// <summary>SHA-256 over a fixed, unambiguous rendering of every field but the hash itself.</summary>
    internal static string HashOf(AuditEntry entry)
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            entry.Sequence, entry.At.ToUniversalTime().ToString("O"), entry.Action, entry.Actor, entry.Subject,
            entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new[] { d.Key, d.Value }).ToArray(),
            entry.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>The first place where the chain does not hold.</summary>
public sealed record AuditBreak(long Sequence, string Reason)
{
    public override string ToString() => $"audit log broken at entry {Sequence}: {Reason}";
}
