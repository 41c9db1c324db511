namespace ZorgfraudeSignalen.Generator;

/// <summary>
/// A small deterministic random source (SplitMix64). Own code instead of <see cref="Random"/> so that the same seed gives
/// the same data on every .NET version: generated samples are committed and compared byte for byte.
/// </summary>
internal sealed class Rng(ulong state)
{
    private ulong _state = state;

    public static Rng For(int seed, string stream) => new(Hash.Of((ulong)(uint)seed, Hash.Of(stream)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Hash.Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive)
    {
        if (maxExclusive <= min) return min;
        return min + (int)((NextUInt64() >> 1) % (ulong)(maxExclusive - min));
    }

    /// <summary>Uniform integer in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => Next(min, max + 1);

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }
}

/// <summary>Counter-based hashing: random numbers that depend only on (seed, keys), never on generation order.</summary>
internal static class Hash
{
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(ulong a, ulong b) => Mix(Mix(a + 0x9E3779B97F4A7C15UL) ^ (b * 0xD6E8FEB86659FD93UL + 0x632BE59BD9B4E019UL));

    public static ulong Of(ulong a, ulong b, ulong c) => Of(Of(a, b), c);

    public static ulong Of(ulong a, ulong b, ulong c, ulong d) => Of(Of(Of(a, b), c), d);

    public static ulong Of(string text)
    {
        // FNV-1a, then mixed: stable across runs (string.GetHashCode is randomised per process).
        var h = 0xCBF29CE484222325UL;
        foreach (var ch in text)
        {
            h ^= ch;
            h *= 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// <summary>Uniform in [0, 1) from a hash.</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
