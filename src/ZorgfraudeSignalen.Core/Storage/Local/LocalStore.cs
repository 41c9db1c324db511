namespace ZorgfraudeSignalen.Core.Storage.Local;

/// <summary>The embedded default store: everything under one folder, no Azure account needed.</summary>
public static class LocalStore
{
    /// <summary>The folder used when none is configured: <c>ZFS_STORE</c> or <c>.zfs</c> in the working directory.</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable("ZFS_STORE") is { Length: > 0 } configured ? configured : Path.Combine(Environment.CurrentDirectory, ".zfs");

    public static Store Open(string? root = null)
    {
        root ??= DefaultRoot;
        return new Store(new LocalBlobStore(root), new LocalTableStore(root));
    }
}
