using System.Collections.Concurrent;

namespace ZorgfraudeSignalen.Core.Storage.Local;

/// <summary>The embedded default store: everything under one folder, no Azure account needed.</summary>
public static class LocalStore
{
    private const string OwnersFolder = "eigenaren";
    private static readonly ConcurrentDictionary<string, FileStream> HeldLocks = new();

    /// <summary>The folder used when none is configured: <c>ZFS_STORE</c> or <c>.zfs</c> in the working directory.</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable("ZFS_STORE") is { Length: > 0 } configured ? configured : Path.Combine(Environment.CurrentDirectory, ".zfs");

    public static Store Open(string? root = null)
    {
        root ??= DefaultRoot;
        return new Store(new LocalBlobStore(root), new LocalTableStore(root));
    }

    /// <summary>The store's folder, when <paramref name="store"/> is a local store; null otherwise.</summary>
    public static string? RootOf(Store store) => store.Blobs is LocalBlobStore blobs ? Path.GetDirectoryName(Path.GetDirectoryName(blobs.TempFolder)) : null;

    /// <summary>
    /// Takes, for as long as this process lives, an exclusive lock on <c>{root}/eigenaren/{owner}.lock</c>: the sign that
    /// this process is alive. The operating system releases it when the process ends, however it ends.
    /// </summary>
    internal static void HoldOwnerLock(string root)
    {
        var folder = Path.Combine(Path.GetFullPath(root), OwnersFolder);
        var path = Path.Combine(folder, OperationOwner.Id + ".lock");
        if (HeldLocks.ContainsKey(path)) return;
        Directory.CreateDirectory(folder);
        // A shared lock (FileShare.Read): readers of the folder are not disturbed; a check that asks for an exclusive one fails while it is held.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        if (!HeldLocks.TryAdd(path, stream)) stream.Dispose();
    }

    /// <summary>Whether the process <paramref name="owner"/> still holds its lock on this store (this process always does).</summary>
    public static bool IsOwnerAlive(string root, string owner)
    {
        if (owner == OperationOwner.Id) return true;
        var path = Path.Combine(Path.GetFullPath(root), OwnersFolder, owner + ".lock");
        if (!File.Exists(path)) return false;
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None)) { }
            File.Delete(path); // nobody holds it: its process has ended
            return false;
        }
        catch (FileNotFoundException) { return false; }
        catch (IOException) { return true; } // held: the process is running
    }

    /// <summary>
    /// Removes temporary files that no running process will finish: those of owners that are no longer alive, and
    /// unowned ones (written by older versions) from before <paramref name="before"/>. Returns the paths removed,
    /// relative to the store's folder.
    /// </summary>
    public static IReadOnlyList<string> RemoveOrphanedTempFiles(string root, DateTimeOffset before)
    {
        root = Path.GetFullPath(root);
        var removed = new List<string>();
        var alive = new Dictionary<string, bool>();
        bool Orphaned(string path)
        {
            var owner = OperationOwner.FromTempName(Path.GetFileName(path));
            if (owner is null) return File.GetLastWriteTimeUtc(path) < before.UtcDateTime;
            if (!alive.TryGetValue(owner, out var isAlive)) alive[owner] = isAlive = IsOwnerAlive(root, owner);
            return !isAlive;
        }
        var candidates = new List<string>();
        var blobTemp = Path.Combine(root, "blobs", ".tmp");
        if (Directory.Exists(blobTemp)) candidates.AddRange(Directory.EnumerateFiles(blobTemp));
        var tables = Path.Combine(root, "tables");
        if (Directory.Exists(tables))
            candidates.AddRange(Directory.EnumerateFiles(tables, ".*.tmp", SearchOption.AllDirectories));
        foreach (var path in candidates)
        {
            try
            {
                if (!Orphaned(path)) continue;
                File.Delete(path);
                removed.Add(Path.GetRelativePath(root, path).Replace('\\', '/'));
            }
            catch (FileNotFoundException) { } // finished or removed meanwhile
        }
        return removed;
    }
}
