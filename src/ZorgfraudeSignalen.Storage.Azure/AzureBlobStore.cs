using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ZorgfraudeSignalen.Core.Storage;
using BlobInfo = ZorgfraudeSignalen.Core.Storage.BlobInfo;

namespace ZorgfraudeSignalen.Storage.Azure;

/// <summary>
/// Blobs in Azure Blob storage. A write stages blocks as the writer produces them and commits the block list only
/// after the writer returned: readers see the previous blob or the new one whole, and a failed writer leaves only
/// uncommitted blocks, which the service discards. Extracts of any size pass through in bounded memory.
/// </summary>
public sealed class AzureBlobStore(BlobServiceClient service, AzureStoreOptions options) : IBlobStore
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new();

    public async Task WriteAsync(string container, string name, Func<Stream, Task> write, CancellationToken ct = default)
    {
        var client = await ContainerAsync(container, ct);
        await using var upload = new BlockUploadStream(client.GetBlockBlobClient(CheckName(name)), ct);
        await write(upload);
        await upload.CommitAsync();
    }

    public async Task<Stream> OpenReadAsync(string container, string name, CancellationToken ct = default)
    {
        try
        {
            // A snapshot of the blob as it was when opened: a concurrent overwrite makes reads fail, never mix.
            return await Blob(container, name).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new BlobNotFoundException(container, name);
        }
    }

    public async Task<bool> ExistsAsync(string container, string name, CancellationToken ct = default) =>
        (await Blob(container, name).ExistsAsync(ct)).Value;

    public async IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix = "", [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = service.GetBlobContainerClient(options.ContainerName(container));
        // The service lists in lexicographic order of the names; no sorting needed here.
        var pages = client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                bool more;
                try { more = await pages.MoveNextAsync(); }
                catch (RequestFailedException e) when (e.Status == 404) { yield break; } // no container yet: nothing written
                if (!more) yield break;
                var item = pages.Current;
                yield return new BlobInfo(item.Name, item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue);
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default)
    {
        try
        {
            return (await Blob(container, name).DeleteIfExistsAsync(cancellationToken: ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false; // the container does not exist
        }
    }

    private BlobClient Blob(string container, string name) =>
        service.GetBlobContainerClient(options.ContainerName(container)).GetBlobClient(CheckName(name));

    private async Task<BlobContainerClient> ContainerAsync(string container, CancellationToken ct)
    {
        var client = service.GetBlobContainerClient(options.ContainerName(container));
        var creation = _created.GetOrAdd(client.Name, _ => new Lazy<Task>(() => client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None)));
        try
        {
            await creation.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _created.TryRemove(client.Name, out _); // let the next write try again
            throw;
        }
        return client;
    }

    /// <summary>The same name rules as the local store, so that code that runs locally runs on Azure.</summary>
    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('/') || name.Length > 1024 || name.Split('/').Any(part => part is "" or "." or ".."))
            throw new ArgumentException($"Invalid blob name '{name}'.", nameof(name));
        return name;
    }
}
