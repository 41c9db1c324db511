using System.Runtime.CompilerServices;
using System.Text;

namespace ZorgfraudeSignalen.Core.Storage.Local;

/// <summary>
/// Table records as files under <c>{root}/tables/{table}/{partition}/{row}</c>: the ETag on the first line, the JSON after it.
/// Every change goes through a temporary file and a rename, under a per-table lock file so that concurrent
/// processes see ETag conflicts exactly as they would on Azure Tables.
/// </summary>
public sealed class LocalTableStore : ITableStore
{
    private readonly string _root;

    public LocalTableStore(string root)
    {
        _root = Path.GetFullPath(Path.Combine(root, "tables"));
        Directory.CreateDirectory(_root);
        LocalStore.HoldOwnerLock(root);
    }

    internal string Root => _root;

    public async Task<TableRecord?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken ct = default)
    {
        var path = PathOf(table, partitionKey, rowKey);
        return File.Exists(path) ? await ReadAsync(path, partitionKey, rowKey, ct) : null;
    }

    public async IAsyncEnumerable<TableRecord> QueryAsync(string table, string partitionKey, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var dir = Path.Combine(TableDir(table), LocalKeys.Encode(LocalKeys.CheckKey(partitionKey)));
        foreach (var record in await ReadPartitionAsync(dir, partitionKey, ct))
            yield return record;
    }

    public async IAsyncEnumerable<TableRecord> QueryAllAsync(string table, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var tableDir = TableDir(table);
        if (!Directory.Exists(tableDir)) yield break;
        var partitions = Directory.EnumerateDirectories(tableDir)
            .Select(dir => (Key: LocalKeys.Decode(Path.GetFileName(dir)), Dir: dir))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        foreach (var (key, dir) in partitions)
            foreach (var record in await ReadPartitionAsync(dir, key, ct))
                yield return record;
    }

    public Task<string> InsertAsync(string table, TableRecord record, CancellationToken ct = default) =>
        UnderLockAsync(table, async () =>
        {
            var path = PathOf(table, record.PartitionKey, record.RowKey);
            if (File.Exists(path)) throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the record exists already");
            return await WriteAsync(path, record.Json, ct);
        }, ct);

    public Task<string> ReplaceAsync(string table, TableRecord record, string etag, CancellationToken ct = default) =>
        UnderLockAsync(table, async () =>
        {
            var path = PathOf(table, record.PartitionKey, record.RowKey);
            var current = File.Exists(path) ? await ReadAsync(path, record.PartitionKey, record.RowKey, ct) : null;
            if (current is null) throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the record does not exist");
            if (current.ETag != etag) throw new TableConflictException(table, record.PartitionKey, record.RowKey, "the record was changed by someone else");
            return await WriteAsync(path, record.Json, ct);
        }, ct);

    public Task<string> UpsertAsync(string table, TableRecord record, CancellationToken ct = default) =>
        UnderLockAsync(table, () => WriteAsync(PathOf(table, record.PartitionKey, record.RowKey), record.Json, ct), ct);

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken ct = default) =>
        UnderLockAsync(table, () =>
        {
            var path = PathOf(table, partitionKey, rowKey);
            if (!File.Exists(path)) return Task.FromResult(false);
            File.Delete(path);
            return Task.FromResult(true);
        }, ct);

    private string TableDir(string table) => Path.Combine(_root, LocalKeys.CheckTable(table));

    private string PathOf(string table, string partitionKey, string rowKey) =>
        Path.Combine(TableDir(table), LocalKeys.Encode(LocalKeys.CheckKey(partitionKey)), LocalKeys.Encode(LocalKeys.CheckKey(rowKey)));

    private static async Task<IReadOnlyList<TableRecord>> ReadPartitionAsync(string dir, string partitionKey, CancellationToken ct)
    {
        if (!Directory.Exists(dir)) return [];
        var rows = Directory.EnumerateFiles(dir)
            .Where(path => !Path.GetFileName(path).StartsWith('.')) // temporary files of a write in progress
            .Select(path => (Key: LocalKeys.Decode(Path.GetFileName(path)), Path: path))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var records = new List<TableRecord>(rows.Count);
        foreach (var (key, path) in rows)
        {
            try { records.Add(await ReadAsync(path, partitionKey, key, ct)); }
            catch (FileNotFoundException) { } // deleted while reading
        }
        return records;
    }

    private static async Task<TableRecord> ReadAsync(string path, string partitionKey, string rowKey, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, ct);
        var newline = text.IndexOf('\n');
        return new TableRecord(partitionKey, rowKey, text[(newline + 1)..], text[..newline]);
    }

    private static async Task<string> WriteAsync(string path, string json, CancellationToken ct)
    {
        var etag = Guid.NewGuid().ToString("N");
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + OperationOwner.Id + "-" + Guid.NewGuid().ToString("N") + ".tmp");
        WriteSteps.BeforeWrite();
        try
        {
            await File.WriteAllTextAsync(temp, etag + "\n" + json, new UTF8Encoding(false), ct);
            WriteSteps.Step("tabel-tijdelijk", path);
            File.Move(temp, path, overwrite: true);
            WriteSteps.Step("tabel", path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return etag;
    }

    /// <summary>Serialises changes to one table across threads and processes with an exclusive lock file.</summary>
    private async Task<T> UnderLockAsync<T>(string table, Func<Task<T>> change, CancellationToken ct)
    {
        var dir = TableDir(table);
        Directory.CreateDirectory(dir);
        var lockPath = Path.Combine(dir, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            FileStream? held = null;
            try
            {
                held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 2000)
            {
                await Task.Delay(5, ct);
                continue;
            }
            await using (held)
                return await change();
        }
    }
}
