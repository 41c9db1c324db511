using ZorgfraudeSignalen.App.Cli;

namespace ZorgfraudeSignalen.App.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-demo-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Without_the_samples_folder_demo_says_where_to_start_and_writes_no_store()
    {
        var missing = Path.Combine(_root, "geen-voorbeelden");
        var store = Path.Combine(_root, "store");

        var (exit, output, error) = await CliRunner.RunAsync(store, DemoCommand.Create(), "demo", "--samples", missing);

        Assert.Equal(1, exit);
        Assert.Contains($"'{missing}' niet gevonden", error);
        Assert.Contains("--samples", error);
        Assert.DoesNotContain("Risicorun", output);
        Assert.False(Directory.Exists(store));
    }
}
