using System.Globalization;
using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Benchmarks;

/// <summary>
/// Simulated reviewers on generated worlds (<c>bench learning</c>, docs/leren.md): each round a reviewer who knows
/// the generator's truth assesses the top k not yet assessed of the published list and the whole exploration sample
/// (fraud → nader onderzoek confirmed by a second reviewer, else geen aanwijzing); the next round's run learns from
/// every assessment so far. The risk run's base scores of a world do not change between rounds (the world does
/// not), so they are computed once and only the learning step is replayed per round, exactly as the run calls it.
/// </summary>
/// <param name="minimumLabels">Overrides the minimum positive and negative labels before blending (null = the default, 30 each).</param>
public sealed class LearningSimulation(int rounds, int k, TextWriter output, int? minimumLabels = null)
{
    public sealed record Scheme(string Name, LearningSettings Settings);

    /// <summary>No learning; naive learning (no sample, no weights); this design (sample and inverse-propensity weights).</summary>
    public IReadOnlyList<Scheme> Schemes { get; } =
    [
        new("geen_leren", new LearningSettings { Aan = false }),
        new("naief", Minimum(new LearningSettings { Wegen = false, SteekproefAandeel = 0, SteekproefMinimum = 0 }, minimumLabels)),
        new("ontwerp", Minimum(new LearningSettings(), minimumLabels)),
    ];

    private static LearningSettings Minimum(LearningSettings settings, int? minimum) =>
        minimum is { } m ? settings with { MinimumPositief = m, MinimumNegatief = m } : settings;

    public sealed record RoundFigures(string Scheme, int World, int Round, double AveragePrecision, double PrecisionTop20,
        IReadOnlyDictionary<string, double> RecallPerPattern, int Positive, int Negative, bool Learned);

    private static readonly DateOnly Start = new(2026, 1, 5);
    private const string Rationale = "Gesimuleerde beoordeling: de beoordelaar kent de grondwaarheid van de gegenereerde wereld en legt die hier vast.";
    private static readonly Reviewer First = new("sim-1", "Eerste beoordelaar", [Rol.Beoordelaar]);
    private static readonly Reviewer Second = new("sim-2", "Tweede beoordelaar", [Rol.TweedeBeoordelaar]);

    /// <summary>All rounds of every scheme on one world, given the run's learning input and the truth.</summary>
    public IReadOnlyList<RoundFigures> Simulate(int world, LearningInput baseInput, IReadOnlyList<TruthRow> truth)
    {
        var figures = new List<RoundFigures>();
        var fraud = truth.Where(t => t.Fraude).ToDictionary(t => t.AanbiederId, StringComparer.Ordinal);
        var baseScore = baseInput.Aanbieders.ToDictionary(a => a.AanbiederId, a => a.Basisscore, StringComparer.Ordinal);
        foreach (var scheme in Schemes)
        {
            var publications = new List<Publication>();
            var assessments = new Dictionary<string, IReadOnlyList<Beoordeling>>(StringComparer.Ordinal);
            var assessed = new HashSet<string>(StringComparer.Ordinal);
            for (var round = 1; round <= rounds; round++)
            {
                var runId = $"sim-{world}-{round:D2}";
                var rundatum = Start.AddDays(30 * (round - 1));
                var memory = MemoryBuilder.Build(publications, assessments);
                var outcome = LearningStep.Apply(baseInput with { RunId = runId, Rundatum = rundatum }, memory, scheme.Settings);
                var ranked = outcome.Aanbieders
                    .OrderByDescending(a => a.Risicoscore).ThenByDescending(a => baseScore[a.AanbiederId]).ThenBy(a => a.AanbiederId, StringComparer.Ordinal)
                    .ToList();
                var quality = RankingEvaluation.Evaluate(ranked.Select(a => a.AanbiederId).ToList(), truth);
                // Recall per pattern within the first F places, F = the number of frauds in the world (a perfect list has all there).
                var topF = ranked.Take(fraud.Count).Select(a => a.AanbiederId).ToHashSet(StringComparer.Ordinal);
                var recall = truth.Where(t => t.Fraude).SelectMany(t => t.Patronen.Select(p => (p, t.AanbiederId))).GroupBy(x => x.p)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (double)g.Count(x => topF.Contains(x.AanbiederId)) / g.Count(), StringComparer.Ordinal);
                figures.Add(new RoundFigures(scheme.Name, world, round, quality.AveragePrecision, quality.PrecisionTop20, recall,
                    outcome.Samenvatting.Positief, outcome.Samenvatting.Negatief, outcome.Samenvatting.Geleerd));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wereld {world} {scheme.Name,-10} ronde {round,2}: AP {quality.AveragePrecision:F3}  P@20 {quality.PrecisionTop20:F2}  " +
                    $"labels +{outcome.Samenvatting.Positief}/-{outcome.Samenvatting.Negatief}{(outcome.Samenvatting.Geleerd ? " geleerd" : "")}  " +
                    $"recall top {fraud.Count}: {string.Join(" ", recall.Select(r => $"{r.Key}={r.Value:F2}"))}"));

                // The reviewers: the first k not yet assessed of those on the list by score, and the whole sample.
                var byScore = ranked.Where(a => a.Gepubliceerd && a.Steekproef is null && !assessed.Contains(a.AanbiederId)).Take(k);
                var sample = ranked.Where(a => a.Steekproef is not null);
                var ofRound = new List<Beoordeling>();
                var at = new DateTimeOffset(rundatum.AddDays(7).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
                foreach (var a in byScore.Concat(sample))
                {
                    ofRound.Add(Assess(runId, a.AanbiederId, fraud.ContainsKey(a.AanbiederId), at));
                    assessed.Add(a.AanbiederId);
                }
                if (outcome.Publicatie is { } publication) publications.Add(publication);
                assessments[runId] = ofRound;
            }
        }
        return figures;
    }

    /// <summary>Medians over the worlds per scheme and round, and the gain after round 5 (the issue's goal).</summary>
    public void Summarise(IReadOnlyList<RoundFigures> all)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("mediaan over de werelden (AP / P@20):");
        foreach (var round in all.Select(f => f.Round).Distinct().Order())
            output.WriteLine(string.Create(inv, $"  ronde {round,2}: ") + string.Join("   ", Schemes.Select(s =>
            {
                var of = all.Where(f => f.Scheme == s.Name && f.Round == round).ToList();
                return string.Create(inv, $"{s.Name} {Median(of.Select(f => f.AveragePrecision)):F3} / {Median(of.Select(f => f.PrecisionTop20)):F2}");
            })));

        // The scheme the rules catch least: the lowest median recall in round 1 without learning.
        var baseline = all.Where(f => f.Scheme == "geen_leren" && f.Round == 1).ToList();
        var weakest = baseline.SelectMany(f => f.RecallPerPattern.Keys).Distinct(StringComparer.Ordinal)
            .Select(p => (p, median: Median(baseline.Where(f => f.RecallPerPattern.ContainsKey(p)).Select(f => f.RecallPerPattern[p]))))
            .OrderBy(x => x.median).ThenBy(x => x.p, StringComparer.Ordinal).FirstOrDefault().p;
        var after = Math.Min(5, all.Max(f => f.Round));
        double MedianAp(string scheme) => Median(all.Where(f => f.Scheme == scheme && f.Round == after).Select(f => f.AveragePrecision));
        output.WriteLine(string.Create(inv,
            $"na ronde {after}: mediane AP geen_leren {MedianAp("geen_leren"):F3}, naief {MedianAp("naief"):F3} ({MedianAp("naief") - MedianAp("geen_leren"):+0.000;-0.000}), " +
            $"ontwerp {MedianAp("ontwerp"):F3} ({MedianAp("ontwerp") - MedianAp("geen_leren"):+0.000;-0.000}); doel: ontwerp ≥ +0,050"));
        if (weakest is not null)
            output.WriteLine(string.Create(inv, $"patroon dat de regels het minst vangen: {weakest}; mediane recall top F per ronde: ") + string.Join("; ", Schemes.Select(s =>
                s.Name + " " + string.Join(" ", all.Where(f => f.Scheme == s.Name).GroupBy(f => f.Round).OrderBy(g => g.Key)
                    .Select(g => Median(g.Select(f => f.RecallPerPattern.GetValueOrDefault(weakest))).ToString("F2", inv))))));
    }

    private static Beoordeling Assess(string runId, string id, bool fraud, DateTimeOffset at)
    {
        var b = Beoordeling.Nieuw(runId, id, "simulatie");
        BeoordelingsActie[] steps = fraud
            ? [new Beoordeel(Uitkomst.NaderOnderzoek, Rationale), new BevestigEscalatie(Rationale)]
            : [new Beoordeel(Uitkomst.GeenAanwijzing, Rationale)];
        foreach (var step in steps)
        {
            var overgang = ReviewStateMachine.Pas(b, step, step is BevestigEscalatie ? Second : First, at);
            b = overgang.Nieuw ?? throw new InvalidOperationException(overgang.Melding);
            at = at.AddHours(1);
        }
        return b;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
