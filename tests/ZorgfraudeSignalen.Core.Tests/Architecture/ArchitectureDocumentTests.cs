using System.Text.RegularExpressions;

namespace ZorgfraudeSignalen.Core.Tests.Architecture;

/// <summary>docs/architecture.md against the code: the files it names exist, and the layer rules it states hold.</summary>
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string Root = FindRoot();
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Root, "docs", "architecture.md"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ZorgfraudeSignalen.sln"))) return dir.FullName;
        throw new InvalidOperationException("ZorgfraudeSignalen.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed record Layer(int Number, IReadOnlyList<string> Namespaces, IReadOnlyList<string>? MayUse);

    /// <summary>The rows of the layers table: number, what, namespaces, may use (null = every layer below).</summary>
    private static IReadOnlyList<Layer> Layers() =>
        Lines.Select(l => LayerRow().Match(l)).Where(m => m.Success).Select(m => new Layer(
            int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            Names(m.Groups[2].Value),
            m.Groups[3].Value.Contains("every layer below", StringComparison.Ordinal) ? null : Names(m.Groups[3].Value))).ToList();

    private static IReadOnlyList<string> Names(string cell) => [.. Backticked().Matches(cell).Select(m => m.Groups[1].Value)];

    [Fact]
    public void Every_file_the_document_names_exists()
    {
        var named = Lines.SelectMany(l => RepositoryPath().Matches(l).Select(m => m.Value.TrimEnd('.', ',', ')'))).Distinct().ToList();
        Assert.True(named.Count >= 10, $"only {named.Count} paths found: the pattern no longer reads the document");
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(Root, path)) || Directory.Exists(Path.Combine(Root, path)), $"docs/architecture.md names {path}, which does not exist"));
    }

    [Fact]
    public void Every_namespace_of_Core_is_in_exactly_one_layer()
    {
        var placed = Layers().SelectMany(l => l.Namespaces).ToList();
        Assert.Equal(9, Layers().Count);
        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.Equal(NamespaceGraph.Core.Namespaces.Order(StringComparer.Ordinal), placed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_namespace_uses_a_layer_the_document_does_not_allow_it()
    {
        var layers = Layers();
        var layerOf = layers.SelectMany(l => l.Namespaces.Select(n => (n, l))).ToDictionary(x => x.n, x => x.l);
        var exceptions = Lines.Select(l => ExceptionRow().Match(l)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToHashSet();
        var graph = NamespaceGraph.Core;
        var broken = new List<string>();
        foreach (var (from, uses) in graph.Edges)
            foreach (var (to, why) in uses)
            {
                var own = layerOf[from];
                var other = layerOf[to];
                var allowed = own == other || (own.MayUse is null ? other.Number < own.Number : own.MayUse.Contains(to));
                if (!allowed && !exceptions.Contains((from, to)))
                    broken.Add($"{from} (layer {own.Number}) → {to} (layer {other.Number}): {string.Join("; ", why.Take(3))}");
            }
        Assert.True(broken.Count == 0, "Uses that docs/architecture.md does not allow:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void The_exceptions_the_document_lists_are_the_ones_the_cycle_test_allows()
    {
        var listed = Lines.Select(l => ExceptionRow().Match(l)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(NamespaceCycleTests.Allowed.Keys.Order(), listed.Order());
    }

    [Fact]
    public void The_tables_use_nothing_of_Core_but_the_contract_and_the_addresses()
    {
        // The rule the layering stands on, stated apart so that a change to the document cannot loosen it unnoticed.
        Assert.Equal(["Addresses", "Extracts"], NamespaceGraph.Core.Edges["Tables"].Keys.Order(StringComparer.Ordinal));
        Assert.Empty(NamespaceGraph.Core.Edges["Extracts"].Keys);
    }

    [GeneratedRegex(@"^\| (\d+) \| [^|]+ \| ([^|]+) \| ([^|]+) \|$")]
    private static partial Regex LayerRow();

    [GeneratedRegex(@"^\| `(\w+)` → `(\w+)` \|")]
    private static partial Regex ExceptionRow();

    [GeneratedRegex(@"`(\w+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"(?<![\w/])(?:src|tests|bench|docs)/[\w./-]+")]
    private static partial Regex RepositoryPath();
}
