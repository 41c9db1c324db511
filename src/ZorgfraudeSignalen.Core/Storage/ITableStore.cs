namespace ZorgfraudeSignalen.Core.Storage;

/// <summary>
/// Small records addressed by partition and row key, with ETag optimistic concurrency:
/// snapshot catalogue, signals, assessments, model runs, the audit log.
/// Implemented by the local folder store and by Azure Tables; both pass the same contract tests.
/// Keep a record's JSON well under 32 KB (Azure Tables' limit per string property); large content belongs in a blob.
/// </summary>
public interface ITableStore
{
    Task<TableRecord?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken ct = default);

    /// <summary>All records of one partition, in ordinal row-key order.</summary>
    IAsyncEnumerable<TableRecord> QueryAsync(string table, string partitionKey, CancellationToken ct = default);

    /// <summary>All records of a table, ordered by partition key and then row key.</summary>
    IAsyncEnumerable<TableRecord> QueryAllAsync(string table, CancellationToken ct = default);

    /// <summary>Adds a record that must not exist yet; throws <see cref="TableConflictException"/> when it does. Returns the new ETag.</summary>
    Task<string> InsertAsync(string table, TableRecord record, CancellationToken ct = default);

    /// <summary>Replaces a record only when its ETag still matches; throws <see cref="TableConflictException"/> otherwise. Returns the new ETag.</summary>
    Task<string> ReplaceAsync(string table, TableRecord record, string etag, CancellationToken ct = default);

    /// <summary>Inserts or overwrites without a concurrency check. Returns the new ETag.</summary>
    Task<string> UpsertAsync(string table, TableRecord record, CancellationToken ct = default);

    /// <summary>Deletes a record; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken ct = default);
}

/// <summary>One record: its keys and its content as a JSON document. <see cref="ETag"/> is set on records read from the store.</summary>
public sealed record TableRecord(string PartitionKey, string RowKey, string Json, string? ETag = null);

/// <summary>An insert of an existing key, or a replace whose ETag no longer matches.</summary>
public sealed class TableConflictException(string table, string partitionKey, string rowKey, string reason)
    : Exception($"Conflict on {table}/{partitionKey}/{rowKey}: {reason}")
{
    public string Table { get; } = table;
    public string PartitionKey { get; } = partitionKey;
    public string RowKey { get; } = rowKey;
}

/// <summary>Both stores together: what every stage of the pipeline receives.</summary>
public sealed record Store(IBlobStore Blobs, ITableStore Tables);
