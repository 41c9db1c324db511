using System.Text.Json;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Tables;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Run;

/// <summary>
/// The risk run as a pure function: snapshots + configuration → ranked signals with explanations. No clock, no
/// store, no randomness beyond the configured seed, ordinal ordering everywhere, so that an auditor's replay gives
/// the same risk list byte for byte.
/// </summary>
public static class RiskEngine
{
    /// <param name="runId">The run id written into every row of the risk list.</param>
    /// <param name="geheugen">The reviewers' earlier assessments the run may learn from (recorded with the run); null = none.</param>
    public static RiskResult Compute(RunTables inputs, RiskConfiguration config, string runId, IProgress<string>? progress = null, AssessmentMemory? geheugen = null)
    {
        var peildatum = config.Peildatum ?? ProviderFactsBuilder.DefaultPeildatum(inputs, config.Rundatum);
        progress?.Report($"peildatum {Nl.Datum(peildatum)}: adressen naar panden en clusters, tegelijk feiten per aanbieder (declaraties, toewijzingen, pgb)");
        var buildingsTask = Task.Run(() => ProviderFactsBuilder.AnalyseBuildings(inputs, peildatum, config.Drempels));
        var allFacts = ProviderFactsBuilder.Build(inputs, peildatum, config.Drempels, buildingsTask);
        var buildings = buildingsTask.Result;
        progress?.Report($"{buildings.Clusters.Count} clusters, {allFacts.Count} aanbieders");
        // Scored: every provider with an active client or with declarations in the window.
        var facts = allFacts.Where(f => f.Clienten > 0 || f.BedragTotaal != 0).ToList();

        progress?.Report($"{facts.Count} aanbieders met cliënten of declaraties; indicatoren evalueren tegen vergelijkbare aanbieders");
        var evaluation = IndicatorEvaluation.Evaluate(facts, config.Drempels);
        var findings = evaluation.PerAanbieder;

        // The model sees each feature relative to the provider's peer group, so that what is usual for a kind of
        // provider (a care home's clients in one building, a specialist's rate) is not unusual to the model either.
        var raw = facts.Select(ProviderFeatures.Vector).ToList();
        var (vectors, medians) = PeerNormalised(facts, raw, config.Drempels.MinimumGroep);
        var excess = vectors.Select(ExcessOverPeers).ToList();
        var fitModel = facts.Count >= Math.Max(2, config.MinimumAanbiedersVoorModel);
        progress?.Report(fitModel ? $"anomaliemodel trainen (RandomizedPca, ECOD en isolation forest, {ProviderFeatures.All.Count} kenmerken)" : "te weinig aanbieders voor het anomaliemodel");
        FittedDetector? detector = fitModel
            ? AnomalyDetector.Fit(excess, new DetectorOptions(Rank: config.Rank, Seed: config.Seed))
            : null;
        var (tails, anomaly) = RiskScore.Ranks(excess.Select(v => detector?.Score(v) ?? 0).ToList());

        progress?.Report("risicoscores combineren en rangschikken");
        var rows = new List<Row>(facts.Count);
        for (var i = 0; i < facts.Count; i++)
        {
            var fired = findings[i].Where(f => f.Afgegaan).Select(f => f.Code).ToList();
            var deviations = detector is null ? [] : Deviations(detector, excess[i], vectors[i], raw[i], medians[i]);
            var surprise = findings[i].Sum(f => f.Gewicht);
            var score = RiskScore.Combine(surprise, tails[i], config.GewichtAnomalie, config.RisicoscoreHalverwegeKans);
            rows.Add(new Row(facts[i], findings[i], fired, deviations, anomaly[i], score));
        }

        // Learning from assessments: adjusts the scores and the list only once reviewers have assessed signals.
        var learning = LearningStep.Apply(new LearningInput(runId, config.Rundatum, config.Seed, config.PublicatieDrempel,
            ProviderFeatures.Codes, rows.Select((r, i) => new LearningCandidate(r.Facts.AanbiederId, r.Score, vectors[i], r.Fired, NaturalPerson.Is(r.Facts.Soort, r.Facts.Naam))).ToList(),
            code => ProviderFeatures.All.First(f => f.Code == code).Omschrijving, Toelichting.Waarde), geheugen ?? AssessmentMemory.Empty, config.Leren);
        progress?.Report($"leren van beoordelingen: {learning.Samenvatting.Reden}");
        for (var i = 0; i < rows.Count; i++)
            rows[i] = rows[i] with { Score = learning.Aanbieders[i].Risicoscore, Learning = learning.Aanbieders[i] };
        rows.Sort((a, b) =>
        {
            // The rules' signals first when the learned part may lift others only up to them (LearningSettings.Optillen).
            var c = a.Learning!.AchterRegels.CompareTo(b.Learning!.AchterRegels);
            if (c == 0) c = b.Score.CompareTo(a.Score);
            if (c == 0) c = b.Anomaly.CompareTo(a.Anomaly);
            return c != 0 ? c : string.CompareOrdinal(a.Facts.AanbiederId, b.Facts.AanbiederId);
        });

        var (order, movedIn) = ReviewOrder.Arrange(rows.Select(r => (r.Learning!.Gepubliceerd, r.Fired)).ToList(), config.Beoordelingsvenster);

        var published = rows.Count(r => r.Learning!.Gepubliceerd);
        var baseRate = new BaseRate(published, rows.Count);
        var signals = new List<Signal>(rows.Count);
        var details = new List<SignalDetail>();
        for (var rank = 1; rank <= rows.Count; rank++)
        {
            var index = order[rank - 1];
            var row = rows[index];
            var status = row.Learning!.Gepubliceerd ? ReviewStatus.TeBeoordelen : ReviewStatus.NietGepubliceerd;
            var toelichting = Toelichting.Build(row.Facts, row.Findings, row.Deviations, config.Drempels);
            if (row.Learning.Toelichting is { } learned) toelichting += " " + learned;
            if (movedIn.TryGetValue(index, out var kind)) // moved into the window: say from which place by score
                toelichting += " " + Toelichting.Beoordelingsvolgorde(kind, index + 1, config.Beoordelingsvenster);
            var signal = new Signal(rank, row.Facts.AanbiederId, row.Facts.Naam, row.Score, row.Fired,
                row.Anomaly, toelichting, row.Facts.ClusterId, status, runId, row.Learning.Steekproef, NaturalPerson.Is(row.Facts.Soort, row.Facts.Naam));
            signals.Add(signal);
            if (status == ReviewStatus.TeBeoordelen)
                details.Add(new SignalDetail(signal, row.Findings, row.Deviations, baseRate, row.Facts.Panden,
                    row.Facts.Maanden, row.Facts.ClusterId is { } cluster ? buildings.ClusterPicture(cluster) : null, FactsHash(row), Geleerd: row.Learning.Geleerd));
        }

        var features = detector is null
            ? ProviderFeatures.All.Select((f, j) => new FeatureStatistic(f.Code, Median(raw, j), 1, Min(raw, j), Max(raw, j))).ToList()
            : ProviderFeatures.All.Select((f, j) => new FeatureStatistic(f.Code, detector.Scaler.Medians[j], detector.Scaler.Scales[j], Min(raw, j), Max(raw, j))).ToList();
        var model = new ModelSummary(detector is not null, AnomalyDetector.Description, detector?.Rank ?? 0, config.Seed,
            ProviderFeatures.All.Count, facts.Count, detector?.ResidualVariance ?? 0)
        {
            Indicatoren = evaluation.Prevalentie,
            Beperkingen = Limitations(buildings),
        };
        progress?.Report($"{rows.Count} aanbieders gerangschikt, {published} signalen boven de publicatiedrempel {Nl.Getal(config.PublicatieDrempel)}");
        return new RiskResult(runId, peildatum, signals, details, model, features, Distribution(rows.Select(r => r.Score).ToArray(), published), buildings, learning);
    }

    private sealed record Row(ProviderFacts Facts, IReadOnlyList<IndicatorFinding> Findings, IReadOnlyList<string> Fired,
        IReadOnlyList<FeatureDeviation> Deviations, double Anomaly, double Score, LearningAdjustment? Learning = null);

    /// <summary>
    /// The features ordered by their share of the provider's anomaly score, counting only features that push the
    /// score up and on which the provider lies at least one spread above its peers' median (robust z ≥ 1): a feature
    /// at or near the usual value (a rate of 1.01 × where most providers sit at exactly 1 ×) is never named as the reason.
    /// </summary>
    internal static IReadOnlyList<FeatureDeviation> Deviations(FittedDetector detector, double[] seen, double[] peerZ, double[] raw, double[] medians)
    {
        var parts = detector.Contributions(seen);
        for (var j = 0; j < parts.Length; j++)
            if (peerZ[j] < 1) parts[j] = 0;
        var positive = parts.Sum(p => Math.Max(0, p));
        if (positive <= 0) return [];
        return parts.Select((p, j) => (j, share: Math.Max(0, p) / positive))
            .Where(x => x.share > 0)
            .OrderByDescending(x => x.share).ThenBy(x => x.j)
            .Select(x => new FeatureDeviation(ProviderFeatures.All[x.j].Code, ProviderFeatures.All[x.j].Omschrijving,
                Math.Round(raw[x.j], 6), Math.Round(medians[x.j], 6), Math.Round(x.share, 4)))
            .ToList();
    }

    private static string FactsHash(Row row)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            row.Facts.AanbiederId,
            Indicatoren = row.Findings.Where(f => f.Afgegaan).Select(f => new[] { f.Code, f.Feiten }).ToArray(),
        });
        return ContentHash.Sha256(canonical);
    }

    /// <summary>
    /// Each feature as a robust z within the provider's peer group ((value − group median) / group spread, see
    /// <see cref="PeerGroups"/>), and the group medians per provider (the 'usual value' in explanations). A feature
    /// without spread in a group keeps the run's spread, or 1. A feature compared with the market already
    /// (<see cref="FeatureDefinition.TegenMarkt"/>) is a robust z over the whole run. For a share the spread also
    /// holds the share's binomial variance at the provider's own count (<see cref="FeatureDefinition.Aantal"/>).
    /// </summary>
    internal static (List<double[]> Vectors, double[][] Medians) PeerNormalised(IReadOnlyList<ProviderFacts> facts, List<double[]> raw, int minimumGroup)
    {
        var all = Enumerable.Repeat(true, facts.Count).ToArray();
        var groups = PeerGroups.Resolve(facts, all, minimumGroup);
        var members = PeerGroups.Members(facts, all, groups);
        var dimension = ProviderFeatures.All.Count;
        var vectors = raw.Select(v => new double[dimension]).ToList();
        var medians = raw.Select(v => new double[dimension]).ToArray();
        for (var j = 0; j < dimension; j++)
        {
            var feature = ProviderFeatures.All[j];
            var run = Statistics(raw.Select(v => v[j]).ToList());
            // A feature compared with the market already needs no group statistics: it is measured against the run.
            var perGroup = feature.TegenMarkt ? null
                : members.ToDictionary(g => g.Key, g => Statistics(g.Value.Select(i => raw[i][j]).ToList()), StringComparer.Ordinal);
            for (var i = 0; i < raw.Count; i++)
            {
                var (median, spread, mean) = groups[i] is { } g && perGroup is not null ? perGroup[g] : run;
                if (spread <= 0) spread = run.Spread > 0 ? run.Spread : 1;
                // A share over few clients or months is a noisy estimate: 1 of 1 client in one building is not taken
                // for more unusual than 20 of 40.
                if (feature.Aantal is { } count)
                    spread = PeerGroups.ShareSpread(spread, mean, count(facts[i]));
                vectors[i][j] = (raw[i][j] - median) / spread;
                medians[i][j] = median;
            }
        }
        return (vectors, medians);
    }

    private static (double Median, double Spread, double Mean) Statistics(IReadOnlyList<double> values)
    {
        var (median, spread) = PeerGroups.Spread(values);
        return (median, spread, values.Count == 0 ? 0 : values.Average());
    }

    /// <summary>
    /// What the anomaly model sees of a provider: per feature only how far it lies <em>above</em> its peers (a robust
    /// z below 0 counts as 0). Every feature is oriented so that more is more suspicious (a larger share of clients in
    /// one building, at the maximum, outside an allocation; a higher rate; more billed per client); a provider that
    /// bills less or houses fewer clients together than its peers is unusual, but there is nothing in it to review.
    /// The learned model (<see cref="LearningStep"/>) sees both sides: its labels tell it which side matters.
    /// </summary>
    internal static double[] ExcessOverPeers(double[] peerZ) => peerZ.Select(z => Math.Max(0, z)).ToArray();

    /// <summary>What the run could not see as well as it should, said plainly for the run record and the portal.</summary>
    private static IReadOnlyList<string> Limitations(Buildings.BuildingAnalysisResult buildings) => buildings.MetBag
        ? []
        : ["Geen BAG-extract: adressen zijn niet aan panden gekoppeld. Een pand is daarom benaderd als een reeks opeenvolgende huisnummers onder één postcode (hoogstens 2 uit elkaar): een flat met doorlopende nummers telt als één pand, maar twee panden met aansluitende nummers ook, en een pand dat aan twee postcodes ligt als twee. Samenwonen van cliënten wordt vooral herkend per postcode (COLOC_RIJ); indicatoren per pand (COLOC_PAND, COLOC_PANDEN, VERHUIS_START, NETWERK) zien minder. Lever een bag_adressen-extract aan voor volledige herkenning."];

    private static double Median(List<double[]> v, int j) => v.Count == 0 ? 0 : RobustScaler.Quantile(v.Select(x => x[j]).Order().ToArray(), 0.5);

    private static double Min(List<double[]> v, int j) => v.Count == 0 ? 0 : v.Min(x => x[j]);
    private static double Max(List<double[]> v, int j) => v.Count == 0 ? 0 : v.Max(x => x[j]);

    private static ScoreDistribution Distribution(double[] scores, int published)
    {
        var bands = new int[10];
        foreach (var s in scores) bands[Math.Clamp((int)(s / 10), 0, 9)]++;
        var sorted = scores.Order().ToArray();
        return new ScoreDistribution(bands, RobustScaler.Quantile(sorted, 0.5), RobustScaler.Quantile(sorted, 0.9), RobustScaler.Quantile(sorted, 0.99), published, scores.Length);
    }
}
