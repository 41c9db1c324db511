using ZorgfraudeSignalen.App.Cli;

namespace ZorgfraudeSignalen.App.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-generate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Generate_writes_the_six_extracts_and_the_truth_in_the_contract_layout()
    {
        var uit = Path.Combine(_root, "set");
        var (exit, output, _) = await CliRunner.RunAsync(_root, GenerateCommand.Create(),
            "generate", "--out", uit, "--seed", "77", "--providers", "30", "--clients", "400", "--months", "4", "--reference-world");
        Assert.Equal(0, exit);
        Assert.Contains("wereld               referentie: BAG ja", output);
        foreach (var type in new[] { "clienten", "aanbieders", "toewijzingen", "pgb_overeenkomsten", "declaraties", "bag_adressen" })
        {
            var pad = Path.Combine(uit, "extracts", type, $"{type}_20260110.csv");
            Assert.True(File.Exists(pad), pad);
            Assert.Contains(type, output);
        }
        var waarheid = await File.ReadAllLinesAsync(Path.Combine(uit, "truth.csv"));
        Assert.Equal("aanbieder_id;patronen;fraude", waarheid[0]);
        Assert.Equal(31, waarheid.Length);
        // The clients count is exact; the declarations cover four months.
        Assert.Equal(401, (await File.ReadAllLinesAsync(Path.Combine(uit, "extracts", "clienten", "clienten_20260110.csv"))).Length);
        var maanden = (await File.ReadAllLinesAsync(Path.Combine(uit, "extracts", "declaraties", "declaraties_20260110.csv")))
            .Skip(1).Select(l => l.Split(';')[4][..7]).Distinct().Order().ToList();
        Assert.Equal(["2025-09", "2025-10", "2025-11", "2025-12"], maanden);
    }

    [Fact]
    public async Task Without_the_reference_world_the_seed_draws_the_world_and_a_world_without_BAG_writes_no_bag_extract()
    {
        var seed = Enumerable.Range(1, 100).First(s => !Generator.Wereldprofiel.Trek(s).MetBag);
        var uit = Path.Combine(_root, "wereld");
        var (exit, output, _) = await CliRunner.RunAsync(_root, GenerateCommand.Create(),
            "generate", "--out", uit, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--providers", "30", "--clients", "400", "--months", "4");
        Assert.Equal(0, exit);
        Assert.Contains($"wereld               seed {seed}: BAG nee", output);
        Assert.False(Directory.Exists(Path.Combine(uit, "extracts", "bag_adressen")));
        Assert.True(File.Exists(Path.Combine(uit, "extracts", "declaraties", "declaraties_20260110.csv")));
        Assert.Contains("\"MetBag\": false", await File.ReadAllTextAsync(Path.Combine(uit, "wereld.json")));
    }

    [Theory]
    [InlineData("--scale", "enorm")]
    [InlineData("--providers", "5")]
    [InlineData("--months", "0")]
    public async Task Bad_options_give_a_clear_error_and_write_nothing(string optie, string waarde)
    {
        var uit = Path.Combine(_root, "fout");
        var (exit, _, error) = await CliRunner.RunAsync(_root, GenerateCommand.Create(), "generate", "--out", uit, optie, waarde);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.False(Directory.Exists(uit));
    }
}
