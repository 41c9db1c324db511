using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Fairness;

public sealed class FairnessReportTests
{
    private static readonly string[] Areas = ["1011", "1012", "1013", "1014"];
    private static readonly string[] CleanFeatures = ["declaraties_per_client", "aandeel_maximum_gedeclareerd", "clienten_per_pand", "afwijking_totaal_bedrag"];

    /// <summary>
    /// Eight providers, two per postcode-4 area, each with <paramref name="clientsPerProvider"/> clients living in the
    /// provider's own area; providers A* deliver begeleiding (02), B* huishoudelijke hulp (01).
    /// </summary>
    private static RunInputs Municipality(int clientsPerProvider = 5)
    {
        var clienten = new List<Client>();
        var aanbieders = new List<Aanbieder>();
        var toewijzingen = new List<Toewijzing>();
        foreach (var area in Areas)
            foreach (var soort in new[] { "A", "B" })
            {
                var id = $"{soort}{area}";
                aanbieders.Add(new Aanbieder(id, $"Zorg {id}", null, new Adres($"{area}XX", 1, null, null), null, null, [], []));
                for (var i = 0; i < clientsPerProvider; i++)
                {
                    var client = $"C-{id}-{i}";
                    clienten.Add(new Client(client, new Adres($"{area}AB", 10 + i, null, null), new DateOnly(2024, 1, 1), null));
                    toewijzingen.Add(new Toewijzing($"T-{client}", client, id, soort == "A" ? "02" : "01", null, Leveringsvorm.Zin, null,
                        new DateOnly(2024, 1, 1), null, 10, "04", "2", null));
                }
            }
        return new RunInputs(clienten, aanbieders, toewijzingen, [], () => [], null);
    }

    private static List<ScoredAanbieder> Scored(RunInputs inputs, Func<string, bool> published, string[]? fired = null) =>
        inputs.Aanbieders.Select(a => new ScoredAanbieder(a.AanbiederId, published(a.AanbiederId), published(a.AanbiederId) ? fired ?? ["VOLUME_MAX"] : [])).ToList();

    [Fact]
    public void An_injected_forbidden_feature_is_flagged_and_fails_the_report()
    {
        var inputs = Municipality();
        var report = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id is "A1011" or "B1013"), [.. CleanFeatures, "client_leeftijd_gemiddeld"]);

        var forbidden = Assert.Single(report.ForbiddenFeatures);
        Assert.Equal("client_leeftijd_gemiddeld", forbidden.Feature);
        Assert.Contains("leeftijd", forbidden.Attributes);
        Assert.False(report.Passed);
        Assert.All(report.Features.Where(f => f.Feature != forbidden.Feature), f => Assert.Equal("toegestaan", f.Verdict));
    }

    [Theory]
    [InlineData("wijkcode", true)]
    [InlineData("WijkCode", true)]
    [InlineData("aandeel_PC4", true)]
    [InlineData("vestiging_postcode", true)]
    [InlineData("clientGeslacht", true)]
    [InlineData("nationaliteit_onbekend", true)]
    [InlineData("hoofdtaal", false)] // compound words are matched only for long terms; short ones need a word boundary
    [InlineData("taalvaardigheid", true)]
    [InlineData("gem_inkomen_buurt", true)]
    [InlineData("afwijking_volume", false)]
    [InlineData("totaal_declaraties", false)]
    [InlineData("average_rate", false)]
    [InlineData("clienten_zelfde_pand", false)]
    public void Feature_names_are_matched_by_word_without_flagging_innocent_substrings(string feature, bool forbidden)
    {
        Assert.Equal(forbidden, ForbiddenAttributes.Matches(feature).Count > 0);
    }

    [Fact]
    public void A_reviewed_exemption_is_reported_as_such_and_does_not_fail_the_report()
    {
        var inputs = Municipality();
        var settings = new FairnessSettings(ExemptFeatures: new Dictionary<string, string> { ["clienten_zelfde_pc6"] = "telt cliënten in hetzelfde rijtje panden; geen gebied als zodanig" });
        var report = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id is "A1011" or "A1012" or "A1013" or "A1014"), [.. CleanFeatures, "clienten_zelfde_pc6"], settings);
        var check = Assert.Single(report.Features, f => f.Feature == "clienten_zelfde_pc6");
        Assert.Equal("vrijgesteld", check.Verdict);
        Assert.Empty(report.ForbiddenFeatures);
    }

    [Fact]
    public void A_list_whose_signals_all_come_from_one_area_is_flagged_as_unexplained_concentration()
    {
        var inputs = Municipality();
        var report = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id.EndsWith("1012")), CleanFeatures);

        var warning = Assert.Single(report.Warnings, w => w.Dimension == "pc4_clienten");
        Assert.Equal("1012", warning.Group);
        Assert.Equal(1.0, warning.ShareOfSelected);
        var areaShare = inputs.Clienten.Count(c => c.Adres.Postcode.StartsWith("1012")) / (double)inputs.Clienten.Count;
        Assert.Equal(areaShare, warning.ShareOfTotal, 4);
        Assert.Equal(1 / areaShare, warning.Factor, 3);
        Assert.False(warning.Explained);
        Assert.Contains("1012", warning.Toelichting);
        Assert.Contains(report.Warnings, w => w.Dimension == "pc4_aanbieders" && w.Group == "1012");
        Assert.False(report.Passed);
    }

    [Fact]
    public void A_concentration_is_explained_only_when_every_provider_behind_it_has_a_location_indicator_fired()
    {
        var inputs = Municipality();
        var settings = new FairnessSettings(LocationIndicators: ["COLOC_PAND"]);

        var all = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id.EndsWith("1012"), ["COLOC_PAND", "VOLUME_MAX"]), CleanFeatures, settings);
        Assert.All(all.Warnings.Where(w => w.Dimension.StartsWith("pc4")), w =>
        {
            Assert.True(w.Explained);
            Assert.Equal(["COLOC_PAND"], w.ExplainingIndicators);
        });

        // One of the two has only a volume indicator: the area's concentration is no longer accounted for.
        var scored = inputs.Aanbieders.Select(a => new ScoredAanbieder(a.AanbiederId, a.AanbiederId.EndsWith("1012"),
            a.AanbiederId == "A1012" ? ["COLOC_PAND"] : a.AanbiederId == "B1012" ? ["VOLUME_MAX"] : [])).ToList();
        var partly = FairnessReport.Compute(RunTables.From(inputs), scored, CleanFeatures, settings);
        var warning = Assert.Single(partly.Warnings, w => w.Dimension == "pc4_clienten");
        Assert.False(warning.Explained);
        Assert.False(partly.Passed);
    }

    [Fact]
    public void A_list_spread_like_the_population_raises_no_warning_and_reports_the_selection_rates()
    {
        var inputs = Municipality();
        var report = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id is "A1011" or "B1012" or "A1013" or "B1014"), CleanFeatures);

        Assert.Empty(report.Warnings);
        Assert.True(report.Passed);
        Assert.Equal(Areas, report.ClientsPerPc4.Select(r => r.Group));
        Assert.All(report.ClientsPerPc4, r =>
        {
            Assert.Equal(10, r.Total);
            Assert.Equal(5, r.Selected);
            Assert.Equal(0.5, r.Rate);
            Assert.Equal(1.0, r.Factor);
        });
        // Two of the four begeleiding (02) providers and two of the four huishoudelijke hulp (01) providers.
        var begeleiding = Assert.Single(report.ClientsPerProductcategorie, r => r.Group == "02");
        Assert.Equal((20, 10, 0.5, 1.0), (begeleiding.Total, begeleiding.Selected, begeleiding.Rate, begeleiding.Factor));
        var huishouden = Assert.Single(report.ProvidersPerProductcategorie, r => r.Group == "01");
        Assert.Equal((4, 2), (huishouden.Total, huishouden.Selected));
    }

    [Fact]
    public void A_concentration_in_one_productcategorie_is_warned_about_and_never_explained_automatically()
    {
        var inputs = Municipality();
        var settings = new FairnessSettings(MinimumShare: 0.9, MinimumFactor: 1.5, LocationIndicators: ["COLOC_PAND"]);
        var report = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id.StartsWith('A'), ["COLOC_PAND"]), CleanFeatures, settings);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(("productcategorie_clienten", "02", 2.0), (warning.Dimension, warning.Group, warning.Factor));
        Assert.False(warning.Explained);
    }

    [Fact]
    public void Clients_without_an_address_in_the_snapshot_count_as_unknown_area()
    {
        var inputs = Municipality();
        inputs = inputs with { Clienten = inputs.Clienten.Where(c => !c.ClientId.StartsWith("C-A1011")).ToList() };
        var report = FairnessReport.Compute(RunTables.From(inputs), Scored(inputs, id => id == "A1011"), CleanFeatures);
        var unknown = Assert.Single(report.ClientsPerPc4, r => r.Group == FairnessReport.Unknown);
        Assert.Equal((5, 5), (unknown.Total, unknown.Selected));
        Assert.False(Assert.Single(report.Warnings, w => w.Dimension == "pc4_clienten").Explained);
    }
}

public sealed class FairnessOfARunTests
{
    [Fact]
    public void The_models_own_features_pass_the_forbidden_attribute_check_by_name_and_by_source()
    {
        var inputs = Accountability.TestMunicipality.Inputs();
        var result = RiskEngine.Compute(RunTables.From(inputs), Accountability.TestMunicipality.Configuration(), Accountability.TestMunicipality.RunId);

        var report = FairnessReport.ForRun(RunTables.From(inputs), result.Signals, result.Leren, FairnessSettings.Default with { ExemptFeatures = null });
        Assert.Equal(result.Features.Select(f => f.Kenmerk).Order(StringComparer.Ordinal), report.Features.Select(f => f.Feature));
        Assert.All(report.Features, f => Assert.Equal("toegestaan", f.Verdict));
    }

    [Fact]
    public void A_feature_with_an_innocent_name_derived_from_a_forbidden_field_is_flagged()
    {
        var inputs = Accountability.TestMunicipality.Inputs();
        var scored = inputs.Aanbieders.Select(a => new ScoredAanbieder(a.AanbiederId, a.AanbiederId == "ZORG-X", [])).ToList();
        var report = FairnessReport.Compute(RunTables.From(inputs), scored,
            [new ModelFeature("zorgzwaarte_index", ["clienten.geboortedatum", "declaraties.volume"]), new ModelFeature("bedrag_per_client", ["declaraties.bedrag"])]);
        var flagged = Assert.Single(report.ForbiddenFeatures);
        Assert.Equal("zorgzwaarte_index", flagged.Feature);
        Assert.Equal(["bron clienten.geboortedatum"], flagged.Matches);
    }
}

public sealed class FairnessReportStorageTests
{
    [Fact]
    public void A_stored_report_reads_back_equal_to_what_was_written()
    {
        var inputs = Accountability.TestMunicipality.Inputs();
        var result = RiskEngine.Compute(RunTables.From(inputs), Accountability.TestMunicipality.Configuration(), Accountability.TestMunicipality.RunId);
        var report = FairnessReport.ForRun(RunTables.From(inputs), result.Signals, result.Leren);
        var json = System.Text.Json.JsonSerializer.Serialize(report, ModelRunRecord.Json);
        var back = System.Text.Json.JsonSerializer.Deserialize<FairnessReport>(json, ModelRunRecord.Json)!;
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, ModelRunRecord.Json));
        Assert.Equal(report.Passed, back.Passed);
    }
}
