using System.Globalization;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Register;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Tests.Accountability;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Tests.Register;

/// <summary>The register entry describes what actually runs: every indicator a run evaluates, with the thresholds it used.</summary>
public sealed class RegisterMatchesConfigurationTests
{
    [Fact]
    public void Every_indicator_a_run_evaluates_is_in_the_entry_with_the_threshold_it_was_held_against()
    {
        var config = TestMunicipality.Configuration() with
        {
            Drempels = new IndicatorThresholds { AandeelInPand = 0.25, TariefFactor = 1.75 },
            PublicatieDrempel = 35,
        };
        var result = RiskEngine.Compute(RunTables.From(TestMunicipality.Inputs()), config, TestMunicipality.RunId);
        Assert.NotEmpty(result.Details); // the run published something, so its findings are there to compare with

        var entry = AlgorithmRegisterEntry.Generate(RegisterSources.From(config, FairnessSettings.Default, TimeSpan.FromDays(365)));
        var registered = entry.Indicators.ToDictionary(i => i.Code);
        var markdown = entry.ToMarkdown();
        foreach (var finding in result.Details.SelectMany(d => d.Indicatoren))
        {
            Assert.True(registered.TryGetValue(finding.Code, out var indicator), $"{finding.Code} is evaluated but not in the register entry");
            // The run holds each value against its configured minimum (in the entry) or a stricter peer-group limit.
            Assert.Contains(finding.Minimum.ToString(CultureInfo.InvariantCulture), indicator.Drempels.Values);
            Assert.True(finding.Drempel >= finding.Minimum, $"{finding.Code}: threshold {finding.Drempel} below the minimum {finding.Minimum}");
            Assert.Contains($"| `{finding.Code}` |", markdown);
        }
        foreach (var fired in result.Signals.SelectMany(s => s.Signalen))
            Assert.Contains(fired, registered.Keys);
        Assert.Equal("0.25", registered["COLOC_PAND"].Drempels[nameof(IndicatorThresholds.AandeelInPand)]);
        Assert.Equal("1.75", registered["PGB_TARIEF"].Drempels[nameof(IndicatorThresholds.TariefFactor)]);
        Assert.Equal("35", entry.Parameters["publicatiedrempel"]);
    }

    [Fact]
    public void The_entry_lists_exactly_the_model_features_the_run_reports_statistics_for()
    {
        var config = TestMunicipality.Configuration();
        var result = RiskEngine.Compute(RunTables.From(TestMunicipality.Inputs()), config, TestMunicipality.RunId);
        var entry = AlgorithmRegisterEntry.Generate(RegisterSources.From(config, FairnessSettings.Default, TimeSpan.FromDays(365)));
        Assert.Equal(result.Features.Select(f => f.Kenmerk), entry.ModelFeatures);
    }
}
