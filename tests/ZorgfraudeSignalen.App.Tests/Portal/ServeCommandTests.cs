using ZorgfraudeSignalen.App.Cli;

namespace ZorgfraudeSignalen.App.Tests.Portal;

/// <summary><c>serve</c> never starts with an identity nobody chose.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-serve-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData()]
    [InlineData("--dev-user", "Anna")]
    [InlineData("--dev-role", "beoordelaar")]
    [InlineData("--dev-user", "Anna", "--dev-role", "directeur")]
    [InlineData("--platform-auth", "--dev-user", "Anna", "--dev-role", "beoordelaar")]
    [InlineData("--platform-auth", "--voorbeelddata")]
    public async Task Serve_refuses_to_start_without_an_explicit_valid_identity(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(_root, ServeCommand.Create(), ["serve", "--port", "0", .. args]);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
