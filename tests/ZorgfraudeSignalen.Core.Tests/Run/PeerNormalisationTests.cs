using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.Core.Tests.Run;

/// <summary>
/// The model's features are robust z-scores within the provider's peer group, except the PGB rate factor: it already
/// compares with the median of all agreements of its type and category, and a group in which most charge high rates
/// must not make a high rate look usual. The anomaly model sees only how far a provider lies above its peers.
/// </summary>
public sealed class PeerNormalisationTests
{
    private static readonly int Rate = Index("pgb_tarief_factor");
    private static readonly int NewClients = Index("aandeel_nieuwe_clienten");
    private static readonly int InBuilding = Index("aandeel_in_pand");

    private static int Index(string code) => ProviderFeatures.All.Select(f => f.Code).ToList().IndexOf(code);

    [Fact]
    public void The_rate_is_measured_against_the_run_while_other_features_are_measured_against_the_peer_group()
    {
        // Forty ZIN providers at the market rate, twenty PGB institutions of which twelve charge 1.5–1.6 × and eight 2.0 ×.
        var facts = new List<ProviderFacts>();
        var raw = new List<double[]>();
        void Add(string leveringsvorm, double rate, double newClients)
        {
            facts.Add(new ProviderFacts { AanbiederId = $"A{facts.Count:D3}", Naam = "x", Leveringsvorm = leveringsvorm, Productcategorie = "02" });
            var vector = new double[ProviderFeatures.All.Count];
            vector[Rate] = rate;
            vector[NewClients] = newClients;
            raw.Add(vector);
        }
        for (var i = 0; i < 40; i++) Add("ZIN", 0.9 + 0.005 * i, 0.1 + 0.002 * i);
        for (var i = 0; i < 12; i++) Add("PGB", 1.5 + 0.01 * i, 0.5 + 0.002 * i);
        for (var i = 0; i < 8; i++) Add("PGB", 2.0, 0.5 + 0.002 * i);

        var (vectors, medians) = RiskEngine.PeerNormalised(facts, raw, minimumGroup: 20);

        // Usual rate for every provider: the run's median, not the PGB group's (1.55 ×), where 2.0 × would look ordinary.
        var runMedian = Median(raw.Select(v => v[Rate]));
        Assert.All(medians, m => Assert.Equal(runMedian, m[Rate]));
        var expensive = facts.Count - 1;
        var ordinaryZin = 0;
        Assert.True(vectors[expensive][Rate] > vectors[ordinaryZin][Rate] + 3, $"z {vectors[expensive][Rate]} against {vectors[ordinaryZin][Rate]}");
        // Another feature stays within its group: the PGB group's usual share of new clients is its own median.
        var pgbGroupMedian = Median(raw.Skip(40).Select(v => v[NewClients]));
        Assert.Equal(pgbGroupMedian, medians[expensive][NewClients], 12);
        Assert.Equal(Median(raw.Take(40).Select(v => v[NewClients])), medians[ordinaryZin][NewClients], 12);
    }

    [Fact]
    public void A_share_over_one_client_is_not_taken_for_more_unusual_than_a_large_share_over_forty()
    {
        // Forty ZIN providers with 30 clients each, 0–3 of them in the provider's building; one provider with its only
        // client there (1 of 1), one with 20 of its 40 clients there.
        var facts = new List<ProviderFacts>();
        var raw = new List<double[]>();
        void Add(int clients, int inBuilding)
        {
            facts.Add(new ProviderFacts { AanbiederId = $"A{facts.Count:D3}", Naam = "x", Leveringsvorm = "ZIN", Productcategorie = "02", Clienten = clients });
            var vector = new double[ProviderFeatures.All.Count];
            vector[InBuilding] = (double)inBuilding / clients;
            raw.Add(vector);
        }
        for (var i = 0; i < 40; i++) Add(30, i % 4);
        Add(1, 1);
        Add(40, 20);
        int single = 40, large = 41;

        var (vectors, _) = RiskEngine.PeerNormalised(facts, raw, minimumGroup: 20);

        // Without the client count the share of 1 of 1 would be the more unusual one: 100 % against 50 %.
        Assert.True(raw[single][InBuilding] > raw[large][InBuilding]);
        Assert.True(vectors[large][InBuilding] > vectors[single][InBuilding] + 3,
            $"z of 20 of 40: {vectors[large][InBuilding]:F2}, of 1 of 1: {vectors[single][InBuilding]:F2}");
        Assert.True(vectors[single][InBuilding] > 1, "1 of 1 is still above its peers");
    }

    [Fact]
    public void Declaring_more_pgb_hours_than_agreed_is_a_fact_the_model_sees_counted_over_the_months()
    {
        // Forty PGB carers who declare the agreed hours (at most one month over, of twelve); one declares more in ten of
        // twelve months. The indicator PGB_UREN counts this; the model must see it too, or such a carer is ranked by
        // everything but the one thing it does.
        var overAgreed = Index("aandeel_pgb_maanden_boven_afspraak");
        var facts = new List<ProviderFacts>();
        for (var i = 0; i < 40; i++)
            facts.Add(new ProviderFacts { AanbiederId = $"A{i:D3}", Naam = "x", Leveringsvorm = "PGB", Productcategorie = "02", PgbMaandenMetAfspraak = 12, PgbMaandenBovenAfspraak = i % 2 });
        facts.Add(new ProviderFacts { AanbiederId = "A040", Naam = "x", Leveringsvorm = "PGB", Productcategorie = "02", PgbMaandenMetAfspraak = 12, PgbMaandenBovenAfspraak = 10 });
        var raw = facts.Select(ProviderFeatures.Vector).ToList();

        var (vectors, _) = RiskEngine.PeerNormalised(facts, raw, minimumGroup: 20);

        Assert.Equal(10.0 / 12, raw[40][overAgreed], 12);
        Assert.Equal(12, ProviderFeatures.All[overAgreed].Aantal!(facts[40]));
        Assert.True(vectors[40][overAgreed] > 3, $"z {vectors[40][overAgreed]:F2}");
        Assert.All(vectors.Take(40), v => Assert.True(v[overAgreed] < 1));
    }

    [Fact]
    public void A_provider_far_below_its_peers_is_not_unusual_to_the_anomaly_model_one_far_above_is()
    {
        // Sixty providers spread around their peers' median on every feature, one far below on all, one far above.
        var dimension = ProviderFeatures.All.Count;
        var peerZ = OrdinaryPeers(60, seed: 7);
        const int below = 60, above = 61;
        peerZ.Add(Enumerable.Repeat(-6.0, dimension).ToArray());
        peerZ.Add(Enumerable.Repeat(6.0, dimension).ToArray());

        var seen = peerZ.Select(RiskEngine.ExcessOverPeers).ToList();
        var detector = AnomalyDetector.Fit(seen, new DetectorOptions(Seed: 1));
        var scores = seen.Select(detector.Score).ToList();

        Assert.All(seen[below], v => Assert.Equal(0, v));
        Assert.Equal(scores.Max(), scores[above]);
        var median = scores.Take(60).Order().ElementAt(30);
        Assert.True(scores[below] <= median, $"far below scores {scores[below]:F3}, the median provider {median:F3}");
    }

    [Fact]
    public void The_explanation_names_features_at_least_one_spread_above_the_peers_and_the_three_largest_in_words()
    {
        // Unusual on every feature: clearly above its peers on all but the first, which sits just above (z 0.6).
        var dimension = ProviderFeatures.All.Count;
        var peerZ = OrdinaryPeers(80, seed: 3);
        var unusual = Enumerable.Range(0, dimension).Select(j => j == 0 ? 0.6 : 5.0 + j).ToArray();
        peerZ.Add(unusual);
        var seen = peerZ.Select(RiskEngine.ExcessOverPeers).ToList();
        var detector = AnomalyDetector.Fit(seen, new DetectorOptions(Seed: 1));
        var raw = unusual.Select(z => 1 + z / 10).ToArray();
        var usual = Enumerable.Repeat(1.0, dimension).ToArray();

        var deviations = RiskEngine.Deviations(detector, seen[^1], unusual, raw, usual);

        Assert.Equal(dimension - 1, deviations.Count);
        Assert.DoesNotContain(deviations, d => d.Kenmerk == ProviderFeatures.All[0].Code);
        Assert.Equal(1.0, deviations.Sum(d => d.Aandeel), 3);
        // Thirteen features share the score, none with 15 %; the explanation still names the three largest.
        Assert.True(deviations[0].Aandeel < 0.15, $"largest share {deviations[0].Aandeel}");
        var text = Toelichting.Build(new ProviderFacts { AanbiederId = "A", Naam = "x" }, [], deviations, new IndicatorThresholds());
        Assert.Contains("vooral door: " + deviations[0].Omschrijving, text);
        Assert.Contains(deviations[2].Omschrijving, text);
        Assert.DoesNotContain(deviations[3].Omschrijving + " ", text);
    }

    /// <summary>Providers within one spread of their peers' median on every feature (robust z uniform in −1..1).</summary>
    private static List<double[]> OrdinaryPeers(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, ProviderFeatures.All.Count).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToList();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
