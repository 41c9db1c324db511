using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Tests.Learning;

internal static class LearningTestData
{
    public static readonly IReadOnlyList<string> Names = ["a", "b", "c"];
    public static readonly DateOnly Rundatum = new(2026, 6, 1);

    public const string Rationale = "Bij de administratie nagevraagd: de bewoners wonen er al jaren en de zorg wordt aantoonbaar geleverd volgens het zorgplan.";

    public static PastAssessment Past(string id, string status, bool confirmed = false, int reviewers = 1, DateOnly? datum = null,
        string route = Route.Regels, double propensity = 1, double[]? features = null, bool person = false, IReadOnlyList<string>? names = null,
        string runId = "run-1", IReadOnlyList<string>? indicators = null) =>
        new(id, runId, status, Enumerable.Range(0, reviewers).Select(r => $"r{r}").ToList(), confirmed, datum ?? Rundatum.AddDays(-30),
            route, propensity, names ?? Names, features ?? [1, 2, 3], indicators ?? [], person);

    public static readonly Reviewer Anna = new("anna", "Anna", [Rol.Beoordelaar]);
    public static readonly Reviewer Bram = new("bram", "Bram", [Rol.TweedeBeoordelaar]);
    public static readonly Reviewer Anna2 = new("anna", "Anna", [Rol.Beoordelaar, Rol.TweedeBeoordelaar]);

    /// <summary>A signal taken through the state machine by the given steps.</summary>
    public static Beoordeling Assessed(string runId, string id, params (BeoordelingsActie Actie, Reviewer Wie)[] steps)
    {
        var b = Beoordeling.Nieuw(runId, id, "feiten");
        var at = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        foreach (var (actie, wie) in steps)
        {
            var overgang = ReviewStateMachine.Pas(b, actie, wie, at);
            Assert.True(overgang.Toegestaan, overgang.Melding);
            b = overgang.Nieuw!;
            at = at.AddHours(1);
        }
        return b;
    }

    public static Beoordeling Confirmed(string runId, string id) =>
        Assessed(runId, id, (new Beoordeel(Uitkomst.NaderOnderzoek, Rationale), Anna), (new BevestigEscalatie(Rationale), Bram));

    public static Beoordeling NoIndication(string runId, string id) =>
        Assessed(runId, id, (new Beoordeel(Uitkomst.GeenAanwijzing, Rationale), Anna));

    public static LearningCandidate Candidate(string id, double score, double[] features, IReadOnlyList<string>? indicators = null, bool person = false) =>
        new(id, score, features, indicators ?? [], person);

    public static LearningInput Input(IReadOnlyList<LearningCandidate> providers, string runId = "run-9", IReadOnlyList<string>? names = null) =>
        new(runId, Rundatum, 42, 40, names ?? Names, providers);

    public static string Status(bool positive) => positive ? ReviewStatus.NaderOnderzoek : ReviewStatus.GeenAanwijzing;
}
