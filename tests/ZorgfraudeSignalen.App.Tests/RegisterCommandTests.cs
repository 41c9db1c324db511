using System.Text.Json;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Indicators;

namespace ZorgfraudeSignalen.App.Tests;

public sealed class RegisterCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-register-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Register_writes_markdown_and_json_that_list_every_indicator_of_the_catalogue()
    {
        var folder = Path.Combine(_root, "uit");
        var (exit, _, _) = await CliRunner.RunAsync(_root, RegisterCommand.Create(), "register", "--uit", folder);
        Assert.Equal(0, exit);
        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "algoritmeregister.md"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "algoritmeregister.json")));
        var codes = json.RootElement.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(IndicatorCatalogue.All.Select(i => i.Code), codes);
        Assert.All(IndicatorCatalogue.All, i => Assert.Contains($"| `{i.Code}` |", markdown));
        Assert.Equal(RegisterCommand.CurrentConfiguration().PublicatieDrempel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            json.RootElement.GetProperty("parameters").GetProperty("publicatiedrempel").GetString());
    }
}
