using System.CommandLine;

namespace ZorgfraudeSignalen.Benchmarks.Tests;

public class BuildingsBenchmarkTests
{
    [Fact]
    public async Task Buildings_prints_its_figures_on_generated_data()
    {
        var output = new StringWriter();
        var root = new RootCommand { BuildingsBenchmark.Create() };
        var exit = await root.Parse(["buildings", "--scale", "sample", "--herhaal", "1", "--bag"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("gegenereerd en ingelezen: bag_adressen", text);
        Assert.Contains("run 1: analyse", text);
        // With the BAG extract, client addresses resolve through it and none fall back.
        Assert.Contains("terugval 0;", text);
    }
}
