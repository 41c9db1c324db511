using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

/// <summary>Every field rule of the contract: a row that breaks it is rejected with the column named.</summary>
public sealed class FieldRuleTests : IngestFixture
{
    private async Task<RowError?> OnlyError(ExtractType type, string header, string row)
    {
        var report = await Ingest(type, Lines(header, row), threshold: 1);
        Assert.NotEqual(IngestStatus.Quarantined, report.Status);
        Assert.True(report.Errors.Select(e => e.Line).Distinct().Count() <= 1);
        return report.Errors.Count == 0 ? null : report.Errors[0];
    }

    [Theory]
    [InlineData("C1;1011AB;1;;;2024-01-01;", null)]
    [InlineData(";1011AB;1;;;2024-01-01;", "client_id")]
    [InlineData("C1;;1;;;2024-01-01;", "postcode")]
    [InlineData("C1;0111AB;1;;;2024-01-01;", "postcode")]
    [InlineData("C1;1011A;1;;;2024-01-01;", "postcode")]
    [InlineData("C1;1011  AB;1;;;2024-01-01;", "postcode")]
    [InlineData("C1;1011 ab;1;;;2024-01-01;", null)]
    [InlineData("C1;1011AB;;;;2024-01-01;", "huisnummer")]
    [InlineData("C1;1011AB;0;;;2024-01-01;", "huisnummer")]
    [InlineData("C1;1011AB;100000;;;2024-01-01;", "huisnummer")]
    [InlineData("C1;1011AB;99999;;;2024-01-01;", null)]
    [InlineData("C1;1011AB;12a;;;2024-01-01;", "huisnummer")]
    [InlineData("C1;1011AB;1;AB;;2024-01-01;", "huisletter")]
    [InlineData("C1;1011AB;1;1;;2024-01-01;", "huisletter")]
    [InlineData("C1;1011AB;1;b;;2024-01-01;", null)]
    [InlineData("C1;1011AB;1;;bis;2024-01-01;", null)]
    [InlineData("C1;1011AB;1;;III;2024-01-01;", null)]
    [InlineData("C1;1011AB;1;;hs;2024-01-01;", null)]
    [InlineData("C1;1011AB;1;;12345;2024-01-01;", "huisnummertoevoeging")]
    [InlineData("C1;1011AB;1;;a-b;2024-01-01;", "huisnummertoevoeging")]
    [InlineData("C1;1011AB;1;;;;", "adres_sinds")]
    [InlineData("C1;1011AB;1;;;2024-02-30;", "adres_sinds")]
    [InlineData("C1;1011AB;1;;;30-02-2024;", "adres_sinds")]
    [InlineData("C1;1011AB;1;;;2024/01/01;", "adres_sinds")]
    [InlineData("C1;1011AB;1;;;1-1-2024;", "adres_sinds")]
    [InlineData("C1;1011AB;1;;;29-02-2024;", null)]
    [InlineData("C1;1011AB;1;;;2024-01-01;0363200000081086", null)]
    [InlineData("C1;1011AB;1;;;2024-01-01;363200000081086", "nummeraanduiding_id")]
    [InlineData("C1;1011AB;1;;;2024-01-01;0363X00000081086", "nummeraanduiding_id")]
    public async Task Clienten(string row, string? column) =>
        Assert.Equal(column, (await OnlyError(ExtractType.Clienten, ClientenHeader, row))?.Column);

    [Fact]
    public async Task Postcode_is_normalised_and_huisletter_upper_cased()
    {
        await Ingest(ExtractType.Clienten, Lines(ClientenHeader, "C1;1011 ab;7;c;2;2024-01-01;"));
        Assert.Equal(new Adres("1011AB", 7, "C", "2"), Assert.Single(await LoadAll<Client>(ExtractType.Clienten)).Adres);
    }

    [Theory]
    [InlineData("A1;Zorg BV;12345678;1011AB;1;;;0363200000081086;2020-05-01;B1|B2;R1", null)]
    [InlineData("A1;;;;;;;;;;", "naam")]
    [InlineData(";Zorg BV;;;;;;;;;", "aanbieder_id")]
    [InlineData("A1;Zorg BV;1234567;;;;;;;;", "kvk_nummer")]
    [InlineData("A1;Zorg BV;1234567X;;;;;;;;", "kvk_nummer")]
    [InlineData("A1;Zorg BV;;1011AB;;;;;;;", "vestiging_huisnummer")]
    [InlineData("A1;Zorg BV;;;12;;;;;;", "vestiging_postcode")]
    [InlineData("A1;Zorg BV;;;;A;;;;;", "vestiging_huisletter")]
    [InlineData("A1;Zorg BV;;1011AB;1;;;12;;;", "vestiging_nummeraanduiding_id")]
    [InlineData("A1;Zorg BV;;;;;;;2020-13-01;;", "kvk_inschrijving")]
    public async Task Aanbieders(string row, string? column) =>
        Assert.Equal(column, (await OnlyError(ExtractType.Aanbieders, AanbiedersHeader, row))?.Column);

    [Fact]
    public async Task Aanbieder_lists_and_vestiging_are_read()
    {
        await Ingest(ExtractType.Aanbieders, Lines(AanbiedersHeader, "A1;Zorg BV;12345678;1011AB;1;b;;;2020-05-01; B1 | B2 ;", "A2;Solo;;;;;;;;;R7"));
        var rows = await LoadAll<Aanbieder>(ExtractType.Aanbieders);
        Assert.Equal(["B1", "B2"], rows[0].BestuurderIds);
        Assert.Empty(rows[0].RekeningIds);
        Assert.Equal(new Adres("1011AB", 1, "B", null), rows[0].Vestiging);
        Assert.Equal(new DateOnly(2020, 5, 1), rows[0].KvkInschrijving);
        Assert.Null(rows[1].Vestiging);
        Assert.Equal(["R7"], rows[1].RekeningIds);
    }

    private const string GoodToewijzing = "T1;C1;A1;02;02A01;ZIN;2024-12-15;2025-01-01;2025-12-31;10;04;2;";

    [Theory]
    [InlineData(GoodToewijzing, null)]
    [InlineData("T1;C1;A1;18;;pgb;;2025-01-01;;150000;83;4;18000", null)]
    [InlineData("T1;C1;A1;00;;ZIN;;2025-01-01;;10;04;2;", "productcategorie")]
    [InlineData("T1;C1;A1;19;;ZIN;;2025-01-01;;10;04;2;", "productcategorie")]
    [InlineData("T1;C1;A1;2;;ZIN;;2025-01-01;;10;04;2;", "productcategorie")]
    [InlineData("T1;C1;A1;;;ZIN;;2025-01-01;;10;04;2;", "productcategorie")]
    [InlineData("T1;C1;A1;02;02A0;ZIN;;2025-01-01;;10;04;2;", "productcode")]
    [InlineData("T1;C1;A1;02;;ZIN2;;2025-01-01;;10;04;2;", "leveringsvorm")]
    [InlineData("T1;C1;A1;02;;;;2025-01-01;;10;04;2;", "leveringsvorm")]
    [InlineData("T1;C1;A1;02;;ZIN;;;;10;04;2;", "ingangsdatum")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;2024-12-31;10;04;2;", "einddatum")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;-10;04;2;", "volume")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;;04;2;", "volume")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;10;02;2;", "eenheid")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;10;4;2;", "eenheid")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;10;04;3;", "frequentie")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;10;04;;", "frequentie")]
    [InlineData("T1;C1;A1;02;;ZIN;;2025-01-01;;10;04;2;1.000,00", "budget")]
    [InlineData("T1;;A1;02;;ZIN;;2025-01-01;;10;04;2;", "client_id")]
    [InlineData("T1;C1;;02;;ZIN;;2025-01-01;;10;04;2;", "aanbieder_id")]
    public async Task Toewijzingen(string row, string? column) =>
        Assert.Equal(column, (await OnlyError(ExtractType.Toewijzingen, ToewijzingenHeader, row))?.Column);

    [Fact]
    public async Task Toewijzing_is_read_with_every_code()
    {
        foreach (var (eenheid, i) in new[] { "01", "04", "14", "16", "82", "83", "84" }.Select((e, i) => (e, i)))
        {
            var report = await Ingest(ExtractType.Toewijzingen, Lines(ToewijzingenHeader, $"T{i};C1;A1;{i + 1:D2};;ZIN;;2025-01-01;;1;{eenheid};{new[] { "1", "2", "4", "6" }[i % 4]};"), $"t_{i}.csv");
            Assert.Equal(IngestStatus.Accepted, report.Status);
        }
        // No date in the name: the ingest time, later than the files above, makes it the one in force.
        await Ingest(ExtractType.Toewijzingen, Lines(ToewijzingenHeader, GoodToewijzing), "toewijzingen_laatste.csv");
        var row = Assert.Single(await LoadAll<Toewijzing>(ExtractType.Toewijzingen));
        Assert.Equal(new Toewijzing("T1", "C1", "A1", "02", "02A01", Leveringsvorm.Zin, new(2024, 12, 15), new(2025, 1, 1), new(2025, 12, 31), 10m, "04", "2", null), row);
    }

    [Theory]
    [InlineData("O1;C1;A1;arbeidsovereenkomst;R1;2025-01-01;;25,50;12", null)]
    [InlineData("O1;C1;A1;Instelling;;01-01-2025;31-12-2025;25;40", null)]
    [InlineData("O1;C1;A1;vrijwilliger;;2025-01-01;;25;12", "overeenkomst_type")]
    [InlineData("O1;C1;A1;familie;;2025-01-01;;;12", "uurtarief")]
    [InlineData("O1;C1;A1;familie;;2025-01-01;;-1;12", "uurtarief")]
    [InlineData("O1;C1;A1;familie;;2025-01-01;;25;169", "uren_per_week")]
    [InlineData("O1;C1;A1;familie;;2025-01-01;;25;", "uren_per_week")]
    [InlineData("O1;C1;A1;familie;;2025-01-01;2024-01-01;25;1", "einddatum")]
    [InlineData(";C1;A1;familie;;2025-01-01;;25;1", "overeenkomst_id")]
    public async Task PgbOvereenkomsten(string row, string? column) =>
        Assert.Equal(column, (await OnlyError(ExtractType.PgbOvereenkomsten, PgbHeader, row))?.Column);

    [Theory]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;10,5;04;65.50;687,75", null)]
    [InlineData("D1;C1;A1;;2025-01-01;2025-01-15;;-10;04;;-650", null)]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-02-01;02;1;04;1;1", "periode_eind")]
    [InlineData("D1;C1;A1;T1;2025-01-01;;02;1;04;1;1", "periode_eind")]
    [InlineData("D1;C1;A1;T1;;2025-01-31;02;1;04;1;1", "periode_start")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;20;1;04;1;1", "productcategorie")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;;04;1;1", "volume")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1e3;04;1;1", "volume")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;+1;04;1;1", "volume")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1;;1;1", "eenheid")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;-1;1", "tarief")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1,", "bedrag")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1 000", "bedrag")]
    [InlineData(";C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1", "declaratie_id")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1", "(rij)")]
    [InlineData("D1;C1;A1;T1;2025-01-01;2025-01-31;02;1;04;1;1;extra", "(rij)")]
    [InlineData("D1;C1;A1;\"T\"1;2025-01-01;2025-01-31;02;1;04;1;1", "(rij)")]
    public async Task Declaraties(string row, string? column) =>
        Assert.Equal(column, (await OnlyError(ExtractType.Declaraties, DeclaratiesHeader, row))?.Column);

    [Fact]
    public async Task Quoted_fields_with_delimiters_and_line_breaks_are_read_and_lines_counted()
    {
        var report = await Ingest(ExtractType.Aanbieders, Lines(AanbiedersHeader,
            "A1;\"Zorg; \"\"De Linde\"\"\nBV\";;;;;;;;;",
            "A2;Solo;1;;;;;;;;"), threshold: 1);
        Assert.Equal("Zorg; \"De Linde\"\nBV", (await LoadAll<Aanbieder>(ExtractType.Aanbieders))[0].Naam);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("kvk_nummer", 4L), (error.Column, error.Line)); // the record after a two-line record starts on line 4
    }
}
