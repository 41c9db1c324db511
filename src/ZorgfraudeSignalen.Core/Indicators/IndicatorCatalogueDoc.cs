using System.Globalization;
using System.Text;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>Renders docs/indicatoren.md from the catalogue, the features and the defaults; a test keeps the file equal to this.</summary>
public static class IndicatorCatalogueDoc
{
    public const string RelativePath = "docs/indicatoren.md";

    public static string Render()
    {
        var t = new IndicatorThresholds();
        var c = new RiskConfiguration { RunId = "" };
        var md = new StringBuilder();
        md.Append("# Indicatoren en risicoscore\n\n");
        md.Append("Generated from `src/ZorgfraudeSignalen.Core/Indicators/IndicatorCatalogue.cs`, `IndicatorThresholds.cs` and\n");
        md.Append("`Model/ProviderFeatures.cs`; a test fails when this file and the code differ (regenerate with\n");
        md.Append("`ZFS_UPDATE_DOCS=1 dotnet test tests/ZorgfraudeSignalen.Core.Tests`). Indicator names and facts are in Dutch, as the\n");
        md.Append("reviewers read them.\n\n");
        md.Append("Every indicator is evaluated per provider at the peildatum (default: the latest `periode_eind` in the declaraties).\n");
        md.Append("'Active clients' are clients with an allocation or PGB agreement with the provider in force on the peildatum;\n");
        md.Append("co-location shares leave out beschermd wonen and opvang (productcategorie 15-18), where living where the care is\n");
        md.Append("given is the point. Declarations count over the twelve calendar months up to the peildatum, net of credit notes.\n\n");
        md.Append("| code | naam | gewicht | drempels (standaard) |\n|---|---|---|---|\n");
        foreach (var i in IndicatorCatalogue.All)
            md.Append($"| `{i.Code}` | {i.Naam} | {Num(i.Gewicht)} | {string.Join(", ", i.Drempels.Select(d => $"`{d}` = {Default(t, d)}"))} |\n");
        md.Append('\n');
        foreach (var i in IndicatorCatalogue.All)
        {
            md.Append($"## `{i.Code}` — {i.Naam}\n\n");
            md.Append($"- **Definitie:** {i.Definitie}\n");
            md.Append($"- **Gegevens:** {i.Gegevens}\n");
            md.Append($"- **Drempels:** {string.Join(", ", i.Drempels.Select(d => $"`{d}` = {Default(t, d)}"))}\n");
            md.Append($"- **Gewicht in de risicoscore:** {Num(i.Gewicht)}\n\n");
        }
        md.Append("## Risicoscore\n\n");
        md.Append("`risicoscore = 100 × (wI × I + wA × A)`, rounded to one decimal, where\n\n");
        md.Append("- `I = 1 − Π (1 − gewicht)` over the indicators that fired (a 'noisy or': every extra indicator adds, none alone\n  reaches 1);\n");
        md.Append("- `A` = the anomaly model's score normalised within the run: min-max over `log(1 + score)`, 0 = least unusual,\n  1 = most unusual provider of the run;\n");
        md.Append($"- `wI` = {Num(c.GewichtIndicatoren)}, `wA` = {Num(c.GewichtAnomalie)} (configurable).\n\n");
        md.Append($"Providers are ranked by risicoscore, then anomaly score, then provider id (ordinal). Signals with a risicoscore of at\n");
        md.Append($"least {Num(c.PublicatieDrempel)} (`PublicatieDrempel`) are published with status `te_beoordelen`; all others are listed in\n");
        md.Append("`risicolijst.csv` with status `niet_gepubliceerd`, so the ranking as a whole can be evaluated.\n\n");
        md.Append("## Model features\n\n");
        md.Append("The anomaly model (docs/detectie.md) sees only these features, derived from the same facts. None is a protected\n");
        md.Append("attribute or a proxy of one (a test checks names and sources against `Fairness/ForbiddenAttributes`): no age,\n");
        md.Append("gender, nationality, country of birth, language or neighbourhood; addresses only as 'same building / same row as\n");
        md.Append("the provider or its other clients', never as a place.\n\n");
        md.Append("| kenmerk | omschrijving | bronnen |\n|---|---|---|\n");
        foreach (var f in ProviderFeatures.All)
            md.Append($"| `{f.Code}` | {f.Omschrijving} | {string.Join(", ", f.Bronnen.Select(b => $"`{b}`"))} |\n");
        return md.ToString();
    }

    private static string Default(IndicatorThresholds t, string property) =>
        typeof(IndicatorThresholds).GetProperty(property)?.GetValue(t) is { } v ? Num(Convert.ToDouble(v, CultureInfo.InvariantCulture)) : "?";

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
