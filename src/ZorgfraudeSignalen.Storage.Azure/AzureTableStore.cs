using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Storage.Azure;

/// <summary>
/// Table records in Azure Tables. The record's JSON is kept in the string property <c>Json</c>; a string property
/// holds at most 32K UTF-16 characters, so longer JSON continues in <c>Json1</c>, <c>Json2</c>, ... (an entity
/// holds at most 1 MiB in all). ETags are the service's own, so optimistic concurrency is the service's.
/// </summary>
public sealed class AzureTableStore(TableServiceClient service, AzureStoreOptions options) : ITableStore
{
    private const int ChunkChars = 32 * 1024;
    private const int MaxJsonChars = 15 * ChunkChars; // well inside the 1 MiB entity limit
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new();

    public async Task<TableRecord?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken ct = default)
    {
        var client = Table(table);
        try
        {
            var response = await client.GetEntityIfExistsAsync<TableEntity>(CheckKey(partitionKey), CheckKey(rowKey), cancellationToken: ct);
            return response.HasValue ? ToRecord(response.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no table yet
        }
    }

    public IAsyncEnumerable<TableRecord> QueryAsync(string table, string partitionKey, CancellationToken ct = default) =>
        QueryEntitiesAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {CheckKey(partitionKey)}"), ct);

    public IAsyncEnumerable<TableRecord> QueryAllAsync(string table, CancellationToken ct = default) =>
        QueryEntitiesAsync(table, filter: null, ct);

    public async Task<string> InsertAsync(string table, TableRecord record, CancellationToken ct = default)
    {
        var client = await TableAsync(table, ct);
        try
        {
            var response = await client.AddEntityAsync(ToEntity(record), ct);
            return ETagOf(response);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the record exists already");
        }
    }

    public async Task<string> ReplaceAsync(string table, TableRecord record, string etag, CancellationToken ct = default)
    {
        var client = await TableAsync(table, ct);
        // The service answers 400 to an If-Match that is no table ETag at all; no record ever had that ETag.
        if (!etag.StartsWith("W/\"datetime'", StringComparison.Ordinal))
            throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the ETag is not one this store issued");
        try
        {
            var response = await client.UpdateEntityAsync(ToEntity(record), new ETag(etag), TableUpdateMode.Replace, ct);
            return ETagOf(response);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the record does not exist");
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the record was changed by someone else");
        }
    }

    public async Task<string> UpsertAsync(string table, TableRecord record, CancellationToken ct = default)
    {
        var client = await TableAsync(table, ct);
        return ETagOf(await client.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, ct));
    }

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken ct = default)
    {
        var client = Table(table);
        try
        {
            var response = await client.DeleteEntityAsync(CheckKey(partitionKey), CheckKey(rowKey), ETag.All, ct);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private async IAsyncEnumerable<TableRecord> QueryEntitiesAsync(string table, string? filter, [EnumeratorCancellation] CancellationToken ct)
    {
        // The service returns entities ordered by partition key and then row key.
        var entities = Table(table).QueryAsync<TableEntity>(filter, cancellationToken: ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                bool more;
                try { more = await entities.MoveNextAsync(); }
                catch (RequestFailedException e) when (e.Status == 404) { yield break; } // no table yet
                if (!more) yield break;
                yield return ToRecord(entities.Current);
            }
        }
        finally
        {
            await entities.DisposeAsync();
        }
    }

    private TableClient Table(string table) => service.GetTableClient(options.TableName(table));

    private async Task<TableClient> TableAsync(string table, CancellationToken ct)
    {
        var client = Table(table);
        var creation = _created.GetOrAdd(client.Name, _ => new Lazy<Task>(() => client.CreateIfNotExistsAsync(CancellationToken.None)));
        try
        {
            await creation.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _created.TryRemove(client.Name, out _);
            throw;
        }
        return client;
    }

    private static TableEntity ToEntity(TableRecord record)
    {
        var entity = new TableEntity(CheckKey(record.PartitionKey), CheckKey(record.RowKey));
        var json = record.Json;
        if (json.Length > MaxJsonChars)
            throw new ArgumentException($"Record {record.PartitionKey}/{record.RowKey} has {json.Length} characters of JSON; at most {MaxJsonChars} fit in a table entity. Store large content in a blob.");
        entity["Json"] = json.Length <= ChunkChars ? json : json[..ChunkChars];
        for (int start = ChunkChars, part = 1; start < json.Length; start += ChunkChars, part++)
            entity[$"Json{part}"] = json.Substring(start, Math.Min(ChunkChars, json.Length - start));
        return entity;
    }

    private static TableRecord ToRecord(TableEntity entity)
    {
        var json = entity.GetString("Json") ?? "";
        if (entity.ContainsKey("Json1"))
        {
            var whole = new StringBuilder(json);
            for (var part = 1; entity.GetString($"Json{part}") is { } chunk; part++) whole.Append(chunk);
            json = whole.ToString();
        }
        return new TableRecord(entity.PartitionKey, entity.RowKey, json, entity.ETag.ToString());
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag.");

    /// <summary>Azure Tables' key rules, checked before the request so that both stores refuse the same keys.</summary>
    private static string CheckKey(string key)
    {
        if (key.Length > 1024 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            throw new ArgumentException($"Invalid table key '{key}': at most 1024 characters, none of / \\ # ? or control characters.");
        return key;
    }
}
