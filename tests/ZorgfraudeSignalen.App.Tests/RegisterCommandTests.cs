using System.Text.Json;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Tests.Shared;
using ZorgfraudeSignalen.Core.Tables;

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

public sealed class RegisterOfARunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-register-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Register_describes_the_configuration_of_the_latest_recorded_run()
    {
        var store = ZorgfraudeSignalen.Core.Storage.Local.LocalStore.Open(_root);
        var inputs = GeneratedInputs.Create(providers: 30, clients: 600, seed: 5).Inputs;
        var config = new ZorgfraudeSignalen.Core.Run.RiskConfiguration
        {
            PublicatieDrempel = 55,
            Drempels = new IndicatorThresholds { AandeelInPand = 0.35 },
        };
        await new ZorgfraudeSignalen.Core.Run.RiskRunner(store).RunAsync(RunTables.From(inputs), [], new ZorgfraudeSignalen.Core.Run.RiskRunRequest("test", null, config));

        var (exit, output, _) = await CliRunner.RunAsync(_root, RegisterCommand.Create(), "register", "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("55", json.RootElement.GetProperty("parameters").GetProperty("publicatiedrempel").GetString());
        var coloc = json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "COLOC_PAND");
        Assert.Equal("0.35", coloc.GetProperty("drempels").GetProperty(nameof(IndicatorThresholds.AandeelInPand)).GetString());
    }
}
