using System.Globalization;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Learning;


/// <summary>What the learning step decided for one provider.</summary>
/// <param name="Risicoscore">The score to rank by: the base score, or the blend with the learned probability.</param>
/// <param name="Gepubliceerd">On the list for review: by its score (and not held back by an earlier geen_aanwijzing) or by the sample.</param>
/// <param name="Steekproef">Why the provider is on the list when it is there through the exploration sample; null otherwise.</param>
/// <param name="Toelichting">A sentence to add to the signal's explanation (learned part, sample, memory); null when there is nothing to add.</param>
/// <param name="Geleerd">The learned probability and its per-feature contributions; null when nothing was learned.</param>
/// <param name="AchterRegels">Ranked after every provider whose base score reaches the publication threshold, whatever its
/// risicoscore: its base score is below the threshold and the learned part may lift it only up to the rules' signals
/// (<see cref="Optilling.AchterRegels"/>). The list is ordered by this first, then by the risicoscore.</param>
public sealed record LearningAdjustment(
    string AanbiederId,
    double Risicoscore,
    bool Gepubliceerd,
    string? Steekproef,
    string? Toelichting,
    double? Kans,
    IReadOnlyList<LearnedContribution>? Geleerd,
    bool AchterRegels = false);

/// <summary>What the model-run record says about the learning: what it learned from, or why it did not learn.</summary>
/// <param name="Tegengehouden">Providers whose score would list them but who were assessed geen_aanwijzing within the waiting period, facts unchanged.</param>
/// <param name="InOnderzoek">Providers whose confirmed case still runs, whatever their score: not published anew (the earlier run's signal is their case) and not sampled.</param>
public sealed record LearningSummary(
    bool Aan,
    bool Geleerd,
    string Reden,
    string? GeheugenSha256,
    int Beoordelingen,
    string LabelsSha256,
    int Positief,
    int Negatief,
    DateOnly? Van,
    DateOnly? Tot,
    IReadOnlyDictionary<string, int> Uitgesloten,
    string? Trainer,
    string? ModelSha256,
    IReadOnlyList<string> Kenmerken,
    int SteekproefSeed,
    IReadOnlyList<string> Steekproef,
    IReadOnlyList<string> Tegengehouden,
    IReadOnlyList<string> InOnderzoek);

/// <param name="Aanbieders">In the order of the input's providers.</param>
/// <param name="Publicatie">What this run puts on the list and with which features (stored for later runs); null when learning is off.</param>
/// <param name="Invoer">What the step was given (for the benchmark, which replays the step over simulated rounds).</param>
public sealed record LearningOutcome(IReadOnlyList<LearningAdjustment> Aanbieders, LearningSummary Samenvatting, Publication? Publicatie,
    [property: System.Text.Json.Serialization.JsonIgnore] LearningInput Invoer);

/// <summary>
/// The one step of a risk run that uses reviewers' assessments, after the base scores are computed:
/// <list type="number">
/// <item>labels from the remembered assessments (<see cref="LabelRules"/>); with enough of both kinds a FastTree
/// model is trained on them with inverse-propensity weights and blended with the base score;</item>
/// <item>the list: every provider whose score reaches the threshold, except one whose confirmed case still runs
/// and one assessed geen_aanwijzing within the waiting period whose facts did not change materially;</item>
/// <item>the exploration sample from the providers below the threshold.</item>
/// </list>
/// With learning off or no assessments remembered, every provider keeps its base score and the list is the base
/// list: the output is byte for byte the run without learning.
/// </summary>
public static class LearningStep
{
    public static LearningOutcome Apply(LearningInput input, AssessmentMemory memory, LearningSettings settings)
    {
        var providers = input.Aanbieders;
        var names = input.KenmerkNamen;
        var format = input.Waarde ?? ((_, v) => v.ToString("0.##", CultureInfo.GetCultureInfo("nl-NL")));
        var describe = input.Omschrijving ?? (n => n);
        var drawSeed = ExplorationSample.SeedFor(input.Seed, input.RunId);

        if (!settings.Aan || memory.Beoordelingen.Count == 0)
        {
            var baseOnly = providers.Select(p => new LearningAdjustment(p.AanbiederId, p.Basisscore, p.Basisscore >= input.PublicatieDrempel, null, null, null, null)).ToList();
            var reason = settings.Aan
                ? "nog geen beoordelingen: de lijst is die van de indicatoren en het anomaliemodel, zonder steekproef"
                : "leren staat uit (configuratie)";
            var summary = new LearningSummary(settings.Aan, false, reason, null, 0, LabelRules.Build(AssessmentMemory.Empty, names, input.Rundatum, settings).Sha256,
                0, 0, null, null, new Dictionary<string, int>(), null, null, names, drawSeed, [], [], []);
            return new LearningOutcome(baseOnly, summary, settings.Aan ? PublicationOf(input, baseOnly) : null, input);
        }

        // 1. Labels and, with enough of them, the learned model.
        var labels = LabelRules.Build(memory, names, input.Rundatum, settings);
        var scores = providers.Select(p => p.Basisscore).ToArray();
        IReadOnlyList<LearnedScore>? learned = null;
        SupervisedModel? model = null;
        string why;
        if (names.Count == 0)
            why = "de run heeft geen kenmerken om van te leren";
        else if (labels.Positief < settings.MinimumPositief || labels.Negatief < settings.MinimumNegatief)
            why = $"niet geleerd: {labels.Positief} positieve labels (minimaal {settings.MinimumPositief}) en {labels.Negatief} negatieve (minimaal {settings.MinimumNegatief})";
        else
        {
            model = SupervisedModel.Train(labels.Labels, names.Count, input.Seed, settings);
            learned = model.Score(providers.Select(p => p.Kenmerken).ToList());
            for (var i = 0; i < providers.Count; i++)
            {
                if (settings.Optillen == Optilling.AlleenOnderDrempel && providers[i].Basisscore >= input.PublicatieDrempel) continue;
                scores[i] = Blend(providers[i].Basisscore, learned[i].Kans, settings.GewichtGeleerd, settings.AlleenOphogen);
            }
            why = $"geleerd uit {labels.Positief} positieve en {labels.Negatief} negatieve labels, {(settings.Wegen ? "gewogen naar de kans op beoordeling" : "ongewogen")}; " +
                  $"aandeel in de score {settings.GewichtGeleerd.ToString("0.##", CultureInfo.InvariantCulture)}{(settings.AlleenOphogen ? ", alleen ophogend" : "")}" +
                  settings.Optillen switch
                  {
                      Optilling.AchterRegels => ", onder de drempel hoogstens tot achter de signalen van de regels",
                      Optilling.AlleenOnderDrempel => ", alleen onder de drempel en hoogstens tot achter de signalen van de regels",
                      _ => "",
                  };
        }
        // Behind the rules: only a learned model moves anyone, and without one the order is the base order anyway.
        var behind = providers.Select(p => learned is not null && settings.Optillen != Optilling.Overal && p.Basisscore < input.PublicatieDrempel).ToArray();

        // 2. Memory: the latest remembered outcome per provider. A confirmed case that still runs holds the provider
        //    back (the earlier signal is the case; a new one would be reviewed twice); a recent geen_aanwijzing holds
        //    it back unless its facts changed.
        var latest = memory.Beoordelingen.Where(a => MemoryBuilder.Remembered.Contains(a.Status))
            .GroupBy(a => a.AanbiederId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Datum).ThenByDescending(a => a.RunId, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        var scales = MaterialChange.Scales(providers, names.Count);
        var published = new bool[providers.Count];
        var notes = new List<string>?[providers.Count];
        var heldBack = new List<string>();
        var inCase = new List<string>();
        for (var i = 0; i < providers.Count; i++)
        {
            var p = providers[i];
            if (learned is not null) Note(notes, i, LearnedSentence(learned[i], names, p.Kenmerken, describe, format, labels));
            if (latest.TryGetValue(p.AanbiederId, out var open) && OpenCase(open))
            {
                // Below the threshold as well: a provider under investigation is no candidate for the sample.
                inCase.Add(p.AanbiederId);
                Note(notes, i, $"Niet opnieuw gepubliceerd: het nader onderzoek uit {open.RunId} (bevestigd, nu {open.Status.Replace('_', ' ')}) loopt nog; dat signaal is het dossier.");
                continue;
            }
            if (scores[i] < input.PublicatieDrempel) continue;
            if (latest.TryGetValue(p.AanbiederId, out var earlier) && earlier.Status == ReviewStatus.GeenAanwijzing
                && earlier.Datum.AddDays(settings.WachttijdGeenAanwijzingDagen) >= input.Rundatum)
            {
                var changes = MaterialChange.Changes(earlier, p, names, scales, settings, format);
                if (changes.Count == 0)
                {
                    heldBack.Add(p.AanbiederId);
                    Note(notes, i, $"Niet opnieuw gepubliceerd: op {Datum(earlier.Datum)} beoordeeld als geen aanwijzing ({earlier.RunId}) en de feiten zijn sindsdien niet wezenlijk veranderd.");
                    continue;
                }
                Note(notes, i, $"Eerder beoordeeld als geen aanwijzing op {Datum(earlier.Datum)} ({earlier.RunId}); opnieuw gepubliceerd omdat de feiten wezenlijk veranderden: {string.Join("; ", changes)}.");
            }
            if (behind[i])
                Note(notes, i, $"Door het geleerde model op de lijst gezet: de regels en het anomaliemodel geven {Score(providers[i].Basisscore)}, onder de publicatiedrempel " +
                               $"{Score(input.PublicatieDrempel)}. Daarom staat dit signaal achter de signalen van de regels.");
            published[i] = true;
        }

        // 3. The exploration sample from the providers below the threshold.
        var held = heldBack.Concat(inCase).ToHashSet(StringComparer.Ordinal);
        var pool = providers.Where((p, i) => !published[i] && !held.Contains(p.AanbiederId)).Select(p => (p.AanbiederId, p.Basisscore)).ToList();
        var sample = ExplorationSample.Draw(pool, drawSeed, settings).ToDictionary(d => d.AanbiederId, d => d.Kans, StringComparer.Ordinal);
        var adjustments = new List<LearningAdjustment>(providers.Count);
        for (var i = 0; i < providers.Count; i++)
        {
            var sampleReason = sample.TryGetValue(providers[i].AanbiederId, out var chance) ? SampleReason(chance, settings) : null;
            if (sampleReason is not null) notes[i] = [sampleReason, .. notes[i] ?? []];
            adjustments.Add(new LearningAdjustment(providers[i].AanbiederId, scores[i], published[i] || sampleReason is not null, sampleReason,
                notes[i] is { } n ? string.Join(" ", n) : null, learned?[i].Kans,
                learned is null ? null : Contributions(learned[i], names, providers[i].Kenmerken, describe), behind[i]));
        }

        var summaryLearned = new LearningSummary(true, model is not null, why, ContentHash.Sha256(memory.ToJson()), memory.Beoordelingen.Count,
            labels.Sha256, labels.Positief, labels.Negatief, labels.Van, labels.Tot, labels.Uitgesloten, model is null ? null : SupervisedModel.Trainer,
            model?.Sha256, names, drawSeed, sample.Keys.Order(StringComparer.Ordinal).ToList(), heldBack.Order(StringComparer.Ordinal).ToList(),
            inCase.Order(StringComparer.Ordinal).ToList());
        return new LearningOutcome(adjustments, summaryLearned, PublicationOf(input, adjustments, pool.Count - sample.Count, sample), input);
    }

    /// <summary>The blended score, 0..100 with one decimal like the base score; lifting only, never below the base score.</summary>
    public static double Blend(double baseScore, double probability, double weight, bool liftOnly)
    {
        var blend = Math.Round(100 * Math.Clamp((1 - weight) * baseScore / 100 + weight * probability, 0, 1), 1, MidpointRounding.AwayFromZero);
        return liftOnly ? Math.Max(baseScore, blend) : blend;
    }

    /// <summary>A confirmed case that has not reached its closing decision.</summary>
    private static bool OpenCase(PastAssessment a) => LabelRules.OpenCaseStatuses.Contains(a.Status) && a.Bevestigd;

    /// <summary>Why a sampled provider is on the list, with its chance of being drawn.</summary>
    private static string SampleReason(double chance, LearningSettings settings) =>
        "Steekproef: deze aanbieder staat op de lijst door een willekeurige, vastgelegde steekproef onder de aanbieders onder de publicatiedrempel, " +
        $"niet door de indicatoren of het model (kans om getrokken te worden {Nl.Procent(chance, "0.#")}" +
        (settings.SteekproefNaarScore > 0 ? $"; {Nl.Procent(settings.SteekproefNaarScore, "0.#")} van de steekproef trekt aanbieders met een hogere score vaker" : "") +
        "). Zo komen beoordelingen ook van buiten het bereik van de regels; beoordeel hem als elk ander signaal.";

    private static Publication PublicationOf(LearningInput input, IReadOnlyList<LearningAdjustment> adjustments, int? unflagged = null,
        IReadOnlyDictionary<string, double>? chances = null)
    {
        var listed = new List<PublishedProvider>();
        for (var i = 0; i < adjustments.Count; i++)
        {
            if (!adjustments[i].Gepubliceerd) continue;
            var p = input.Aanbieders[i];
            listed.Add(adjustments[i].Steekproef is null
                ? new PublishedProvider(p.AanbiederId, Route.Regels, p.Kenmerken, p.Indicatoren, p.NatuurlijkPersoon)
                : new PublishedProvider(p.AanbiederId, Route.Steekproef, p.Kenmerken, p.Indicatoren, p.NatuurlijkPersoon, chances?[p.AanbiederId]));
        }
        var flagged = listed.Count(l => l.Route == Route.Regels);
        var sampled = listed.Count - flagged;
        return new Publication(input.RunId, input.Rundatum, input.KenmerkNamen, flagged, unflagged ?? adjustments.Count - flagged - sampled, sampled,
            listed.OrderBy(l => l.AanbiederId, StringComparer.Ordinal).ToList());
    }

    private static IReadOnlyList<LearnedContribution> Contributions(LearnedScore score, IReadOnlyList<string> names, double[] values, Func<string, string> describe) =>
        score.Bijdragen.Select((c, j) => (c, j)).Where(x => x.c != 0)
            .OrderByDescending(x => x.c).ThenBy(x => x.j)
            .Select(x => new LearnedContribution(names[x.j], describe(names[x.j]), Math.Round(values[x.j], 6), x.c)).ToList();

    private static string LearnedSentence(LearnedScore score, IReadOnlyList<string> names, double[] values, Func<string, string> describe,
        Func<string, double, string> format, LabelSet labels)
    {
        var top = score.Bijdragen.Select((c, j) => (c, j)).Where(x => x.c > 0).OrderByDescending(x => x.c).ThenBy(x => x.j).Take(3).ToList();
        var sentence = $"Geleerd uit eerdere beoordelingen ({labels.Positief} bevestigd nader onderzoek, {labels.Negatief} geen aanwijzing): " +
                       $"kans op bevestiging {Math.Round(100 * score.Kans, 0).ToString(CultureInfo.InvariantCulture)}%";
        return top.Count == 0
            ? sentence + "; geen kenmerk wijst in die richting."
            : sentence + ", vooral door: " + string.Join("; ", top.Select(x => $"{describe(names[x.j])} {format(names[x.j], values[x.j])}")) + ".";
    }

    private static void Note(List<string>?[] notes, int i, string text) => (notes[i] ??= []).Add(text);

    private static string Score(double s) => s.ToString("0.0", CultureInfo.GetCultureInfo("nl-NL"));

    private static string Datum(DateOnly d) => d.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
