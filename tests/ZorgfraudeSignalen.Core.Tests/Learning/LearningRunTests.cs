using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Core.Tests.Accountability;
using ZorgfraudeSignalen.Core.Verification;
using static ZorgfraudeSignalen.Core.Tests.Learning.LearningTestData;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Learning;

/// <summary>Runs that learn, end to end on the local store: record, publish, assess, learn, replay.</summary>
public sealed class LearningRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-leren-").FullName;
    private readonly Store _store;

    public LearningRunTests() => _store = LocalStore.Open(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Without_assessments_the_risk_list_is_byte_identical_to_the_run_without_learning()
    {
        var inputs = ZorgfraudeSignalen.Tests.Shared.GeneratedInputs.Create(providers: 300, clients: 6000, seed: 11).Inputs;
        var config = new RiskConfiguration { Rundatum = new DateOnly(2026, 1, 5) };
        var off = RiskEngine.Compute(RunTables.From(inputs), config with { Leren = new LearningSettings { Aan = false } }, "run-x");
        var on = RiskEngine.Compute(RunTables.From(inputs), config, "run-x", geheugen: AssessmentMemory.Empty);
        var none = RiskEngine.Compute(RunTables.From(inputs), config, "run-x");

        Assert.Equal(RiskListCsv.Write(off.Signals), RiskListCsv.Write(on.Signals));
        Assert.Equal(RiskListCsv.Write(off.Signals), RiskListCsv.Write(none.Signals));
        Assert.Equal(ModelRunRecord.DetailsSha256(off.Details), ModelRunRecord.DetailsSha256(on.Details));
        Assert.Contains(on.Signals, s => s.Status == ReviewStatus.TeBeoordelen);
        Assert.DoesNotContain(on.Signals, s => s.Steekproef is not null);
    }

    [Fact]
    public void Behind_the_rules_the_risk_list_ranks_every_rules_signal_before_any_provider_the_learned_part_lifted()
    {
        var inputs = ZorgfraudeSignalen.Tests.Shared.GeneratedInputs.Create(providers: 300, clients: 6000, seed: 11).Inputs;
        var config = new RiskConfiguration { Rundatum = new DateOnly(2026, 1, 5) };
        var baseRun = RiskEngine.Compute(RunTables.From(inputs), config, "run-x");
        var input = baseRun.Leren!.Invoer;
        var basis = input.Aanbieders.ToDictionary(a => a.AanbiederId, a => a.Basisscore, StringComparer.Ordinal);
        // Labels that tell the model the opposite of the rules: the highest below the threshold are fraud, the rules' signals are not.
        var below = input.Aanbieders.Where(a => a.Basisscore < config.PublicatieDrempel).OrderByDescending(a => a.Basisscore).ThenBy(a => a.AanbiederId, StringComparer.Ordinal).ToList();
        var memory = new AssessmentMemory(
            below.Take(30).Select(a => Past(a.AanbiederId, ReviewStatus.NaderOnderzoek, confirmed: true, reviewers: 2, datum: config.Rundatum.AddDays(-30),
                    route: Route.Steekproef, propensity: 0.1, features: a.Kenmerken, names: input.KenmerkNamen))
                .Concat(input.Aanbieders.Where(a => a.Basisscore >= config.PublicatieDrempel).Concat(below.TakeLast(30))
                    .Select(a => Past(a.AanbiederId, ReviewStatus.GeenAanwijzing, datum: config.Rundatum.AddDays(-400), features: a.Kenmerken, names: input.KenmerkNamen)))
                .ToList());
        var anywhere = RiskEngine.Compute(RunTables.From(inputs), config with { Leren = new LearningSettings { Optillen = Optilling.Overal } }, "run-x", geheugen: memory);
        var behind = RiskEngine.Compute(RunTables.From(inputs), config, "run-x", geheugen: memory);

        Assert.True(anywhere.Leren!.Samenvatting.Geleerd && behind.Leren!.Samenvatting.Geleerd, behind.Leren!.Samenvatting.Reden);
        bool Rules(Signal s) => basis[s.AanbiederId] >= config.PublicatieDrempel;
        // Lifting anywhere puts providers the rules did not list above rules' signals; behind the rules none is, whatever its score.
        Assert.True(anywhere.Signals.Where(s => !Rules(s)).Min(s => s.Rang) < anywhere.Signals.Where(Rules).Max(s => s.Rang));
        Assert.True(behind.Signals.Where(Rules).Max(s => s.Rang) < behind.Signals.Where(s => !Rules(s)).Min(s => s.Rang));
        Assert.True(behind.Signals.Where(s => !Rules(s)).Max(s => s.Risicoscore) > behind.Signals.Where(Rules).Min(s => s.Risicoscore));
        Assert.Equal(anywhere.Signals.Select(s => (s.AanbiederId, s.Risicoscore)).Order(), behind.Signals.Select(s => (s.AanbiederId, s.Risicoscore)).Order());
    }

    [Fact]
    public async Task Runs_with_labels_record_what_they_learned_from_and_replay_byte_identically()
    {
        await TestMunicipality.IngestAsync(_store);
        var settings = new LearningSettings { MinimumPositief = 1, MinimumNegatief = 1 };
        var repository = new AssessmentRepository(_store, new AuditLog(_store.Tables));

        // Run 1: nothing assessed yet, so no sample and nothing learned; the publication is stored for later runs.
        var first = await RunAsync("run-1", settings);
        Assert.False(first.Record.Leren!.Geleerd);
        Assert.Null(first.Record.Leren.GeheugenSha256);
        Assert.NotNull(await LearningStore.ReadPublicationAsync(_store, "run-1"));
        var zorgX = first.Result!.Signals.Single(s => s.AanbiederId == "ZORG-X");
        await Save(repository, first.Result, zorgX, new Beoordeel(Uitkomst.NaderOnderzoek, Rationale), Anna, 0);
        await Save(repository, first.Result, zorgX, new BevestigEscalatie(Rationale), Bram, 1);

        // Run 2: one positive label, no negative: it says why it did not learn, and draws a sample.
        var second = await RunAsync("run-2", settings);
        Assert.Equal("niet geleerd: 1 positieve labels (minimaal 1) en 0 negatieve (minimaal 1)", second.Record.Leren!.Reden);
        var sampled = second.Result!.Signals.Where(s => s.Steekproef is not null).ToList();
        Assert.Equal(3, sampled.Count);
        Assert.All(sampled, s => Assert.Equal(ReviewStatus.TeBeoordelen, s.Status));
        Assert.All(sampled, s => Assert.StartsWith("Steekproef", (Assert.Single(second.Result.Details, d => d.Signal.AanbiederId == s.AanbiederId).Signal.Steekproef)));
        foreach (var s in sampled)
            await Save(repository, second.Result, s, new Beoordeel(Uitkomst.GeenAanwijzing, Rationale), Anna, 0);

        // Run 3: labels of both kinds: it learns, names the label set and the model, and replays exactly.
        var third = await RunAsync("run-3", settings);
        var learned = third.Record.Leren!;
        Assert.True(learned.Geleerd, learned.Reden);
        Assert.Equal((1, 3), (learned.Positief, learned.Negatief));
        Assert.NotNull(learned.ModelSha256);
        Assert.NotNull(learned.Van);
        Assert.Equal(4, learned.Beoordelingen);
        Assert.Contains(third.Result!.Signals, s => s.Toelichting.Contains("Geleerd uit eerdere beoordelingen", StringComparison.Ordinal));
        // The three sampled providers were assessed geen_aanwijzing in run 2 and are below the threshold: not held back, not listed by score.
        Assert.All(sampled, s => Assert.DoesNotContain(s.AanbiederId, learned.Tegengehouden));

        var verified = await new RunVerifier(_store).VerifyAsync("run-3");
        Assert.True(verified.Passed, string.Join("\n", verified.Problems));
        Assert.Equal(third.Record.UitvoerHash, verified.ReplayedOutputHash);

        // Changing the recorded assessments is caught.
        var blob = LearningStore.MemoryBlob("run-3");
        var json = await _store.Blobs.ReadTextAsync(StoreNames.RunsContainer, blob);
        await _store.Blobs.WriteTextAsync(StoreNames.RunsContainer, blob, json.Replace("geen_aanwijzing", "nader_onderzoek"));
        var tampered = await new RunVerifier(_store).VerifyAsync("run-3");
        Assert.False(tampered.Passed);
        Assert.Contains(tampered.Problems, p => p.Contains("cannot be replayed", StringComparison.Ordinal));
    }

    private Task<RiskRunOutcome> RunAsync(string runId, LearningSettings settings) =>
        TestMunicipality.RunAsync(_store, runId, TestMunicipality.Configuration() with { Leren = settings });

    private static async Task Save(AssessmentRepository repository, RiskResult result, Signal signal, BeoordelingsActie actie, Reviewer wie, int versie)
    {
        var detail = result.Details.Single(d => d.Signal.AanbiederId == signal.AanbiederId);
        Assert.IsType<OpslagResultaat.Opgeslagen>(await repository.PasToeAsync(signal, detail.FeitenHash, actie, wie, versie));
    }
}
