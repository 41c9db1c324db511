using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

/// <summary>The real NLExtract 'bagadresplus' sample in shared/data/bag (see its README for its shape).</summary>
public sealed class BagIngestTests : IngestFixture
{
    private static string SamplePath => TestData.Path("bag/nlextract_amsterdam_1011_bagadresplus.csv");

    private async Task<(IngestReport Report, List<BagAdres> Rows)> IngestSample()
    {
        await using var stream = File.OpenRead(SamplePath);
        var report = await NewIngestor().IngestAsync(stream, "extracts/bag_adressen/nlextract_amsterdam_1011_bagadresplus.csv", ExtractType.BagAdressen, CancellationToken.None);
        return (report, await LoadAll<BagAdres>(ExtractType.BagAdressen));
    }

    [Fact]
    public async Task The_real_sample_is_recognised_as_bagadresplus_and_accepted_whole()
    {
        var (report, rows) = await IngestSample();
        Assert.Equal(IngestStatus.Accepted, report.Status);
        Assert.Equal("nlextract-bagadresplus", report.Layout);
        Assert.Equal(99, report.RowsAccepted);
        Assert.Equal(0, report.RowsRejected);
        Assert.Empty(report.UnknownColumns); // NLExtract's other columns are known to the layout, not 'unknown'
        Assert.Equal(99, rows.Count);
    }

    [Fact]
    public async Task The_sample_resolves_to_36_panden_with_leading_zeros_kept()
    {
        var (_, rows) = await IngestSample();
        var panden = rows.Where(r => r.PandId is not null).Select(r => r.PandId!).Distinct().ToList();
        Assert.Equal(36, panden.Count);
        Assert.Equal(91, rows.Count(r => r.PandId is not null));
        Assert.All(panden, p => Assert.Matches("^0363[0-9]{12}$", p));
        Assert.All(rows, r => Assert.StartsWith("0363", r.NummeraanduidingId));
        Assert.All(rows, r => Assert.Equal(16, r.VerblijfsobjectId.Length));
        Assert.Contains(rows, r => r.NummeraanduidingId == "0363200000081086" && r.PandId == "0363100012181960");
    }

    [Fact]
    public async Task Ligplaatsen_and_standplaatsen_have_no_pand()
    {
        var (_, rows) = await IngestSample();
        var withoutPand = rows.Where(r => r.PandId is null).ToList();
        Assert.Equal(8, withoutPand.Count);
        Assert.Equal(7, withoutPand.Count(r => r.VerblijfsobjectId.StartsWith("036302", StringComparison.Ordinal))); // ligplaats ids
        Assert.Equal(1, withoutPand.Count(r => r.VerblijfsobjectId.StartsWith("036303", StringComparison.Ordinal))); // standplaats id
        Assert.All(withoutPand, r => Assert.Empty(r.Gebruiksdoelen));
    }

    [Fact]
    public async Task Addresses_and_gebruiksdoel_flags_are_read()
    {
        var (_, rows) = await IngestSample();
        Assert.Equal(21, rows.Count(r => r.Adres.Huisletter is not null));
        Assert.Equal(44, rows.Count(r => r.Adres.Toevoeging is not null));
        Assert.All(rows, r => Assert.Matches("^1011A[B-M]$", r.Adres.Postcode));
        var first = rows.Single(r => r.NummeraanduidingId == "0363200000081086");
        Assert.Equal(new Adres("1011AB", 105, null, "1"), first.Adres);
        Assert.Equal("De Ruijterkade", first.OpenbareRuimte);
        Assert.Equal("Amsterdam", first.Woonplaats);
        Assert.Equal(["kantoorfunctie"], first.Gebruiksdoelen);
        Assert.Contains(rows, r => r.Gebruiksdoelen.Contains("woonfunctie"));
    }

    [Fact]
    public async Task A_verblijfsobject_without_pand_is_rejected_in_the_bagadresplus_layout()
    {
        var lines = File.ReadAllLines(SamplePath);
        var columns = lines[0].Split(';');
        var pand = Array.IndexOf(columns, "pand_id");
        var row = lines[1].Split(';');
        row[pand] = "";
        var csv = Lines([lines[0], string.Join(';', row)]);
        var report = await Ingest(ExtractType.BagAdressen, csv, threshold: 1);
        var error = Assert.Single(report.Errors);
        Assert.Equal(("pand_id", 2L), (error.Column, error.Line));
    }

    [Fact]
    public async Task Contract_layout_requires_16_digit_ids_and_known_gebruiksdoelen()
    {
        var report = await Ingest(ExtractType.BagAdressen, Lines(BagHeader,
            "0363200000081086;1011AB;105;;1;0363010000964973;0363100012181960;De Ruijterkade;Amsterdam;woonfunctie",
            "363200000081086;1011AB;105;;2;0363010000964974;0363100012181960;;;",
            "0363200000081088;1011AB;105;;3;0363010000964975;0363100012181960;;;zwembadfunctie"), threshold: 1);
        Assert.Equal([("nummeraanduiding_id", 3L), ("gebruiksdoel", 4L)], report.Errors.Select(e => (e.Column, e.Line)));
        Assert.Equal("contract", report.Layout);
    }
}
