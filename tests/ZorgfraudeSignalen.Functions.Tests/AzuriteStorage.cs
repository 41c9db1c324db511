using Azure.Storage.Blobs;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Storage.Azure;
using ZorgfraudeSignalen.Tests.Shared;

namespace ZorgfraudeSignalen.Functions.Tests;

/// <summary>A store of its own on Azurite (a fresh name prefix), and blob clients on it as the blob trigger binds them.</summary>
public sealed class AzuriteStorage
{
    public required AzureStoreOptions Options { get; init; }
    public required Store Store { get; init; }

    public static async Task<AzuriteStorage> NewAsync()
    {
        var options = AzureStoreOptions.FromConnectionString(await Azurite.ConnectionStringAsync(), Azurite.UniquePrefix());
        return new AzuriteStorage { Options = options, Store = AzureStore.Open(options) };
    }

    public BlobClient ExtractBlob(string name) =>
        new BlobServiceClient(Options.ConnectionString).GetBlobContainerClient(Options.ContainerName(StoreNames.ExtractsContainer)).GetBlobClient(name);

    /// <summary>Drops an extract as a data engineer would: a blob <c>extracts/{name}</c>.</summary>
    public async Task<BlobClient> DropAsync(string name, byte[] content)
    {
        await Store.Blobs.WriteBytesAsync(StoreNames.ExtractsContainer, name, content);
        return ExtractBlob(name);
    }
}

/// <summary>Small synthetic extracts of all six types, generated once for a test class.</summary>
public sealed class SyntheticExtracts : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("zfs-functions-extracts-").FullName;
    public IReadOnlyDictionary<ExtractType, string> Files { get; }

    public SyntheticExtracts()
    {
        var result = SynthetischeExtracten.Genereer(new GeneratorOptions { Seed = 7, Aanbieders = 25, Clienten = 300, Maanden = 3 }, Folder);
        Files = result.Bestanden.ToDictionary(f => f.Key, f => f.Value.Pad);
    }

    /// <summary>The blob name an extract of <paramref name="type"/> is dropped under: <c>{type}/{file}</c>.</summary>
    public string BlobName(ExtractType type) => $"{type.Name()}/{Path.GetFileName(Files[type])}";

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>A clock standing at one moment: the scheduled night a timer invocation belongs to.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
