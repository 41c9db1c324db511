using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>A provider drawn for the sample, with its chance of being drawn (its inclusion probability).</summary>
public sealed record SampledProvider(string AanbiederId, double Kans);

/// <summary>
/// The exploration sample: a few providers below the publication threshold, drawn at random and put on the list so
/// that labels also come from outside the rules' reach. The draw is seeded by the configured seed and the run id,
/// so every run draws anew and a replay of the run draws the same providers.
/// <para>
/// Part of the sample (<see cref="LearningSettings.SteekproefNaarScore"/>) is drawn in proportion to the base score,
/// the rest uniformly: a provider's chance is <c>n × ((1 − a)/N + a × s/Σs)</c>. The frauds the rules miss sit mostly
/// just below the threshold, so a sample that looks there more often finds more of them for the same reviews, while
/// the uniform part keeps every provider's chance at least <c>(1 − a)</c> times the uniform one: a label's
/// inverse-propensity weight is never more than <c>1/(1 − a)</c> times what a uniform sample would give it (the
/// defensive mixture of importance sampling).
/// </para>
/// </summary>
public static class ExplorationSample
{
    /// <summary>The sample's size for a pool: the configured share, rounded up, at least the minimum, at most the pool.</summary>
    public static int Size(int pool, LearningSettings settings) =>
        pool <= 0 ? 0 : Math.Min(pool, Math.Max(settings.SteekproefMinimum, (int)Math.Ceiling(pool * settings.SteekproefAandeel)));

    /// <summary>The seed of a run's draw (recorded in the model-run record).</summary>
    public static int SeedFor(int seed, string runId) =>
        BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{runId}")));

    /// <summary>Every pool member's chance of being drawn, in the pool's order: they sum to the sample's size, none above 1.</summary>
    /// <param name="scores">The pool's base scores (≥ 0).</param>
    public static double[] Chances(IReadOnlyList<double> scores, LearningSettings settings)
    {
        var n = Size(scores.Count, settings);
        var chances = new double[scores.Count];
        if (n == 0) return chances;
        var share = Math.Clamp(settings.SteekproefNaarScore, 0, 1);
        var weights = scores.Select(s => Math.Max(0, s)).ToArray();
        if (weights.Sum() <= 0) share = 0;
        // Chances above 1 are set to 1 and the rest of the size is shared anew among the others, until none exceeds 1.
        var certain = new bool[scores.Count];
        while (true)
        {
            var open = Enumerable.Range(0, scores.Count).Where(i => !certain[i]).ToList();
            var left = n - (scores.Count - open.Count);
            var total = open.Sum(i => weights[i]);
            var over = false;
            foreach (var i in open)
            {
                var proportional = total > 0 ? weights[i] / total : 1.0 / open.Count;
                chances[i] = left * ((1 - share) / open.Count + share * proportional);
                over |= chances[i] > 1;
            }
            if (!over) break;
            foreach (var i in open.Where(i => chances[i] >= 1)) { certain[i] = true; chances[i] = 1; }
        }
        return chances;
    }

    /// <summary>Draws from the pool (in any order): the result does not depend on the pool's order.</summary>
    public static IReadOnlyList<SampledProvider> Draw(IEnumerable<(string AanbiederId, double Basisscore)> pool, int drawSeed, LearningSettings settings)
    {
        var members = pool.OrderBy(p => p.AanbiederId, StringComparer.Ordinal).ToArray();
        var chances = Chances(members.Select(m => m.Basisscore).ToArray(), settings);
        var random = new Random(drawSeed);
        // Systematic sampling over a random order: a random start u in [0, 1) and the members whose running sum of
        // chances passes u, u + 1, u + 2, ...; each member is drawn with exactly its chance, and the size is exact.
        var order = Enumerable.Range(0, members.Length).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var u = random.NextDouble();
        var drawn = new List<SampledProvider>();
        var sum = 0.0;
        foreach (var i in order)
        {
            var before = sum;
            sum += chances[i];
            if (Math.Floor(sum - u) > Math.Floor(before - u)) drawn.Add(new SampledProvider(members[i].AanbiederId, Math.Round(chances[i], 6)));
        }
        return drawn.OrderBy(d => d.AanbiederId, StringComparer.Ordinal).ToList();
    }
}
