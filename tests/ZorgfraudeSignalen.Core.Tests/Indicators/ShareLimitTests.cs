using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Tests.Indicators;

/// <summary>
/// A share's limit widens with the share's binomial variance at the provider's own count: 8 new clients of 10 is not
/// the evidence that 48 of 60 is.
/// </summary>
public sealed class ShareLimitTests
{
    [Fact]
    public void The_same_share_fires_over_many_clients_and_not_over_few()
    {
        // Forty ZIN providers with 30 clients of whom 8–11 started this year; two with 80 % new: 8 of 10 and 48 of 60.
        var facts = Enumerable.Range(0, 40).Select(i => Provider($"A{i:D2}", 30, 8 + i % 4)).ToList();
        facts.Add(Provider("KLEIN", 10, 8));
        facts.Add(Provider("GROOT", 60, 48));

        var evaluation = IndicatorEvaluation.Evaluate(facts, new IndicatorThresholds());
        IndicatorFinding Groei(string id) => evaluation.PerAanbieder[facts.FindIndex(f => f.AanbiederId == id)].Single(f => f.Code == "GROEI");

        Assert.Equal(Groei("KLEIN").Waarde, Groei("GROOT").Waarde, 6);
        Assert.True(Groei("GROOT").Afgegaan);
        Assert.False(Groei("KLEIN").Afgegaan);
        // Each provider is shown its own limit; the group's limit (many clients) is the lowest of all.
        Assert.True(Groei("KLEIN").Drempel > Groei("KLEIN").Waarde);
        Assert.True(Groei("GROOT").Drempel < Groei("GROOT").Waarde);
        var group = evaluation.Prevalentie.Single(p => p.Code == "GROEI").Groepen.Single();
        Assert.True(group.Grens < Groei("GROOT").Drempel);
    }

    private static ProviderFacts Provider(string id, int clients, int newClients) => new()
    {
        AanbiederId = id, Naam = id, Leveringsvorm = "ZIN", Productcategorie = "02",
        Clienten = clients, AlleClienten = clients, NieuweClienten = newClients,
    };
}
