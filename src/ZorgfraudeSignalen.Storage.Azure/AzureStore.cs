using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Storage.Azure;

/// <summary>The store on Azure Blob storage and Azure Tables; containers and tables are created on first write.</summary>
public static class AzureStore
{
    public static Store Open(AzureStoreOptions options) =>
        new(new AzureBlobStore(options.CreateBlobServiceClient(), options), new AzureTableStore(options.CreateTableServiceClient(), options));

    /// <summary>The Azure store when one is configured in the environment (see <see cref="AzureStoreOptions"/>), otherwise null.</summary>
    public static Store? FromEnvironment() => AzureStoreOptions.FromEnvironment() is { } options ? Open(options) : null;
}
