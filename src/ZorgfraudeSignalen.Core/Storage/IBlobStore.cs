namespace ZorgfraudeSignalen.Core.Storage;

/// <summary>
/// Named byte streams in containers: dropped extracts, accepted snapshots, reports, exports.
/// Implemented by the local folder store and by Azure Blob storage; both pass the same contract tests.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes a blob atomically: readers see the previous content or the new content whole, never a part.</summary>
    /// <param name="write">Writes the content; the blob is committed only after it returns without error.</param>
    Task WriteAsync(string container, string name, Func<Stream, Task> write, CancellationToken ct = default);

    /// <summary>Opens a blob for streaming reads; throws <see cref="BlobNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string container, string name, CancellationToken ct = default);

    Task<bool> ExistsAsync(string container, string name, CancellationToken ct = default);

    /// <summary>Names of the blobs under a prefix, in ordinal order.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix = "", CancellationToken ct = default);

    /// <summary>Deletes a blob; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default);
}

public sealed record BlobInfo(string Name, long Length, DateTimeOffset LastModified);

public sealed class BlobNotFoundException(string container, string name)
    : Exception($"Blob '{container}/{name}' does not exist.")
{
    public string Container { get; } = container;
    public string BlobName { get; } = name;
}

/// <summary>Convenience calls on top of the primitive blob operations.</summary>
public static class BlobStoreExtensions
{
    public static Task WriteBytesAsync(this IBlobStore store, string container, string name, ReadOnlyMemory<byte> bytes, CancellationToken ct = default) =>
        store.WriteAsync(container, name, stream => stream.WriteAsync(bytes, ct).AsTask(), ct);

    public static Task WriteTextAsync(this IBlobStore store, string container, string name, string text, CancellationToken ct = default) =>
        store.WriteBytesAsync(container, name, System.Text.Encoding.UTF8.GetBytes(text), ct);

    public static async Task<byte[]> ReadBytesAsync(this IBlobStore store, string container, string name, CancellationToken ct = default)
    {
        await using var stream = await store.OpenReadAsync(container, name, ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public static async Task<string> ReadTextAsync(this IBlobStore store, string container, string name, CancellationToken ct = default) =>
        System.Text.Encoding.UTF8.GetString(await store.ReadBytesAsync(container, name, ct));
}
