namespace ZorgfraudeSignalen.Core.Model;

/// <summary>
/// An isolation forest (Liu, Ting &amp; Zhou, ICDM 2008) with the authors' defaults: 100 trees, each grown on 256 rows
/// drawn without replacement, height limit ⌈log₂ 256⌉ = 8, a random feature and a uniform random split between the
/// node's minimum and maximum. A row that few random splits separate from the rest is unusual. Seeded: the same rows
/// and seed give the same trees. Fitted on robust-scaled, clipped rows, so that one extreme value cannot stretch a
/// feature's split range until every other row looks alike.
/// </summary>
public sealed class IsolationForest
{
    public const int DefaultTrees = 300;
    public const int DefaultSampleSize = 256;

    private readonly Tree[] _trees;
    private readonly double _normaliser;

    private IsolationForest(Tree[] trees, int sampleSize)
    {
        _trees = trees;
        _normaliser = AveragePathLength(sampleSize);
    }

    public int Trees => _trees.Length;

    public static IsolationForest Fit(IReadOnlyList<double[]> rows, int seed, int trees = DefaultTrees, int sampleSize = DefaultSampleSize)
    {
        if (rows.Count < 2) throw new ArgumentException("The isolation forest needs at least two rows.", nameof(rows));
        var random = new Random(seed);
        var psi = Math.Min(sampleSize, rows.Count);
        var heightLimit = (int)Math.Ceiling(Math.Log2(psi));
        var indexes = Enumerable.Range(0, rows.Count).ToArray();
        var forest = new Tree[trees];
        for (var t = 0; t < trees; t++)
        {
            // A partial Fisher-Yates shuffle draws psi rows without replacement.
            for (var i = 0; i < psi; i++)
            {
                var k = random.Next(i, indexes.Length);
                (indexes[i], indexes[k]) = (indexes[k], indexes[i]);
            }
            var sample = indexes[..psi];
            Array.Sort(sample);
            forest[t] = Tree.Grow(rows, sample, heightLimit, random);
        }
        return new IsolationForest(forest, psi);
    }

    /// <summary>Liu et al.'s score 2^(−E[h(x)]/c(ψ)): near 1 for rows isolated quickly, about 0.5 or below for ordinary rows.</summary>
    public double Score(double[] row)
    {
        var total = 0.0;
        foreach (var tree in _trees) total += tree.PathLength(row, null);
        return Math.Pow(2, -total / _trees.Length / _normaliser);
    }

    /// <summary>
    /// Per feature, how much of the sample the splits on that feature cut away from the row on its way down each
    /// tree: a split that leaves the row in a child of m of the node's n rows adds log₂(n/m) to its feature.
    /// Averaged over the trees; all parts ≥ 0. A row isolated by two splits on feature 3 owes its score to feature 3.
    /// </summary>
    public double[] Contributions(double[] row) => ScoreAndContributions(row).Contributions;

    /// <summary><see cref="Score"/> and <see cref="Contributions"/> from one walk down each tree; the score is bit for bit the same as <see cref="Score"/>'s.</summary>
    public (double Score, double[] Contributions) ScoreAndContributions(double[] row)
    {
        var parts = new double[row.Length];
        var total = 0.0;
        foreach (var tree in _trees) total += tree.PathLength(row, parts);
        for (var j = 0; j < parts.Length; j++) parts[j] /= _trees.Length;
        return (Math.Pow(2, -total / _trees.Length / _normaliser), parts);
    }

    /// <summary>c(n): the average path length of an unsuccessful search in a binary search tree of n items.</summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => 2 * (Math.Log(n - 1) + 0.5772156649015329) - 2.0 * (n - 1) / n,
    };

    /// <summary>
    /// One tree, grown into lists and then frozen into arrays (node 0 the root): scoring walks plain arrays, and each
    /// node keeps log₂ of its size and, for a leaf, its depth adjustment c(size), so that no walk computes either.
    /// </summary>
    private sealed class Tree
    {
        private readonly Node[] _nodes;
        private readonly double[] _log2Size; // log₂ max(1, rows in the node)
        private readonly double[] _leafAdjustment; // c(rows in the leaf)

        /// <summary>A split (Feature ≥ 0) or a leaf (Feature −1), in one struct so that a walk reads one place per node.</summary>
        private readonly record struct Node(double Split, int Feature, int Left, int Right);

        private Tree(Builder builder)
        {
            _nodes = new Node[builder.Feature.Count];
            for (var i = 0; i < _nodes.Length; i++) _nodes[i] = new Node(builder.Split[i], builder.Feature[i], builder.Left[i], builder.Right[i]);
            _log2Size = builder.Size.Select(n => Math.Log2(Math.Max(1, n))).ToArray();
            _leafAdjustment = builder.Size.Select(AveragePathLength).ToArray();
        }

        public static Tree Grow(IReadOnlyList<double[]> rows, int[] sample, int heightLimit, Random random)
        {
            var builder = new Builder();
            builder.Grow(rows, sample, 0, heightLimit, random);
            return new Tree(builder);
        }

        /// <summary>h(x): the depth of the row's leaf plus c(leaf size); adds each split's log₂(n/m) to <paramref name="parts"/> when given.</summary>
        public double PathLength(double[] row, double[]? parts)
        {
            var node = 0;
            var depth = 0;
            while (_nodes[node] is { Feature: >= 0 } split)
            {
                var next = row[split.Feature] < split.Split ? split.Left : split.Right;
                if (parts is not null) parts[split.Feature] += _log2Size[node] - _log2Size[next];
                node = next;
                depth++;
            }
            return depth + _leafAdjustment[node];
        }

        private sealed class Builder
        {
            public readonly List<int> Feature = [];
            public readonly List<double> Split = [];
            public readonly List<int> Left = [];
            public readonly List<int> Right = [];
            public readonly List<int> Size = [];

            public int Grow(IReadOnlyList<double[]> rows, int[] sample, int depth, int heightLimit, Random random)
            {
                var node = Feature.Count;
                Feature.Add(-1);
                Split.Add(0);
                Left.Add(-1);
                Right.Add(-1);
                Size.Add(sample.Length);
                if (depth >= heightLimit || sample.Length <= 1) return node;

                var d = rows[sample[0]].Length;
                var candidates = new List<(int Feature, double Min, double Max)>(d);
                for (var j = 0; j < d; j++)
                {
                    double min = double.PositiveInfinity, max = double.NegativeInfinity;
                    foreach (var i in sample)
                    {
                        var v = rows[i][j];
                        if (v < min) min = v;
                        if (v > max) max = v;
                    }
                    if (max > min) candidates.Add((j, min, max));
                }
                if (candidates.Count == 0) return node;
                var (feature, lo, hi) = candidates[random.Next(candidates.Count)];
                var split = lo + random.NextDouble() * (hi - lo);
                var left = sample.Where(i => rows[i][feature] < split).ToArray();
                var right = sample.Where(i => rows[i][feature] >= split).ToArray();
                Feature[node] = feature;
                Split[node] = split;
                Left[node] = Grow(rows, left, depth + 1, heightLimit, random);
                Right[node] = Grow(rows, right, depth + 1, heightLimit, random);
                return node;
            }
        }
    }
}
