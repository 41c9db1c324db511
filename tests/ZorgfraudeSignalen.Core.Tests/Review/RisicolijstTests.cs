using System.Text;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Tests.Review;

public sealed class RisicolijstTests
{
    private static readonly DateOnly Vandaag = new(2026, 3, 1);

    private static Signal S(int rang, string id, double score, string status = ReviewStatus.TeBeoordelen, string? cluster = null, params string[] codes) =>
        new(rang, id, "Naam " + id, score, codes, score / 100, "toelichting", cluster, status, "r2");

    private static HistorieRegel H(string run, string status, string hash, DateOnly? tot = null) => new(run, status, hash, tot, DateTimeOffset.UnixEpoch, "Anna");

    [Fact]
    public void An_earlier_outcome_on_the_same_facts_marks_a_reflag_and_a_valid_set_aside_carries_over()
    {
        var s = S(1, "A", 90);
        Assert.Equal(Herhaling.Nieuw, RisicolijstOverzicht.Regel(s, null, null, "h", Vandaag).Herhaling);

        var ongewijzigd = RisicolijstOverzicht.Regel(s, null, [H("r1", ReviewStatus.GeenAanwijzing, "h")], "h", Vandaag);
        Assert.Equal((Herhaling.OngewijzigdHerhaald, ReviewStatus.TeBeoordelen, false), (ongewijzigd.Herhaling, ongewijzigd.Status, ongewijzigd.Overgenomen));

        var gewijzigd = RisicolijstOverzicht.Regel(s, null, [H("r1", ReviewStatus.GeenAanwijzing, "oud")], "h", Vandaag);
        Assert.Equal(Herhaling.EerderBeoordeeld, gewijzigd.Herhaling);

        var opzij = RisicolijstOverzicht.Regel(s, null, [H("r1", ReviewStatus.BuitenBeschouwing, "h", Vandaag)], "h", Vandaag);
        Assert.Equal((ReviewStatus.BuitenBeschouwing, true), (opzij.Status, opzij.Overgenomen));
        var verlopen = RisicolijstOverzicht.Regel(s, null, [H("r1", ReviewStatus.BuitenBeschouwing, "h", Vandaag.AddDays(-1))], "h", Vandaag);
        Assert.Equal((ReviewStatus.TeBeoordelen, false), (verlopen.Status, verlopen.Overgenomen));
        var andereFeiten = RisicolijstOverzicht.Regel(s, null, [H("r1", ReviewStatus.BuitenBeschouwing, "oud", Vandaag.AddDays(9))], "h", Vandaag);
        Assert.Equal(ReviewStatus.TeBeoordelen, andereFeiten.Status);

        // A later run's outcome is not "earlier"; the run's own assessment wins over any carry-over.
        Assert.Equal(Herhaling.Nieuw, RisicolijstOverzicht.Regel(s, null, [H("r3", ReviewStatus.GeenAanwijzing, "h")], "h", Vandaag).Herhaling);
        var eigen = Beoordeling.Nieuw("r2", "A", "h") with { Status = ReviewStatus.NaderOnderzoek };
        Assert.Equal(ReviewStatus.NaderOnderzoek, RisicolijstOverzicht.Regel(s, eigen, [H("r1", ReviewStatus.BuitenBeschouwing, "h", Vandaag)], "h", Vandaag).Status);
    }

    [Fact]
    public void Filters_sorting_and_paging_work_together()
    {
        var regels = Enumerable.Range(1, 25).Select(i => RisicolijstOverzicht.Regel(
            S(i, "P" + i, 100 - i * 3, i > 20 ? ReviewStatus.NietGepubliceerd : ReviewStatus.TeBeoordelen, i % 2 == 0 ? "C1" : "C2", i % 3 == 0 ? ["X"] : ["Y"]),
            null, null, null, Vandaag)).ToList();

        var c1 = RisicolijstOverzicht.Toepassen(regels, new RisicolijstFilter(Cluster: "C1", PerPagina: 100));
        Assert.All(c1.Items, r => Assert.Equal("C1", r.Signal.ClusterId));
        Assert.Equal(12, c1.Totaal);

        var x = RisicolijstOverzicht.Toepassen(regels, new RisicolijstFilter(Indicator: "X", MinScore: 60, PerPagina: 100));
        Assert.Equal([3, 6, 9, 12], x.Items.Select(r => r.Signal.Rang));

        var open = RisicolijstOverzicht.Toepassen(regels, new RisicolijstFilter(Status: RisicolijstFilter.Open, PerPagina: 100));
        Assert.Equal(20, open.Totaal);

        var oplopend = RisicolijstOverzicht.Toepassen(regels, new RisicolijstFilter(Sortering: RisicolijstFilter.OpScore, PerPagina: 100));
        Assert.Equal(regels.Select(r => r.Signal.Risicoscore).Order(), oplopend.Items.Select(r => r.Signal.Risicoscore));

        var pagina3 = RisicolijstOverzicht.Toepassen(regels, new RisicolijstFilter(PerPagina: 10, Pagina: 3));
        Assert.Equal((25, 3, 3), (pagina3.Totaal, pagina3.Nummer, pagina3.AantalPaginas));
        Assert.Equal([21, 22, 23, 24, 25], pagina3.Items.Select(r => r.Signal.Rang));
        Assert.Equal(3, RisicolijstOverzicht.Toepassen(regels, new RisicolijstFilter(PerPagina: 10, Pagina: 99)).Nummer);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+31 6", "'+31 6")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("=a;\"b\"", "\"'=a;\"\"b\"\"\"")]
    [InlineData("Zorg BV", "Zorg BV")]
    public void Export_cells_are_neutralised_and_quoted(string waarde, string verwacht) => Assert.Equal(verwacht, RisicolijstExport.Cel(waarde));

    [Fact]
    public async Task The_export_writes_bom_header_decimal_commas_and_the_current_status()
    {
        var regel = RisicolijstOverzicht.Regel(S(1, "A", 87.25, cluster: "C9", codes: ["COLOC_PAND", "VOLUME_BOVEN_MAX"]),
            Beoordeling.Nieuw("r2", "A", "h") with { Status = ReviewStatus.GeenAanwijzing }, null, "h", Vandaag);
        using var ms = new MemoryStream();
        await RisicolijstExport.SchrijfAsync(ms, [regel]);
        var bytes = ms.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("rang;aanbieder_id;aanbieder_naam;risicoscore;signalen;anomaliescore;toelichting;cluster_id;status;run_id\r\n" +
                     "1;A;Naam A;87,25;COLOC_PAND|VOLUME_BOVEN_MAX;0,8725;toelichting;C9;geen_aanwijzing;r2\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
