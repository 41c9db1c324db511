using System.Globalization;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Tests.Shared;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Run;

public class RiskEngineTests
{
    private static readonly GeneratedInputs Data = GeneratedInputs.Create(80, 2400, seed: 11);
    private const string RunId = "run-20250101T000000Z-test";
    private static RiskConfiguration Config => new();

    [Fact]
    public void Same_snapshots_and_configuration_give_a_byte_identical_risk_list()
    {
        var first = RiskListCsv.Write(RiskEngine.Compute(RunTables.From(Data.Inputs), Config, RunId).Signals);
        var second = RiskListCsv.Write(RiskEngine.Compute(RunTables.From(Data.Inputs), Config, RunId).Signals);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Row_order_of_the_extracts_and_the_culture_do_not_change_the_risk_list()
    {
        var expected = RiskListCsv.Write(RiskEngine.Compute(RunTables.From(Data.Inputs), Config, RunId).Signals);
        var random = new Random(3);
        var shuffled = Data.Inputs with
        {
            Clienten = Data.Inputs.Clienten.OrderBy(_ => random.Next()).ToList(),
            Aanbieders = Data.Inputs.Aanbieders.Reverse().ToList(),
            PgbOvereenkomsten = Data.Inputs.PgbOvereenkomsten.Reverse().ToList(),
        };
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ar-SA");
            Assert.Equal(expected, RiskListCsv.Write(RiskEngine.Compute(RunTables.From(shuffled), Config, RunId).Signals));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Every_scored_provider_is_ranked_and_the_threshold_decides_publication()
    {
        var result = RiskEngine.Compute(RunTables.From(Data.Inputs), Config, RunId);
        Assert.Equal(Enumerable.Range(1, result.Signals.Count), result.Signals.Select(s => s.Rang));
        // Every provider with clients, agreements or declarations is scored, each once.
        Assert.Equal(result.Signals.Count, result.Signals.Select(s => s.AanbiederId).Distinct().Count());
        Assert.InRange(result.Signals.Count, 70, 80);
        Assert.All(result.Signals, s => Assert.Equal(s.Risicoscore >= 40 ? ReviewStatus.TeBeoordelen : ReviewStatus.NietGepubliceerd, s.Status));
        Assert.All(result.Signals, s => Assert.InRange(s.Anomaliescore, 0, 1));
        Assert.All(result.Signals, s => Assert.InRange(s.Risicoscore, 0, 100));
        Assert.True(result.Signals.Zip(result.Signals.Skip(1)).All(p => p.First.Risicoscore >= p.Second.Risicoscore));
        Assert.Equal(result.Published.Count(), result.Details.Count);
        Assert.All(result.Details, d => Assert.False(string.IsNullOrWhiteSpace(d.FeitenHash)));
    }

    [Fact]
    public void The_first_places_show_every_kind_of_published_signal_and_a_provider_moved_in_says_from_where()
    {
        const int window = 5;
        var byScore = RiskEngine.Compute(RunTables.From(Data.Inputs), Config with { Beoordelingsvenster = 0 }, RunId).Signals;
        var result = RiskEngine.Compute(RunTables.From(Data.Inputs), Config with { Beoordelingsvenster = window }, RunId).Signals;

        var kinds = byScore.Where(s => s.Status == ReviewStatus.TeBeoordelen).SelectMany(s => s.Signalen).Distinct().ToList();
        Assert.True(kinds.Count >= 2);
        Assert.Contains(kinds, k => !byScore.Take(window).SelectMany(s => s.Signalen).Contains(k)); // the case at hand
        Assert.All(kinds, k => Assert.Contains(result.Take(window), s => s.Status == ReviewStatus.TeBeoordelen && s.Signalen.Contains(k)));

        var placeByScore = byScore.ToDictionary(s => s.AanbiederId, s => s.Rang);
        var moved = result.Where(s => s.Toelichting.Contains("Naar risicoscore zou deze aanbieder op plaats")).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, s =>
        {
            Assert.InRange(s.Rang, 1, window);
            Assert.True(placeByScore[s.AanbiederId] > window);
            Assert.Contains($"op plaats {placeByScore[s.AanbiederId]} staan; hij staat bij de eerste {window}", s.Toelichting);
        });
        // Everyone else keeps the order of the scores, and nobody above the first newcomer moves.
        var others = result.Where(s => !moved.Contains(s)).Select(s => s.AanbiederId);
        Assert.Equal(byScore.Select(s => s.AanbiederId).Where(id => !moved.Any(m => m.AanbiederId == id)), others);
        var firstMoved = moved.Min(s => s.Rang);
        Assert.Equal(byScore.Take(firstMoved - 1).Select(s => s.AanbiederId), result.Take(firstMoved - 1).Select(s => s.AanbiederId));
    }

    [Fact]
    public void Planted_schemes_lead_the_list_and_their_explanations_cite_facts()
    {
        var result = RiskEngine.Compute(RunTables.From(Data.Inputs), Config, RunId);
        var woonzorgIds = Data.With(Patroon.Woonzorg);
        var top = result.Signals.Take(woonzorgIds.Count).Select(s => s.AanbiederId).ToHashSet();
        Assert.Equal(woonzorgIds.Order(), top.Order());
        var woonzorg = result.Signals.First(s => s.AanbiederId == woonzorgIds[0]);
        Assert.Contains("cliënten van deze aanbieder wonen in het pand van de vestiging", woonzorg.Toelichting);
        Assert.Contains("COLOC_PAND", woonzorg.Signalen);
        var detail = result.Details.Single(d => d.Signal.AanbiederId == woonzorg.AanbiederId);
        Assert.Contains(detail.Panden, p => p.IsVestiging && p.Clienten.Count >= 3);
        Assert.Equal(12, detail.DeclaratiesPerMaand.Count);
        Assert.NotEmpty(detail.Afwijkingen);
        Assert.Equal(1.0, detail.Afwijkingen.Sum(a => a.Aandeel), 2);
    }

    [Fact]
    public void Another_seed_is_a_different_configuration_but_the_same_ranking_of_planted_schemes()
    {
        var a = RiskEngine.Compute(RunTables.From(Data.Inputs), Config, RunId);
        var b = RiskEngine.Compute(RunTables.From(Data.Inputs), Config with { Seed = 99 }, RunId);
        var planted = Data.With(Patroon.Woonzorg).Count;
        Assert.Equal(a.Signals.Take(planted).Select(s => s.AanbiederId).Order(), b.Signals.Take(planted).Select(s => s.AanbiederId).Order());
    }
}
