using System.Text.Json;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Register;

namespace ZorgfraudeSignalen.Core.Tests.Register;

public sealed class AlgorithmRegisterEntryTests
{
    private static RegisterSource Source() => new(
        "1.0.0+abc123",
        [
            new RegisterIndicator("COLOC_PAND", "Cliënten in één pand", "Aantal cliënten van de aanbieder in één pand", new Dictionary<string, string> { ["minimum"] = "4" }),
            new RegisterIndicator("MAX_DECL", "Steeds het maximum", "Aandeel maanden waarin het toegewezen maximum is gedeclareerd", new Dictionary<string, string> { ["aandeel"] = "0,9" }),
        ],
        ["declaraties_per_client", "aandeel_maximum"],
        "PCA-reconstructiefout (rang 3) over robuust geschaalde kenmerken.",
        new Dictionary<string, string> { ["publicatiedrempel"] = "70", ["seed"] = "42" },
        [ExtractType.Clienten, ExtractType.Toewijzingen, ExtractType.Declaraties],
        new FairnessSettings(0.6, 2.5),
        TimeSpan.FromDays(180));

    [Fact]
    public void The_entry_carries_the_configuration_it_was_generated_from()
    {
        var source = Source();
        var entry = AlgorithmRegisterEntry.Generate(source);
        Assert.Equal(source.Indicators.Select(i => i.Code), entry.Indicators.Select(i => i.Code));
        Assert.Equal(source.ModelFeatures, entry.ModelFeatures);
        Assert.Equal(["clienten", "toewijzingen", "declaraties"], entry.SourceData.Select(s => s.Name));
        Assert.Contains("180 dagen", entry.Proportionality);
        Assert.Contains("60%", entry.RiskManagement);
        Assert.Contains("2,5", entry.RiskManagement);
        Assert.Equal("70", entry.Parameters["publicatiedrempel"]);
        Assert.Equal(source.CodeVersion, entry.CodeVersion);
    }

    [Fact]
    public void The_entry_describes_the_learning_from_assessments_as_configured_or_says_it_is_off()
    {
        var on = AlgorithmRegisterEntry.Generate(Source() with { Leren = new Core.Learning.LearningSettings { MinimumPositief = 25, NatuurlijkePersonenUitsluiten = true, KleineBomen = true, Krimp = null } });
        Assert.Contains("ten minste 25 positieve en 30 negatieve labels", on.MethodsAndModels);
        Assert.Contains("labels over natuurlijke personen worden niet gebruikt", on.MethodsAndModels);
        Assert.Contains("steekproef", on.MethodsAndModels);
        Assert.Contains("alleen hoever een aanbieder boven vergelijkbare aanbieders ligt", on.MethodsAndModels);
        Assert.Equal("25", on.Parameters["leren_minimum_positief"]);
        Assert.Equal("ja", on.Parameters["leren_natuurlijke_personen_uitsluiten"]);
        Assert.Contains("met weinig labels is het voorzichtig (kleine bomen, de kans naar het gemiddelde", on.MethodsAndModels);
        Assert.Equal(("ja", "25"), (on.Parameters["leren_kleine_bomen"], on.Parameters["leren_krimp"]));
        var bold = AlgorithmRegisterEntry.Generate(Source() with { Leren = new Core.Learning.LearningSettings { Optillen = Core.Learning.Optilling.Overal } });
        Assert.DoesNotContain("voorzichtig", bold.MethodsAndModels);
        Assert.Equal(("nee", "0"), (bold.Parameters["leren_kleine_bomen"], bold.Parameters["leren_krimp"]));
        Assert.Equal("overal", bold.Parameters["leren_optillen"]);
        Assert.DoesNotContain("achter de signalen van de regels", bold.MethodsAndModels);
        var behind = AlgorithmRegisterEntry.Generate(Source() with { Leren = new Core.Learning.LearningSettings() });
        Assert.Equal("achter_regels", behind.Parameters["leren_optillen"]);
        Assert.Contains("hoogstens tot achter de signalen van de regels (die gaan altijd voor)", behind.MethodsAndModels);
        Assert.Contains("50% ervan naar verhouding van de risicoscore getrokken", behind.MethodsAndModels);
        Assert.Equal("0.5", behind.Parameters["leren_steekproef_naar_score"]);
        var uniform = AlgorithmRegisterEntry.Generate(Source() with { Leren = new Core.Learning.LearningSettings { SteekproefNaarScore = 0 } });
        Assert.DoesNotContain("naar verhouding van de risicoscore", uniform.MethodsAndModels);

        var off = AlgorithmRegisterEntry.Generate(Source() with { Leren = new Core.Learning.LearningSettings { Aan = false } });
        Assert.Contains("Leren van beoordelingen staat uit", off.MethodsAndModels);
        Assert.Equal("nee", off.Parameters["leren_aan"]);
        Assert.False(off.Parameters.ContainsKey("leren_minimum_positief"));
    }

    [Fact]
    public void Markdown_and_json_both_list_every_indicator_with_its_thresholds()
    {
        var entry = AlgorithmRegisterEntry.Generate(Source());
        var markdown = entry.ToMarkdown();
        Assert.Contains("| `COLOC_PAND` | Cliënten in één pand |", markdown);
        Assert.Contains("minimum = 4", markdown);
        Assert.Contains("| `MAX_DECL` |", markdown);

        using var json = JsonDocument.Parse(entry.ToJson());
        var indicators = json.RootElement.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(["COLOC_PAND", "MAX_DECL"], indicators);
        Assert.Equal(RegisterOrganisation.DefaultGrondslag.Count, json.RootElement.GetProperty("lawful_basis").GetArrayLength());
        Assert.Contains("Cliënten", json.RootElement.GetProperty("indicators")[0].GetProperty("naam").GetString());
    }

    [Fact]
    public void A_table_cell_cannot_break_the_markdown_table()
    {
        var source = Source() with { Indicators = [new RegisterIndicator("X", "a | b", "regel 1\nregel 2", new Dictionary<string, string>())] };
        var markdown = AlgorithmRegisterEntry.Generate(source).ToMarkdown();
        Assert.Contains("| `X` | a \\| b | regel 1 regel 2 |", markdown);
    }
}
