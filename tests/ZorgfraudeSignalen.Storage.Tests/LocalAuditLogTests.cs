using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>The audit log's guarantees on the embedded local folder store.</summary>
public sealed class LocalAuditLogTests : AuditLogContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-audit-").FullName;

    protected override Store NewStore() => LocalStore.Open(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
