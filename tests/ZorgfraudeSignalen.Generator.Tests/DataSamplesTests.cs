namespace ZorgfraudeSignalen.Generator.Tests;

/// <summary>The committed data-samples/ are exactly what the documented command generates.</summary>
public sealed class DataSamplesTests(SampleFixture sample) : IClassFixture<SampleFixture>
{
    private static string Repository()
    {
        for (var map = new DirectoryInfo(AppContext.BaseDirectory); map is not null; map = map.Parent)
            if (File.Exists(Path.Combine(map.FullName, "ZorgfraudeSignalen.sln"))) return map.FullName;
        throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public void Committed_samples_match_a_fresh_generation_byte_for_byte()
    {
        // data-samples/README.md: zfs generate --out data-samples --seed 20251 --scale sample --reference-world
        var samples = Path.Combine(Repository(), "data-samples");
        var vers = Directory.GetFiles(sample.Map, "*.*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(sample.Map, p)).Order().ToList();
        var vastgelegd = Directory.GetFiles(Path.Combine(samples, "extracts"), "*.csv", SearchOption.AllDirectories)
            .Append(Path.Combine(samples, "truth.csv")).Append(Path.Combine(samples, "wereld.json")).Select(p => Path.GetRelativePath(samples, p)).Order().ToList();
        Assert.Equal(vers, vastgelegd);
        foreach (var pad in vers)
            Assert.True(File.ReadAllBytes(Path.Combine(sample.Map, pad)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(samples, pad))), pad);
    }
}
