using System.Runtime.CompilerServices;

namespace ZorgfraudeSignalen.Core.Storage.Local;

/// <summary>
/// Blobs as files under <c>{root}/blobs/{container}/{name}</c>. A write goes to a temporary file first and is
/// renamed into place, so a process killed mid-write leaves the previous content intact. A temporary file's name
/// starts with the writing process's <see cref="OperationOwner.Id"/>, so that recovery removes only those of dead processes.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly string _temp;

    public LocalBlobStore(string root)
    {
        _root = Path.GetFullPath(Path.Combine(root, "blobs"));
        _temp = Path.Combine(_root, ".tmp");
        Directory.CreateDirectory(_temp);
        LocalStore.HoldOwnerLock(root);
    }

    /// <summary>Where temporary files of writes in progress (or of killed processes) are.</summary>
    internal string TempFolder => _temp;

    public async Task WriteAsync(string container, string name, Func<Stream, Task> write, CancellationToken ct = default)
    {
        var target = PathOf(container, name);
        var temp = Path.Combine(_temp, OperationOwner.Id + "-" + Guid.NewGuid().ToString("N"));
        WriteSteps.BeforeWrite();
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            WriteSteps.Step("blob-tijdelijk", $"{container}/{name}");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            WriteSteps.Step("blob", $"{container}/{name}");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task<Stream> OpenReadAsync(string container, string name, CancellationToken ct = default)
    {
        var path = PathOf(container, name);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(container, name);
        }
    }

    public Task<bool> ExistsAsync(string container, string name, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(PathOf(container, name)));

    public async IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix = "", [EnumeratorCancellation] CancellationToken ct = default)
    {
        var dir = Path.Combine(_root, LocalKeys.CheckContainer(container));
        if (!Directory.Exists(dir)) yield break;
        var found = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(path => (Name: Path.GetRelativePath(dir, path).Replace(Path.DirectorySeparatorChar, '/'), Path: path))
            .Where(f => f.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
        foreach (var (blobName, path) in found)
        {
            ct.ThrowIfCancellationRequested();
            var info = new FileInfo(path);
            if (!info.Exists) continue; // deleted while listing
            yield return new BlobInfo(blobName, info.Length, info.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default)
    {
        var path = PathOf(container, name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(string container, string name)
    {
        LocalKeys.CheckContainer(container);
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('/') || name.Split('/').Any(part => part is "" or "." or ".."))
            throw new ArgumentException($"Invalid blob name '{name}'.", nameof(name));
        return Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
