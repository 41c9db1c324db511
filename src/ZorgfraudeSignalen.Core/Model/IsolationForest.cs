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
    public const int DefaultTrees = 100;
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
            var tree = new Tree();
            tree.Grow(rows, sample, 0, heightLimit, random);
            forest[t] = tree;
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
    public double[] Contributions(double[] row)
    {
        var parts = new double[row.Length];
        foreach (var tree in _trees) tree.PathLength(row, parts);
        for (var j = 0; j < parts.Length; j++) parts[j] /= _trees.Length;
        return parts;
    }

    /// <summary>c(n): the average path length of an unsuccessful search in a binary search tree of n items.</summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => 2 * (Math.Log(n - 1) + 0.5772156649015329) - 2.0 * (n - 1) / n,
    };

    private sealed class Tree
    {
        private readonly List<int> _feature = [];    // −1 for a leaf
        private readonly List<double> _split = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<int> _size = [];

        public int Grow(IReadOnlyList<double[]> rows, int[] sample, int depth, int heightLimit, Random random)
        {
            var node = _feature.Count;
            _feature.Add(-1);
            _split.Add(0);
            _left.Add(-1);
            _right.Add(-1);
            _size.Add(sample.Length);
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
            _feature[node] = feature;
            _split[node] = split;
            _left[node] = Grow(rows, left, depth + 1, heightLimit, random);
            _right[node] = Grow(rows, right, depth + 1, heightLimit, random);
            return node;
        }

        /// <summary>h(x): the depth of the row's leaf plus c(leaf size); adds each split's log₂(n/m) to <paramref name="parts"/> when given.</summary>
        public double PathLength(double[] row, double[]? parts)
        {
            var node = 0;
            var depth = 0;
            while (_feature[node] >= 0)
            {
                var feature = _feature[node];
                var next = row[feature] < _split[node] ? _left[node] : _right[node];
                if (parts is not null) parts[feature] += Math.Log2((double)_size[node] / Math.Max(1, _size[next]));
                node = next;
                depth++;
            }
            return depth + AveragePathLength(_size[node]);
        }
    }
}
