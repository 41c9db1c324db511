using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.App.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-auditcli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<AuditLog> LogWithEntriesAsync(int count)
    {
        var log = new AuditLog(LocalStore.Open(_root).Tables);
        for (var i = 1; i <= count; i++) await log.AppendAsync(new AuditEvent(AuditActions.Ingest, "data-engineer", $"snapshot-{i}"));
        return log;
    }

    [Fact]
    public async Task Verify_of_a_whole_chain_exits_zero_and_prints_the_head()
    {
        var log = await LogWithEntriesAsync(3);
        var head = await log.ReadHeadAsync();
        var (exit, output, _) = await CliRunner.RunAsync(_root, AuditCommand.Create(), "audit", "verify");
        Assert.Equal(0, exit);
        Assert.Contains("intact", output);
        Assert.Contains(head!.ToString(), output);
    }

    [Fact]
    public async Task Verify_of_a_broken_chain_exits_non_zero_and_names_the_first_broken_entry()
    {
        await LogWithEntriesAsync(4);
        var tables = LocalStore.Open(_root).Tables;
        await tables.DeleteAsync(StoreNames.AuditTable, "log", 2L.ToString("D19"));

        var (exit, output, _) = await CliRunner.RunAsync(_root, AuditCommand.Create(), "audit", "verify");
        Assert.Equal(AuditCommand.ExitBroken, exit);
        Assert.Contains("entry 2", output);
    }

    [Fact]
    public async Task Verify_with_an_anchor_that_is_not_in_the_chain_fails()
    {
        await LogWithEntriesAsync(2);
        var (exit, output, _) = await CliRunner.RunAsync(_root, AuditCommand.Create(), "audit", "verify", "--anchor", "2:" + new string('a', 64));
        Assert.Equal(AuditCommand.ExitBroken, exit);
        Assert.Contains("anchor", output);
    }
}
