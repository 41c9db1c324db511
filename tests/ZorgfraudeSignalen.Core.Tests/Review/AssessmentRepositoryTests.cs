using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;

namespace ZorgfraudeSignalen.Core.Tests.Review;

/// <summary>The repository on the real local store in a temp folder.</summary>
public sealed class AssessmentRepositoryTests : IDisposable
{
    private const string Goed = "Dossier bekeken: het betreft een erkende woonvorm met eigen huurcontracten per cliënt.";
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-review-").FullName;
    private readonly Store _store;
    private readonly AssessmentRepository _repo;
    private static readonly Reviewer Anna = new("a", "Anna", [Rol.Beoordelaar]);
    private static readonly Reviewer Bob = new("b", "Bob", [Rol.TweedeBeoordelaar]);

    public AssessmentRepositoryTests()
    {
        _store = LocalStore.Open(_root);
        _repo = new AssessmentRepository(_store, new AuditLog(_store.Tables));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Signal Signaal(string run, string id) => new(1, id, "Zorg BV", 80, ["COLOC_PAND"], 0.9, "toelichting", "C1", ReviewStatus.TeBeoordelen, run);

    [Fact]
    public async Task Every_change_is_stored_and_audited_with_its_step()
    {
        var s = Signaal("r1", "AGB/1");
        var r1 = await _repo.PasToeAsync(s, "h1", new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna, 0);
        var r2 = await _repo.PasToeAsync(s, "h1", new BevestigEscalatie(Goed), Bob, 1);
        Assert.IsType<OpslagResultaat.Opgeslagen>(r1);
        Assert.IsType<OpslagResultaat.Opgeslagen>(r2);

        var (stored, etag) = await _repo.GetAsync("r1", "AGB/1");
        Assert.NotNull(etag);
        Assert.Equal(ReviewStatus.NaderOnderzoek, stored!.Status);
        Assert.Equal(2, stored.Versie);

        var log = new AuditLog(_store.Tables);
        var entries = new List<AuditEntry>();
        await foreach (var e in log.ReadAllAsync()) entries.Add(e);
        Assert.Equal([AuditActions.Beoordeling, AuditActions.Bevestiging], entries.Select(e => e.Action));
        Assert.Equal(["beoordelen", "bevestigen"], entries.Select(e => e.Details["handeling"]));
        Assert.Equal([ReviewStatus.NaderOnderzoekVoorgesteld, ReviewStatus.NaderOnderzoek], entries.Select(e => e.Details["naar"]));
        Assert.Equal(["a", "b"], entries.Select(e => e.Actor));
        Assert.Equal(["1", "2"], entries.Select(e => e.Details["stap"]));
        Assert.Null(await log.VerifyAsync());
    }

    [Fact]
    public async Task A_refusal_writes_nothing()
    {
        var s = Signaal("r1", "AGB2");
        var r = await _repo.PasToeAsync(s, "h", new Beoordeel(Uitkomst.GeenAanwijzing, "te kort"), Anna, 0);
        Assert.IsType<OpslagResultaat.Geweigerd>(r);
        Assert.Null((await _repo.GetAsync("r1", "AGB2")).Beoordeling);
        await foreach (var _ in new AuditLog(_store.Tables).ReadAllAsync()) Assert.Fail("nothing should be audited");
    }

    [Fact]
    public async Task Concurrent_saves_of_one_signal_end_in_exactly_one_success()
    {
        var s = Signaal("r1", "AGB3");
        var pogingen = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            _repo.PasToeAsync(s, "h", new Beoordeel(i % 2 == 0 ? Uitkomst.GeenAanwijzing : Uitkomst.NaderOnderzoek, Goed), new Reviewer("p" + i, "P" + i, [Rol.Beoordelaar]), 0)));
        var uitkomsten = await Task.WhenAll(pogingen);
        Assert.Single(uitkomsten.OfType<OpslagResultaat.Opgeslagen>());
        Assert.Equal(7, uitkomsten.OfType<OpslagResultaat.Conflict>().Count());
        var winnaar = uitkomsten.OfType<OpslagResultaat.Opgeslagen>().Single();
        Assert.All(uitkomsten.OfType<OpslagResultaat.Conflict>(), c => Assert.Equal(winnaar.Stap.DoorId, c.Huidig.LaatsteStap!.DoorId));
        Assert.Single((await _repo.GetAsync("r1", "AGB3")).Beoordeling!.Stappen);
    }

    [Fact]
    public async Task The_history_index_keeps_each_runs_outcome_per_provider()
    {
        await _repo.PasToeAsync(Signaal("r1", "AGB4"), "h1", new Beoordeel(Uitkomst.GeenAanwijzing, Goed), Anna, 0);
        await _repo.PasToeAsync(Signaal("r2", "AGB4"), "h2", new Beoordeel(Uitkomst.NaderOnderzoek, Goed), Anna, 0);
        await _repo.PasToeAsync(Signaal("r2", "AGB4"), "h2", new WijsEscalatieAf(Goed), Bob, 1);
        var historie = (await _repo.HistorieAsync())["AGB4"];
        Assert.Equal([("r1", ReviewStatus.GeenAanwijzing, "h1"), ("r2", ReviewStatus.TeBeoordelen, "h2")], historie.Select(h => (h.RunId, h.Status, h.FeitenHash)));
        var authoritative = await _repo.HistorieVanAsync("AGB4", ["r1", "r2", "r3"]);
        Assert.Equal(["r1", "r2"], authoritative.Select(b => b.RunId));
        Assert.Equal(2, (await _repo.VanRunAsync("r2"))["AGB4"].Versie);
    }

    [Fact]
    public async Task Viewing_evidence_is_audited()
    {
        await _repo.LogBewijsBekekenAsync("r1", "AGB5", Anna, "portaal");
        await foreach (var e in new AuditLog(_store.Tables).ReadAllAsync())
        {
            Assert.Equal((AuditActions.Inzage, "a", "signaal/r1/AGB5"), (e.Action, e.Actor, e.Subject));
            return;
        }
        Assert.Fail("no audit entry");
    }

    [Fact]
    public async Task The_clock_decides_when_a_set_aside_expires()
    {
        var clock = new VasteKlok(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        var repo = new AssessmentRepository(_store, new AuditLog(_store.Tables, clock), clock);
        var r = await repo.PasToeAsync(Signaal("r1", "AGB6"), "h", new Beoordeel(Uitkomst.BuitenBeschouwing, Goed, new DateOnly(2026, 1, 31)), Anna, 0);
        var b = Assert.IsType<OpslagResultaat.Opgeslagen>(r).Beoordeling;
        Assert.Equal(ReviewStatus.BuitenBeschouwing, b.StatusOp(new DateOnly(2026, 1, 31)));
        Assert.Equal(ReviewStatus.TeBeoordelen, b.StatusOp(new DateOnly(2026, 2, 1)));
    }
}

/// <summary>A clock that stands still at a chosen moment.</summary>
internal sealed class VasteKlok(DateTimeOffset nu) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => nu;
}
