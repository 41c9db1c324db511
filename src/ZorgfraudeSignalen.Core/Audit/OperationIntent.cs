using System.Text.Json;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Audit;

/// <summary>A table row whose existence is an operation's commit point.</summary>
public sealed record CommitRow(string Table, string PartitionKey, string RowKey);

/// <summary>One commit point of an operation and the audit entry that must accompany it.</summary>
public sealed record IntentStep(CommitRow Commit, AuditEvent Event);

/// <summary>
/// What an operation is about to make visible, written before its first commit point and removed after its last
/// audit entry. A process that dies in between leaves the intent behind; <see cref="Recovery"/> then either completes it
/// (its last commit row exists: every missing audit entry is appended) or rolls it back (the last commit row is absent:
/// everything it names is removed). Table <c>intents</c>, partition <c>open</c>, row key = <see cref="Id"/>.
/// </summary>
/// <param name="Kind">'ingest' or 'run'.</param>
/// <param name="Owner">The <see cref="OperationOwner.Id"/> of the process that wrote it.</param>
/// <param name="Steps">The commit points in order, each with its audit entry; the last one is the operation's own.</param>
/// <param name="Blobs">Blobs (<c>container/name</c>) and blob prefixes (ending in '/') to remove on a roll-back.</param>
/// <param name="Rows">Table rows to remove on a roll-back; a row key of "*" removes the whole partition.</param>
public sealed record OperationIntent(
    string Id,
    string Kind,
    string Subject,
    string Owner,
    DateTimeOffset Started,
    IReadOnlyList<IntentStep> Steps,
    IReadOnlyList<string> Blobs,
    IReadOnlyList<CommitRow> Rows)
{
    public const string Table = "intents";
    public const string Partition = "open";
    /// <summary>The audit detail that ties an entry to the intent it completes, so that recovery never appends it twice.</summary>
    public const string DetailKey = "handeling";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NewId(DateTimeOffset at) => $"{at.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{OperationOwner.Id}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The event with the intent's id among its details.</summary>
    public static AuditEvent Tagged(string intentId, AuditEvent e) =>
        e with { Details = new Dictionary<string, string>(e.Details ?? new Dictionary<string, string>()) { [DetailKey] = intentId } };

    public Task SaveAsync(ITableStore tables, CancellationToken ct) =>
        tables.UpsertAsync(Table, new TableRecord(Partition, Id, JsonSerializer.Serialize(this, Json)), ct);

    public Task DeleteAsync(ITableStore tables, CancellationToken ct) => tables.DeleteAsync(Table, Partition, Id, ct);

    public static async Task<IReadOnlyList<OperationIntent>> ListAsync(ITableStore tables, CancellationToken ct)
    {
        var list = new List<OperationIntent>();
        await foreach (var record in tables.QueryAsync(Table, Partition, ct))
        {
            OperationIntent? intent;
            try { intent = JsonSerializer.Deserialize<OperationIntent>(record.Json, Json); }
            catch (JsonException) { intent = null; }
            // A record cut short cannot be: table writes are atomic. An unreadable one is left for a person to look at.
            if (intent is not null) list.Add(intent);
        }
        return list;
    }

    /// <summary>Appends the step's audit entry now (the operation itself, after its commit point).</summary>
    public Task AppendAsync(AuditLog log, int step, CancellationToken ct) => log.AppendAsync(Steps[step].Event, ct);
}
