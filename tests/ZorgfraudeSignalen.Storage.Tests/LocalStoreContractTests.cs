using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>The store contract on the embedded local folder store.</summary>
public sealed class LocalStoreContractTests : StoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-store-").FullName;

    protected override Store NewStore() => LocalStore.Open(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
