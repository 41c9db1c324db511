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
/// <para>
/// What is measured is the list the reviewers work from next: the providers not yet assessed (the remaining
/// queue). A provider once assessed has left the queue — a confirmed case is a case, no longer a signal to review,
/// and a geen_aanwijzing is held back — so a list that still ranks it high gains nothing from it. AP over all
/// providers is printed beside it; it rewards ranking the already found cases first, which no reviewer needs.
/// A queue with no fraud left misses nothing and counts as 1 (AP, and recall of a pattern with none left): leaving
/// such a world out would drop exactly the worlds where the reviewers found everything. Because each variant's
/// queue is its own, the frauds found so far are printed beside it: a variant that found fewer has a richer queue.
/// </para>
/// </summary>
/// <param name="schemes">The variants to run, comma-separated (null: <see cref="DefaultSchemes"/>); geen_leren always runs.</param>
/// <param name="minimumLabels">Overrides the minimum positive and negative labels before blending (null = the default, 30 each).</param>
public sealed class LearningSimulation(int rounds, int k, TextWriter output, int? minimumLabels = null, string? schemes = null)
{
    public sealed record Scheme(string Name, LearningSettings Settings);

    /// <summary>
    /// Every variant the benchmark knows: no learning; naive learning (no sample, no weights); this design (sample,
    /// inverse-propensity weights, the learned part only lifting, a provider below the threshold at most up to behind
    /// the rules' signals); the same design with the plain blend (<c>menging</c>); the design before, lifting anywhere
    /// and cautious with few labels (<c>voorzichtig</c>: small trees and shrinkage), and lifting anywhere without that
    /// caution (<c>oud</c>), with only the small trees (<c>bomen</c>) or only the shrinkage (<c>krimp</c>); this design
    /// with the caution (<c>achteraan_voorzichtig</c>); and the learned part lifting only below the threshold, the
    /// rules' signals keeping their base score (<c>onder_drempel</c>, <c>onder_drempel_voorzichtig</c>); and this design with a
    /// uniform sample, as before the sample followed the score (<c>gelijke_steekproef</c>). Every variant
    /// but naief, ontwerp and menging names all of its settings, so that it stays what was measured when the defaults change.
    /// </summary>
    public static IReadOnlyList<string> AllSchemes { get; } =
        ["geen_leren", "naief", "ontwerp", "gelijke_steekproef", "menging", "voorzichtig", "oud", "bomen", "krimp", "achteraan_voorzichtig", "onder_drempel", "onder_drempel_voorzichtig"];

    /// <summary>The variants run unless others are asked for.</summary>
    public const string DefaultSchemes = "geen_leren,naief,ontwerp,menging";

    /// <summary>The variants of this simulation; geen_leren, the baseline of every comparison, always first.</summary>
    public IReadOnlyList<Scheme> Schemes { get; } = Select(schemes ?? DefaultSchemes, minimumLabels);

    private static readonly LearningSettings Cautious = new() { KleineBomen = true, Krimp = null };
    private static readonly LearningSettings Bold = new() { KleineBomen = false, Krimp = 0 };

    private static List<Scheme> Select(string names, int? minimumLabels)
    {
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend("geen_leren").Distinct(StringComparer.Ordinal).ToList();
        return wanted.Select(n => new Scheme(n, n switch
        {
            "geen_leren" => new LearningSettings { Aan = false },
            "naief" => Minimum(new LearningSettings { Wegen = false, SteekproefAandeel = 0, SteekproefMinimum = 0 }, minimumLabels),
            "ontwerp" => Minimum(new LearningSettings(), minimumLabels),
            "menging" => Minimum(new LearningSettings { AlleenOphogen = false }, minimumLabels),
            "gelijke_steekproef" => Minimum(new LearningSettings { SteekproefNaarScore = 0 }, minimumLabels),
            "voorzichtig" => Minimum(Cautious with { Optillen = Optilling.Overal }, minimumLabels),
            "oud" => Minimum(Bold with { Optillen = Optilling.Overal }, minimumLabels),
            "bomen" => Minimum(new LearningSettings { KleineBomen = true, Krimp = 0, Optillen = Optilling.Overal }, minimumLabels),
            "krimp" => Minimum(new LearningSettings { KleineBomen = false, Krimp = null, Optillen = Optilling.Overal }, minimumLabels),
            "achteraan_voorzichtig" => Minimum(Cautious with { Optillen = Optilling.AchterRegels }, minimumLabels),
            "onder_drempel" => Minimum(Bold with { Optillen = Optilling.AlleenOnderDrempel }, minimumLabels),
            "onder_drempel_voorzichtig" => Minimum(Cautious with { Optillen = Optilling.AlleenOnderDrempel }, minimumLabels),
            _ => throw new ArgumentException($"Onbekende variant '{n}'; bekend: {string.Join(", ", AllSchemes)}.", nameof(names)),
        })).ToList();
    }

    private static LearningSettings Minimum(LearningSettings settings, int? minimum) =>
        minimum is { } m ? settings with { MinimumPositief = m, MinimumNegatief = m } : settings;

    /// <param name="Round">0: the list before any assessment; r: the list of the run after r rounds of assessments.</param>
    /// <param name="ApAll">AP over every provider (found cases included).</param>
    /// <param name="ApRest">AP over the providers not yet assessed, against the frauds not yet found; 1 when none is left (nothing missed).</param>
    /// <param name="PrecisionTop20Rest">Share of fraud among the first 20 not yet assessed.</param>
    /// <param name="RecallRest">Per pattern: of its frauds not yet found, the share in the first F' places of the remaining queue (F' = frauds left); 1 when none is left.</param>
    /// <param name="Found">Per pattern: the share of its frauds confirmed by the reviewers so far.</param>
    /// <param name="FraudFound">Frauds confirmed by the reviewers so far (with or without learning).</param>
    public sealed record RoundFigures(string Scheme, int World, int Round, double ApAll, double ApRest, double PrecisionTop20Rest,
        IReadOnlyDictionary<string, double> RecallAll, IReadOnlyDictionary<string, double> RecallRest, IReadOnlyDictionary<string, double> Found,
        int FraudLeft, int FraudFound, int Positive, int Negative, bool Learned, int HonestReviewed = 0, int FoundBySample = 0, int Sampled = 0);

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
        var patterns = fraud.Values.SelectMany(t => t.Patronen).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var scheme in Schemes)
        {
            var publications = new List<Publication>();
            var assessments = new Dictionary<string, IReadOnlyList<Beoordeling>>(StringComparer.Ordinal);
            var assessed = new HashSet<string>(StringComparer.Ordinal);
            var (foundBySample, sampled) = (0, 0);
            for (var round = 0; round <= rounds; round++)
            {
                var runId = $"sim-{world}-{round:D2}";
                var rundatum = Start.AddDays(30 * round);
                var memory = MemoryBuilder.Build(publications, assessments);
                var outcome = LearningStep.Apply(baseInput with { RunId = runId, Rundatum = rundatum }, memory, scheme.Settings);
                var ranked = outcome.Aanbieders
                    .OrderBy(a => a.AchterRegels).ThenByDescending(a => a.Risicoscore).ThenByDescending(a => baseScore[a.AanbiederId]).ThenBy(a => a.AanbiederId, StringComparer.Ordinal)
                    .ToList();
                var all = ranked.Select(a => a.AanbiederId).ToList();
                var rest = all.Where(id => !assessed.Contains(id)).ToList();
                var restTruth = truth.Where(t => !assessed.Contains(t.AanbiederId)).ToList();
                var quality = RankingEvaluation.Evaluate(all, truth);
                var restQuality = RankingEvaluation.Evaluate(rest, restTruth);
                var left = restTruth.Count(t => t.Fraude);
                var recallAll = Recall(all, truth, patterns);
                var recallRest = Recall(rest, restTruth, patterns);
                var found = patterns.ToDictionary(p => p, p =>
                {
                    var of = fraud.Values.Where(t => t.Patronen.Contains(p)).ToList();
                    return (double)of.Count(t => assessed.Contains(t.AanbiederId)) / of.Count;
                }, StringComparer.Ordinal);
                var s = outcome.Samenvatting;
                figures.Add(new RoundFigures(scheme.Name, world, round, quality.AveragePrecision, left == 0 ? 1 : restQuality.AveragePrecision,
                    restQuality.PrecisionTop20, recallAll, recallRest, found, left, fraud.Keys.Count(assessed.Contains), s.Positief, s.Negatief, s.Geleerd,
                    assessed.Count(id => !fraud.ContainsKey(id)), foundBySample, sampled));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wereld {world} {scheme.Name,-10} ronde {round,2}: AP rest {(left == 0 ? 1 : restQuality.AveragePrecision):F3}  P@20 rest {restQuality.PrecisionTop20:F2}  AP alle {quality.AveragePrecision:F3}  " +
                    $"fraudes over {left,3}  labels +{s.Positief}/-{s.Negatief}{(s.Geleerd ? " geleerd" : "")}  " +
                    $"recall rest: {string.Join(" ", recallRest.Select(r => $"{r.Key}={r.Value:F2}"))}"));
                if (round == rounds) break;

                // The reviewers: the first k not yet assessed of those on the list by score, and the whole sample.
                var byScore = ranked.Where(a => a.Gepubliceerd && a.Steekproef is null && !assessed.Contains(a.AanbiederId)).Take(k);
                var sample = ranked.Where(a => a.Steekproef is not null);
                var ofRound = new List<Beoordeling>();
                var at = new DateTimeOffset(rundatum.AddDays(7).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
                foreach (var a in byScore.Concat(sample))
                {
                    if (a.Steekproef is not null && !assessed.Contains(a.AanbiederId))
                        (foundBySample, sampled) = (foundBySample + (fraud.ContainsKey(a.AanbiederId) ? 1 : 0), sampled + 1);
                    ofRound.Add(Assess(runId, a.AanbiederId, fraud.ContainsKey(a.AanbiederId), at));
                    assessed.Add(a.AanbiederId);
                }
                if (outcome.Publicatie is { } publication) publications.Add(publication);
                assessments[runId] = ofRound;
            }
        }
        return figures;
    }

    /// <summary>Per pattern (each planted in the world): of its frauds in <paramref name="truth"/>, the share in the first F places (F = the frauds in <paramref name="truth"/>); 1 when none of them is left there.</summary>
    private static Dictionary<string, double> Recall(IReadOnlyList<string> ranked, IReadOnlyList<TruthRow> truth, IReadOnlyList<string> patterns)
    {
        var frauds = truth.Where(t => t.Fraude).ToList();
        var top = ranked.Take(frauds.Count).ToHashSet(StringComparer.Ordinal);
        return patterns.ToDictionary(p => p, p =>
        {
            var of = frauds.Where(t => t.Patronen.Contains(p)).ToList();
            return of.Count == 0 ? 1 : (double)of.Count(t => top.Contains(t.AanbiederId)) / of.Count;
        }, StringComparer.Ordinal);
    }

    /// <summary>The gain the learning issue asks for: the median AP over the worlds after round 5, ontwerp above no learning.</summary>
    public const double GoalGain = 0.05;

    /// <summary>
    /// After round 5 (or the last round, if fewer): the difference of the medians over the worlds between ontwerp and
    /// no learning, of the AP over all providers and of the AP over those not yet assessed; null without ontwerp.
    /// </summary>
    public static (int Round, double OnAll, double OnRest)? Goal(IReadOnlyList<RoundFigures> all)
    {
        var round = Math.Min(5, all.Max(f => f.Round));
        var design = all.Where(f => f.Scheme == "ontwerp" && f.Round == round).ToList();
        var baseline = all.Where(f => f.Scheme == "geen_leren" && f.Round == round).ToList();
        if (design.Count == 0 || baseline.Count == 0) return null;
        return (round, Median(design.Select(f => f.ApAll)) - Median(baseline.Select(f => f.ApAll)),
            Median(design.Select(f => f.ApRest)) - Median(baseline.Select(f => f.ApRest)));
    }

    private static string Verdict(double gain) => gain >= GoalGain - 1e-12 ? "gehaald" : "niet gehaald";

    /// <summary>Medians over the worlds per scheme and round, the gain after round 5 (the issue's goal) with its worst world, the least caught pattern and the <paramref name="focus"/> patterns (those the rules were blinded to).</summary>
    public void Summarise(IReadOnlyList<RoundFigures> all, IReadOnlyList<string>? focus = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var last = all.Max(f => f.Round);
        output.WriteLine();
        output.WriteLine("mediaan over de werelden: AP rest / P@20 rest / AP alle / fraudes gevonden / werelden waarin geleerd");
        foreach (var round in all.Select(f => f.Round).Distinct().Order())
            output.WriteLine(string.Create(inv, $"  ronde {round,2}: ") + string.Join("   ", Schemes.Select(s =>
            {
                var of = all.Where(f => f.Scheme == s.Name && f.Round == round).ToList();
                return string.Create(inv, $"{s.Name} {Median(of.Select(f => f.ApRest)):F3} / {Median(of.Select(f => f.PrecisionTop20Rest)):F2} / " +
                    $"{Median(of.Select(f => f.ApAll)):F3} / {Median(of.Select(f => (double)f.FraudFound)):F0} / {of.Count(f => f.Learned)}");
            })));

        var after = Math.Min(5, last);
        output.WriteLine();
        output.WriteLine("tegen geen_leren, per wereld (mediaan en slechtste wereld): AP rest, fraudes gevonden; AP alle");
        foreach (var round in new[] { after, last }.Distinct())
        {
            var baseline = all.Where(f => f.Scheme == "geen_leren" && f.Round == round).ToDictionary(f => f.World);
            foreach (var s in Schemes.Where(s => s.Name != "geen_leren"))
            {
                var of = all.Where(f => f.Scheme == s.Name && f.Round == round).ToList();
                var gains = of.Select(f => (f.World, OnRest: f.ApRest - baseline[f.World].ApRest, Found: (double)(f.FraudFound - baseline[f.World].FraudFound),
                    OnAll: f.ApAll - baseline[f.World].ApAll)).ToList();
                var worst = gains.MinBy(g => g.OnRest);
                output.WriteLine(string.Create(inv,
                    $"  na ronde {round,2}: {s.Name,-10} mediane AP rest {Median(of.Select(f => f.ApRest)):F3} tegen {Median(baseline.Values.Select(f => f.ApRest)):F3} " +
                    $"(verschil van de medianen {Median(of.Select(f => f.ApRest)) - Median(baseline.Values.Select(f => f.ApRest)):+0.000;-0.000;+0.000}); per wereld {Median(gains.Select(g => g.OnRest)):+0.000;-0.000;+0.000}, " +
                    $"slechtste {worst.OnRest:+0.000;-0.000;+0.000} (wereld {worst.World}); gevonden per wereld {Median(gains.Select(g => g.Found)):+0.0;-0.0;+0.0}, slechtste {gains.Min(g => g.Found):+0;-0;+0}; " +
                    $"AP alle per wereld {Median(gains.Select(g => g.OnAll)):+0.000;-0.000;+0.000}, slechtste {gains.Min(g => g.OnAll):+0.000;-0.000;+0.000}"));
            }
        }
        if (Goal(all) is { } goal)
            output.WriteLine(string.Create(inv,
                $"doel: na ronde {goal.Round} ligt de mediane AP van ontwerp ten minste {GoalGain:F3} boven die van geen_leren: " +
                $"AP alle {goal.OnAll:+0.000;-0.000;+0.000} ({Verdict(goal.OnAll)}), AP rest {goal.OnRest:+0.000;-0.000;+0.000} ({Verdict(goal.OnRest)})"));

        // Per round against no learning, per world: the median and the worst world of each measure.
        output.WriteLine();
        output.WriteLine("per ronde tegen geen_leren, per wereld mediaan (slechtste): fraudes gevonden, eerlijke beoordeeld, AP rest, AP alle");
        foreach (var s in Schemes.Where(s => s.Name != "geen_leren"))
            foreach (var round in all.Select(f => f.Round).Distinct().Order().Where(r => r > 0))
            {
                var baseline = all.Where(f => f.Scheme == "geen_leren" && f.Round == round).ToDictionary(f => f.World);
                var of = all.Where(f => f.Scheme == s.Name && f.Round == round).ToList();
                var found = of.Select(f => (double)(f.FraudFound - baseline[f.World].FraudFound)).ToList();
                var honest = of.Select(f => (double)(f.HonestReviewed - baseline[f.World].HonestReviewed)).ToList();
                var rest = of.Select(f => f.ApRest - baseline[f.World].ApRest).ToList();
                var onAll = of.Select(f => f.ApAll - baseline[f.World].ApAll).ToList();
                output.WriteLine(string.Create(inv,
                    $"  {s.Name,-10} ronde {round,2}: gevonden {Median(found):+0.0;-0.0;+0.0} ({found.Min():+0;-0;+0})  eerlijk {Median(honest):+0.0;-0.0;+0.0} ({honest.Max():+0;-0;+0})  " +
                    $"AP rest {Median(rest):+0.000;-0.000;+0.000} ({rest.Min():+0.000;-0.000;+0.000})  AP alle {Median(onAll):+0.000;-0.000;+0.000} ({onAll.Min():+0.000;-0.000;+0.000})"));
            }

        // What is left to find, over all worlds together: the frauds no reviewer has confirmed yet.
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"fraudes niet gevonden, alle werelden samen (van {all.Where(f => f.Scheme == "geen_leren" && f.Round == 0).Sum(f => f.FraudLeft)}), na ronde {after} / {last}"));
        foreach (var s in Schemes)
            output.WriteLine(string.Create(inv, $"  {s.Name,-18} {all.Where(f => f.Scheme == s.Name && f.Round == after).Sum(f => f.FraudLeft)} / " +
                $"{all.Where(f => f.Scheme == s.Name && f.Round == last).Sum(f => f.FraudLeft)}"));

        // What the sample found: frauds among the sampled providers by the last round (the sample's yield per review).
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"steekproef na ronde {last}, mediaan (slechtste) over de werelden: beoordeeld, fraudes daarin"));
        foreach (var s in Schemes.Where(s => s.Name != "geen_leren"))
        {
            var of = all.Where(f => f.Scheme == s.Name && f.Round == last).ToList();
            output.WriteLine(string.Create(inv, $"  {s.Name,-18} {Median(of.Select(f => (double)f.Sampled)):F0} ({of.Min(f => f.Sampled)}), " +
                $"{Median(of.Select(f => (double)f.FoundBySample)):F1} ({of.Min(f => f.FoundBySample)}); in alle werelden samen {of.Sum(f => f.FoundBySample)} van {of.Sum(f => f.Sampled)}"));
        }

        // The pattern the rules catch least: the lowest median recall (first F places) of the list before any assessment.
        var start = all.Where(f => f.Scheme == "geen_leren" && f.Round == 0).ToList();
        var weakest = start.SelectMany(f => f.RecallAll.Keys).Distinct(StringComparer.Ordinal)
            .Select(p => (p, median: Median(start.Select(f => f.RecallAll.GetValueOrDefault(p, double.NaN)))))
            .OrderBy(x => x.median).ThenBy(x => x.p, StringComparer.Ordinal).FirstOrDefault().p;
        if (weakest is not null)
            Pattern(weakest, $"patroon dat de regels het minst vangen: {weakest}");
        foreach (var p in focus ?? [])
            Pattern(p, $"blind gemaakt patroon: {p}");

        void Pattern(string p, string header)
        {
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"{header} (mediane recall eerste F plaatsen vóór beoordeling {Median(start.Select(f => f.RecallAll.GetValueOrDefault(p, double.NaN))):F2})"));
            foreach (var s in Schemes)
            {
                var of = all.Where(f => f.Scheme == s.Name).GroupBy(f => f.Round).OrderBy(g => g.Key).ToList();
                output.WriteLine(string.Create(inv, $"  {s.Name,-10} recall rest per ronde: ") +
                    string.Join(" ", of.Select(g => Median(g.Select(f => f.RecallRest.GetValueOrDefault(p, double.NaN))).ToString("F2", inv))) +
                    "; gevonden: " + string.Join(" ", of.Select(g => Median(g.Select(f => f.Found.GetValueOrDefault(p, double.NaN))).ToString("F2", inv))) +
                    "; slechtste wereld gevonden per ronde: " + string.Join(" ", of.Select(g => g.Min(f => f.Found.GetValueOrDefault(p, double.NaN)).ToString("F2", inv))));
            }
        }
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

    /// <summary>The median of the defined values (NaN, a world with nothing left to find, is left out); NaN when none is.</summary>
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
