using System.Text.Json;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Retention;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.Core.Tests.Retention;

public sealed class EvidencePurgeTests : IDisposable
{
    private const string RunId = "20250101T020000Z";
    private static readonly DateTimeOffset Now = new(2025, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-purge-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A signal's detail with its vestiging (two clients), one other building (three clients) and a cluster of both.</summary>
    private static SignalDetail Detail(string aanbiederId, int rang)
    {
        var signal = new Signal(rang, aanbiederId, $"Zorg {aanbiederId}", 80 - rang, ["COLOC_PAND"], 0.5, "Toelichting.", "CL1", ReviewStatus.TeBeoordelen, RunId);
        return new SignalDetail(signal,
            [new IndicatorFinding("COLOC_PAND", "Cliënten wonen in het pand van de aanbieder", true, 0.6, 0.3, "3 van de 5 cliënten wonen in het pand.")],
            [new FeatureDeviation("aandeel_in_pand", "aandeel cliënten in het pand", 0.6, 0.0, 0.7)],
            new BaseRate(3, 40),
            [
                new BuildingEvidence($"P-{aanbiederId}-V", "Kerkstraat 1", "bag_id", true, 1,
                    [new ClientAtAddress($"{aanbiederId}-c1", new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), 31), new ClientAtAddress($"{aanbiederId}-c2", new DateOnly(2024, 1, 5), null, null)]),
                new BuildingEvidence($"P-{aanbiederId}-W", "Dorpsweg 9", "terugval", false, null,
                    [.. Enumerable.Range(3, 3).Select(i => new ClientAtAddress($"{aanbiederId}-c{i}", new DateOnly(2023, 6, 1), new DateOnly(2023, 7, 1), 30))]),
            ],
            [new MonthAmount("2024-11", 1200m, 20m, 20m)],
            new ClusterPicture("CL1",
                [new ClusterNode(aanbiederId, "aanbieder", $"Zorg {aanbiederId}"), new ClusterNode($"P-{aanbiederId}-V", "pand", "Kerkstraat 1"), new ClusterNode($"P-{aanbiederId}-W", "pand", "Dorpsweg 9")],
                [new ClusterEdge(aanbiederId, $"P-{aanbiederId}-V", "vestiging", 1), new ClusterEdge(aanbiederId, $"P-{aanbiederId}-W", "clienten", 3)]),
            $"feiten-{aanbiederId}");
    }

    private async Task<(Store Store, Dictionary<string, string> Before)> PublishedAsync()
    {
        var store = LocalStore.Open(_root);
        string[] ids = ["OUD", "RECENT", "NADER"];
        await new RiskListStore(store).PublishAsync(RunId, ids.Select((id, i) => Detail(id, i + 1)).ToList());
        var before = new Dictionary<string, string>();
        foreach (var id in ids) before[id] = await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, $"{RunId}/signalen/{id}.json");
        return (store, before);
    }

    [Fact]
    public async Task The_purge_removes_the_client_evidence_of_an_expired_geen_aanwijzing_signal_and_nothing_else()
    {
        var (store, before) = await PublishedAsync();
        var settings = new RetentionSettings(TimeSpan.FromDays(90));
        ClosedSignal[] closed =
        [
            new(RunId, "OUD", Now.AddDays(-91)),    // closed longer ago than the period: due
            new(RunId, "RECENT", Now.AddDays(-89)), // closed within the period: kept
        ];
        // "NADER" is under investigation: it is not closed as geen_aanwijzing, so it is not even offered to the purge.

        var report = await new EvidencePurge(store, new FixedClock(Now)).PurgeAsync(closed, settings, "bewaartermijn");

        var purged = Assert.Single(report.Purged);
        Assert.Equal(("OUD", 5, 1, 1), (purged.AanbiederId, purged.ClientVerwijzingen, purged.Panden, purged.ClusterPanden));
        Assert.Equal(1, report.NotYetDue);

        var original = Detail("OUD", 1);
        var after = (await new RiskListStore(store).DetailAsync(RunId, "OUD"))!;
        Assert.Equal(Now, after.OpgeschoondOp);
        Assert.Empty(after.Panden.SelectMany(p => p.Clienten));
        var vestiging = Assert.Single(after.Panden);
        Assert.Equal((original.Panden[0].PandKey, "Kerkstraat 1", true), (vestiging.PandKey, vestiging.Label, vestiging.IsVestiging));
        Assert.DoesNotContain(after.Cluster!.Knopen, n => n.Label == "Dorpsweg 9" || n.Id == "P-OUD-W");
        Assert.Equal(original.Cluster!.Verbindingen.Count, after.Cluster.Verbindingen.Count);
        Assert.All(after.Cluster.Verbindingen, e => Assert.Contains(after.Cluster.Knopen, n => n.Id == e.Naar));
        // Everything about the provider stays as it was.
        Assert.Equal(original.Signal, after.Signal with { Signalen = original.Signal.Signalen });
        Assert.Equal(original.Signal.Signalen, after.Signal.Signalen);
        Assert.Equal(original.Indicatoren, after.Indicatoren);
        Assert.Equal(original.Afwijkingen, after.Afwijkingen);
        Assert.Equal(original.DeclaratiesPerMaand, after.DeclaratiesPerMaand);
        Assert.Equal(original.FeitenHash, after.FeitenHash);
        var json = await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, $"{RunId}/signalen/OUD.json");
        Assert.DoesNotContain("OUD-c", json);
        Assert.DoesNotContain("Dorpsweg", json);

        // The other two are untouched, byte for byte.
        Assert.Equal(before["RECENT"], await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, $"{RunId}/signalen/RECENT.json"));
        Assert.Equal(before["NADER"], await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, $"{RunId}/signalen/NADER.json"));
    }

    [Fact]
    public async Task The_audit_log_records_the_purge_with_the_hash_of_what_was_removed_and_no_personal_data()
    {
        var (store, before) = await PublishedAsync();
        await new EvidencePurge(store, new FixedClock(Now)).PurgeAsync([new(RunId, "OUD", Now.AddYears(-1))], RetentionSettings.Default, "bewaartermijn");

        var log = new AuditLog(store.Tables);
        Assert.Null(await log.VerifyAsync());
        var entries = new List<AuditEntry>();
        await foreach (var e in log.ReadAllAsync()) entries.Add(e);
        var entry = Assert.Single(entries, e => e.Action == AuditActions.Opschoning);
        Assert.Equal($"{RunId}/OUD", entry.Subject);
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(before["OUD"])));
        Assert.Equal(expectedHash, entry.Details["bewijs_sha256"]);
        var all = JsonSerializer.Serialize(entries);
        Assert.DoesNotContain("OUD-c", all);
        Assert.DoesNotContain("Dorpsweg", all);
    }

    [Fact]
    public async Task A_second_purge_finds_nothing_left_to_remove()
    {
        var (store, _) = await PublishedAsync();
        var purge = new EvidencePurge(store, new FixedClock(Now));
        ClosedSignal[] closed = [new(RunId, "OUD", Now.AddYears(-1)), new(RunId, "WEG", Now.AddYears(-1))];
        await purge.PurgeAsync(closed, RetentionSettings.Default, "bewaartermijn");
        var again = await purge.PurgeAsync(closed, RetentionSettings.Default, "bewaartermijn");
        Assert.Empty(again.Purged);
        Assert.Equal((1, 1), (again.AlreadyPurged, again.Missing));
    }
}

public sealed class ClosedSignalsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-closed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Only_signals_whose_current_assessment_is_geen_aanwijzing_are_purged_after_the_period()
    {
        const string motivering = "Dossier bekeken: erkende woonvorm met eigen huurcontracten per cliënt, geen aanwijzing.";
        var store = LocalStore.Open(_root);
        var clock = new MovableClock(new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var details = new[] { "GESLOTEN", "HEROPEND", "NADER" }.Select(id => EvidencePurgeTestsAccess.Detail(id)).ToList();
        await new RiskListStore(store).PublishAsync("run1", details);
        var repo = new Core.Review.AssessmentRepository(store, new AuditLog(store.Tables, clock), clock);
        var anna = new Core.Review.Reviewer("anna", "Anna", [Core.Review.Rol.Beoordelaar]);
        Core.Review.Beoordeel geen = new(Core.Review.Uitkomst.GeenAanwijzing, motivering);
        await repo.PasToeAsync(details[0].Signal, details[0].FeitenHash, geen, anna, 0);
        await repo.PasToeAsync(details[1].Signal, details[1].FeitenHash, geen, anna, 0);
        await repo.PasToeAsync(details[1].Signal, details[1].FeitenHash, new Core.Review.Heropen("Nieuwe melding ontvangen over deze aanbieder, opnieuw bekijken."), anna, 1);
        await repo.PasToeAsync(details[2].Signal, details[2].FeitenHash, new Core.Review.Beoordeel(Core.Review.Uitkomst.NaderOnderzoek, motivering), anna, 0);

        var closed = await ClosedSignals.GeenAanwijzingAsync(store);
        Assert.Equal(["GESLOTEN"], closed.Select(c => c.AanbiederId));

        clock.Now = clock.Now.AddDays(181);
        var report = await new EvidencePurge(store, clock).PurgeAsync(closed, RetentionSettings.Default, "bewaartermijn");
        Assert.Equal(["GESLOTEN"], report.Purged.Select(p => p.AanbiederId));
        Assert.NotNull((await new RiskListStore(store).DetailAsync("run1", "GESLOTEN"))!.OpgeschoondOp);
        Assert.Null((await new RiskListStore(store).DetailAsync("run1", "HEROPEND"))!.OpgeschoondOp);
        Assert.Null((await new RiskListStore(store).DetailAsync("run1", "NADER"))!.OpgeschoondOp);
    }
}

internal static class EvidencePurgeTestsAccess
{
    public static SignalDetail Detail(string id) => new(
        new Signal(1, id, $"Zorg {id}", 70, ["COLOC_PAND"], 0.5, "Toelichting.", null, ReviewStatus.TeBeoordelen, "run1"),
        [], [], new BaseRate(3, 10),
        [new BuildingEvidence($"P-{id}", "Laan 2", "bag_id", false, null, [new ClientAtAddress($"{id}-c1", new DateOnly(2024, 1, 1), null, null)])],
        [], null, $"feiten-{id}");
}
