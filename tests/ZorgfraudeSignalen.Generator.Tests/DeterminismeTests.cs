namespace ZorgfraudeSignalen.Generator.Tests;

public sealed class DeterminismeTests
{
    private static readonly GeneratorOptions Klein = new() { Seed = 4242, Aanbieders = 30, Clienten = 600, Maanden = 6, Wereld = Wereldprofiel.Referentie };

    private static Dictionary<string, byte[]> Genereer(GeneratorOptions opties)
    {
        var map = Path.Combine(Path.GetTempPath(), "zfs-det-" + Guid.NewGuid().ToString("N"));
        try
        {
            SynthetischeExtracten.Genereer(opties, map);
            return Directory.GetFiles(map, "*.csv", SearchOption.AllDirectories)
                .ToDictionary(p => Path.GetRelativePath(map, p), File.ReadAllBytes);
        }
        finally
        {
            Directory.Delete(map, recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_files()
    {
        var eerste = Genereer(Klein);
        var tweede = Genereer(Klein);
        Assert.Equal(7, eerste.Count);
        Assert.Equal(eerste.Keys.Order(), tweede.Keys.Order());
        foreach (var (pad, inhoud) in eerste) Assert.True(inhoud.AsSpan().SequenceEqual(tweede[pad]), pad);
    }

    [Fact]
    public void Another_seed_gives_other_data()
    {
        var eerste = Genereer(Klein);
        var ander = Genereer(Klein with { Seed = 4243 });
        foreach (var pad in eerste.Keys.Where(p => !p.EndsWith("truth.csv")))
            Assert.False(eerste[pad].AsSpan().SequenceEqual(ander[pad]), pad);
    }
}
