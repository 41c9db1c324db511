using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Storage.Azure;
using ZorgfraudeSignalen.Tests.Shared;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>The audit log's guarantees on Azure Tables, against Azurite; every store gets its own name prefix.</summary>
public sealed class AzuriteAuditLogTests : AuditLogContract
{
    protected override Store NewStore() =>
        AzureStore.Open(AzureStoreOptions.FromConnectionString(Azurite.ConnectionStringAsync().GetAwaiter().GetResult(), Azurite.UniquePrefix()));
}
