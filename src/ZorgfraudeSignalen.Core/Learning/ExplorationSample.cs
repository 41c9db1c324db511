using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>
/// The exploration sample: a few providers below the publication threshold, drawn at random and put on the list so
/// that labels also come from outside the rules' reach. The draw is seeded by the configured seed and the run id,
/// so every run draws anew and a replay of the run draws the same providers.
/// </summary>
public static class ExplorationSample
{
    /// <summary>The sample's size for a pool: the configured share, rounded up, at least the minimum, at most the pool.</summary>
    public static int Size(int pool, LearningSettings settings) =>
        pool <= 0 ? 0 : Math.Min(pool, Math.Max(settings.SteekproefMinimum, (int)Math.Ceiling(pool * settings.SteekproefAandeel)));

    /// <summary>The seed of a run's draw (recorded in the model-run record).</summary>
    public static int SeedFor(int seed, string runId) =>
        BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{runId}")));

    /// <summary>Draws from the pool (ids in any order): the result does not depend on the pool's order.</summary>
    public static IReadOnlyList<string> Draw(IEnumerable<string> pool, int drawSeed, LearningSettings settings)
    {
        var ids = pool.Order(StringComparer.Ordinal).ToArray();
        var size = Size(ids.Length, settings);
        var random = new Random(drawSeed);
        // A partial Fisher-Yates shuffle: the first 'size' places are a uniform sample without replacement.
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, ids.Length);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        return ids.Take(size).Order(StringComparer.Ordinal).ToList();
    }
}
