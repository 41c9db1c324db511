using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Ingest;

/// <summary>
/// The generated sample municipality in data-samples/ (written by the generator to the same contract) is accepted
/// whole, and each deliberately broken file of data-samples/voorbeelden-fout gets the outcome its README describes.
/// </summary>
public sealed class DataSamplesIngestTests : IngestFixture
{
    private static string DataSamples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "data-samples", "extracts"))) return Path.Combine(dir.FullName, "data-samples");
            throw new DirectoryNotFoundException("data-samples not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public async Task The_sample_extracts_are_accepted_with_no_rejected_row()
    {
        var reports = await NewIngestor().IngestFolderAsync(Path.Combine(DataSamples, "extracts"));
        Assert.Equal(ExtractTypes.All.Count, reports.Count);
        Assert.All(reports, r => Assert.Equal((IngestStatus.Accepted, 0L, 0), (r.Status, r.RowsRejected, r.UnknownColumns.Count)));
        Assert.Equal("Windows-1252", reports.Single(r => r.Type == ExtractType.Aanbieders).Encoding);
        Assert.Equal(',', reports.Single(r => r.Type == ExtractType.Toewijzingen).Delimiter);
        var loaded = await SnapshotLoader.LoadInForceAsync(Store);
        Assert.Equal(6, loaded.Snapshots.Count);
        Assert.Equal(reports.Single(r => r.Type == ExtractType.Declaraties).RowsAccepted, loaded.Inputs.Declaraties().LongCount());
    }

    [Fact]
    public async Task Tables_read_straight_from_the_snapshots_give_the_same_risk_list_as_the_records()
    {
        await NewIngestor().IngestFolderAsync(Path.Combine(DataSamples, "extracts"));
        var loaded = await SnapshotLoader.LoadInForceAsync(Store);
        var records = await loaded.ReadRecordsAsync();
        var config = new RiskConfiguration { Rundatum = new DateOnly(2026, 1, 15) };

        var fromSnapshots = RiskEngine.Compute(loaded.Inputs, config, "run-gelijk");
        var fromRecords = RiskEngine.Compute(RunTables.From(records), config, "run-gelijk");

        Assert.Equal(records.Clienten.Count, loaded.Inputs.Clienten.Count);
        Assert.Equal(records.Toewijzingen.Count, loaded.Inputs.Toewijzingen.Count);
        Assert.Equal(records.Declaraties().Max(d => d.PeriodeEind), fromSnapshots.Peildatum);
        Assert.Contains(fromSnapshots.Signals, s => s.Status == ReviewStatus.TeBeoordelen);
        Assert.Equal(RiskListCsv.Write(fromRecords.Signals), RiskListCsv.Write(fromSnapshots.Signals));
        Assert.Equal(ModelRunRecord.DetailsSha256(fromRecords.Details), ModelRunRecord.DetailsSha256(fromSnapshots.Details));
        Assert.Equal(fromRecords.Gebouwen.Clusters.Select(c => c.ClusterId), fromSnapshots.Gebouwen.Clusters.Select(c => c.ClusterId));
    }

    [Fact]
    public async Task The_broken_examples_are_quarantined_as_described()
    {
        var reports = await NewIngestor().IngestFolderAsync(Path.Combine(DataSamples, "voorbeelden-fout"));
        IngestReport Of(string name) => reports.Single(r => r.SourceName.EndsWith(name, StringComparison.Ordinal));

        Assert.All(reports, r => Assert.Equal(IngestStatus.Quarantined, r.Status));
        Assert.True(Of("clienten_met_bsn.csv").ContentDiscarded);
        Assert.Contains("regel 3", Of("clienten_met_bsn.csv").Message);
        Assert.Contains("geboortedatum", Of("clienten_met_geboortedatum.csv").Message);
        Assert.Equal(
            [(4L, "periode_start"), (5L, "bedrag"), (6L, "volume"), (7L, "eenheid"), (8L, "bedrag")],
            Of("declaraties_met_fouten.csv").Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(
            [(3L, "productcategorie"), (5L, "leveringsvorm"), (6L, "ingangsdatum"), (7L, "frequentie")],
            Of("toewijzingen_met_fouten.csv").Errors.Select(e => (e.Line, e.Column)));
    }
}
