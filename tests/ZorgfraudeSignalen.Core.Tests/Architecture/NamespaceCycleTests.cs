namespace ZorgfraudeSignalen.Core.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    /// <summary>
    /// Edges that may close a cycle, each with its reason (docs/architecture.md lists the same). There are none; an
    /// entry is a debt to be paid by a move, never a way to let a new cycle in.
    /// </summary>
    internal static readonly Dictionary<(string From, string To), string> Allowed = [];

    [Fact]
    public void No_two_namespaces_of_Core_use_each_other_directly_or_through_others()
    {
        var graph = NamespaceGraph.Core;
        var cycles = graph.Cycles(Allowed.Keys.ToHashSet());
        Assert.True(cycles.Count == 0, "Namespace cycles in ZorgfraudeSignalen.Core:\n" + string.Join("\n", cycles.Select(cycle =>
            $"{string.Join(", ", cycle.Members)} reach each other, e.g. {string.Join(" → ", cycle.Path)}\n" +
            string.Join("\n", cycle.Members.SelectMany(from => graph.Edges[from].Keys.Where(cycle.Members.Contains).Select(to =>
                $"    {from} → {to}: {string.Join("; ", graph.Edges[from][to].Take(3))}"))))));
    }

    [Fact]
    public void Every_allowed_edge_still_exists()
    {
        // An exception that no longer has its edge goes from the list, so that the list only shrinks.
        var graph = NamespaceGraph.Core;
        Assert.All(Allowed.Keys, edge => Assert.True(graph.Edges.TryGetValue(edge.From, out var to) && to.ContainsKey(edge.To), $"{edge.From} → {edge.To} is allowed but no longer used"));
    }

    [Fact]
    public void The_graph_sees_a_use_through_a_method_body_only()
    {
        // RiskRunner uses the audit log only inside its methods; a signature-only reading would miss the edge.
        var graph = NamespaceGraph.Core;
        Assert.Contains("Audit", graph.Edges["Run"].Keys);
        Assert.DoesNotContain("Run", graph.Edges["Extracts"].Keys);
    }
}
