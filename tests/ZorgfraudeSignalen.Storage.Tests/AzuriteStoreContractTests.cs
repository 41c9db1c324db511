using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Storage.Azure;
using ZorgfraudeSignalen.Tests.Shared;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>
/// The store contract on Azure Blob storage and Azure Tables, against Azurite. Every store gets its own name
/// prefix, so each test sees empty containers and tables in the shared emulator account.
/// </summary>
public sealed class AzuriteStoreContractTests : StoreContract
{
    protected override Store NewStore() =>
        AzureStore.Open(AzureStoreOptions.FromConnectionString(Azurite.ConnectionStringAsync().GetAwaiter().GetResult(), Azurite.UniquePrefix()));
}
