using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ZorgfraudeSignalen.Core.Tests.Architecture;

/// <summary>
/// Which of the Core assembly's namespaces uses which, read from its IL: base types, interfaces, fields, method
/// signatures, locals, attributes and every type, method and field a method body refers to (lambdas and async
/// methods included, as the compiler's nested types). A namespace is the folder under <c>ZorgfraudeSignalen.Core</c>
/// (<c>Storage.Local</c> counts as <c>Storage</c>).
/// </summary>
internal sealed class NamespaceGraph
{
    private const string Root = "ZorgfraudeSignalen.Core";

    /// <summary>Per namespace, the namespaces it uses, each with up to a few of the types that make the edge.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> Edges { get; }

    public IReadOnlyCollection<string> Namespaces => (IReadOnlyCollection<string>)Edges.Keys;

    private NamespaceGraph(Dictionary<string, SortedDictionary<string, SortedSet<string>>> edges) => Edges = edges;

    public static NamespaceGraph Core { get; } = Read(typeof(ZorgfraudeSignalen.Core.Run.RiskEngine).Assembly.Location);

    public static NamespaceGraph Read(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var edges = new Dictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var type in assembly.MainModule.GetTypes())
        {
            if (Folder(type) is not { } from) continue;
            var uses = edges.TryGetValue(from, out var u) ? u : edges[from] = new(StringComparer.Ordinal);
            var outer = Outermost(type).FullName;
            foreach (var used in References(type))
                if (Folder(used) is { } to && to != from)
                {
                    var why = uses.TryGetValue(to, out var w) ? w : uses[to] = new(StringComparer.Ordinal);
                    why.Add($"{outer} → {Outermost(used).FullName}");
                }
        }
        return new NamespaceGraph(edges);
    }

    /// <summary>The folder of a Core type, or null for a type outside Core.</summary>
    public static string? Folder(TypeReference type)
    {
        var ns = Outermost(type).Namespace;
        if (ns == Root) return "(root)";
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        type = type.GetElementType();
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null: return;
                case GenericInstanceType g:
                    Add(g.ElementType);
                    foreach (var a in g.GenericArguments) Add(a);
                    return;
                case TypeSpecification s:
                    Add(s.ElementType);
                    return;
                case GenericParameter: return;
                default: found.Add(t); return;
            }
        }
        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters) Add(p.ParameterType);
            if (m is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var a in provider.CustomAttributes) Add(a.AttributeType);
        }

        Add(type.BaseType);
        foreach (var i in type.Interfaces) Add(i.InterfaceType);
        AddAttributes(type);
        foreach (var f in type.Fields) { Add(f.FieldType); AddAttributes(f); }
        foreach (var p in type.Properties) { Add(p.PropertyType); AddAttributes(p); }
        foreach (var m in type.Methods)
        {
            AddMethod(m);
            AddAttributes(m);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType);
            foreach (var instruction in m.Body.Instructions)
                switch (instruction.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference r: AddMethod(r); break;
                    case FieldReference f: Add(f.DeclaringType); Add(f.FieldType); break;
                }
        }
        return found;
    }

    /// <summary>A set of namespaces that all reach each other, and one shortest cycle through the first of them.</summary>
    public sealed record Cycle(IReadOnlyList<string> Members, IReadOnlyList<string> Path);

    /// <summary>The namespace cycles: each strongly connected set of two or more namespaces, without the allowed edges.</summary>
    public IReadOnlyList<Cycle> Cycles(ISet<(string From, string To)> allowed)
    {
        var next = Edges.ToDictionary(kv => kv.Key, kv => kv.Value.Keys.Where(to => !allowed.Contains((kv.Key, to))).ToList(), StringComparer.Ordinal);
        return StronglyConnected(next).Where(c => c.Count > 1)
            .Select(c => new Cycle([.. c.Order(StringComparer.Ordinal)], ShortestCycle(c.Min(StringComparer.Ordinal)!, next, c)))
            .ToList();
    }

    private static List<HashSet<string>> StronglyConnected(Dictionary<string, List<string>> next)
    {
        // Tarjan's algorithm; the graph has a few dozen nodes, so recursion depth is no concern.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<HashSet<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new HashSet<string>(StringComparer.Ordinal);
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            result.Add(component);
        }
        foreach (var v in next.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    private static IReadOnlyList<string> ShortestCycle(string start, Dictionary<string, List<string>> next, HashSet<string> within)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in (next.GetValueOrDefault(v) ?? []).Where(within.Contains).Order(StringComparer.Ordinal))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var p = v; p != start; p = previous[p]) path.Insert(1, p);
                    path.Add(start);
                    return path;
                }
                if (previous.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        return [start];
    }
}
