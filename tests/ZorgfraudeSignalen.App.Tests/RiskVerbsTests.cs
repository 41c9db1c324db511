using System.Text;
using ZorgfraudeSignalen.App.Cli;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Tests;

public sealed class RiskVerbsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-riskverbs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Run_publishes_the_risk_list_writes_the_csv_and_prints_the_top_signals()
    {
        var work = Path.Combine(_root, "gen");
        SynthetischeExtracten.Genereer(GeneratorOptions.ForScale("sample", 4242), work);
        var store = Path.Combine(_root, "store");
        await new Ingestor(LocalStore.Open(store)).IngestFolderAsync(Path.Combine(work, "extracts"));
        var csv = Path.Combine(_root, "uit", "risicolijst.csv");

        var (exit, output, error) = await CliRunner.RunAsync(store, RunCommand.Create(), "run", "--uit", csv, "--run-id", "run-20260101T000000Z-test", "--top", "5");
        Assert.True(exit == 0, error + output);
        Assert.Contains("rang", output);
        Assert.Contains("te beoordelen", output);
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Every provider with active clients or declarations is ranked (the sample has 40 providers), each once.
        Assert.InRange(lines.Length - 1, 35, 40);
        Assert.Equal(lines.Length - 1, lines.Skip(1).Select(l => l.Split(';')[1]).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, lines.Length - 1).Select(i => i.ToString()), lines.Skip(1).Select(l => l.Split(';')[0]));
        var published = await new RiskListStore(LocalStore.Open(store)).SignalsAsync("run-20260101T000000Z-test");
        Assert.NotEmpty(published);
        Assert.All(published, s => Assert.Equal(ReviewStatus.TeBeoordelen, s.Status));

        // The same run id again: nothing is published twice.
        var again = await CliRunner.RunAsync(store, RunCommand.Create(), "run", "--uit", csv, "--run-id", "run-20260101T000000Z-test");
        Assert.Equal(0, again.Exit);
        Assert.Contains("al gepubliceerd", again.Output);
    }

    [Fact]
    public async Task Run_without_snapshots_says_what_to_do()
    {
        var (exit, _, error) = await CliRunner.RunAsync(Path.Combine(_root, "empty"), RunCommand.Create(), "run", "--uit", Path.Combine(_root, "x.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("zfs ingest", error);
    }

    [Fact]
    public async Task Detect_prints_every_seed_and_the_mean()
    {
        var random = new Random(1);
        var file = Path.Combine(_root, "set.csv");
        var text = new StringBuilder("f0,f1,f2,label\n");
        for (var i = 0; i < 400; i++)
        {
            var a = random.NextDouble();
            var anomaly = i % 20 == 0;
            text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a:F4},{(anomaly ? 5 + a : 2 * a):F4},{random.NextDouble():F4},{(anomaly ? 1 : 0)}\n"));
        }
        await File.WriteAllTextAsync(file, text.ToString());
        var (exit, output, error) = await CliRunner.RunAsync(_root, DetectCommand.Create(), "detect", file);
        Assert.True(exit == 0, error);
        Assert.Contains("seed 0: ROC-AUC", output);
        Assert.Contains("seed 2: ROC-AUC", output);
        var mean = double.Parse(output.Split("gemiddeld: ROC-AUC ")[1].Split(' ', '\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(mean > 95, output);
    }

    [Fact]
    public async Task Detect_points_a_former_study_option_to_the_benchmarks()
    {
        var (exit, _, error) = await CliRunner.RunAsync(_root, DetectCommand.Create(), "detect", "--synthetisch", "4");
        Assert.Equal(2, exit);
        Assert.Contains("zfs-bench detector", error);
    }

    [Fact]
    public async Task Detect_refuses_a_file_without_label()
    {
        var file = Path.Combine(_root, "bad.csv");
        await File.WriteAllTextAsync(file, "f0,f1\n1,2\n");
        var (exit, _, error) = await CliRunner.RunAsync(_root, DetectCommand.Create(), "detect", file);
        Assert.Equal(2, exit);
        Assert.Contains("label", error);
    }
}
