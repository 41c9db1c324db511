using System.Globalization;
using System.Text;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.Core.Register;

/// <summary>Renders docs/indicatoren.md from the catalogue, the features and the defaults; a test keeps the file equal to this.</summary>
public static class IndicatorCatalogueDoc
{
    public const string RelativePath = "docs/indicatoren.md";

    public static string Render()
    {
        var t = new IndicatorThresholds();
        var c = new RiskConfiguration();
        var md = new StringBuilder();
        md.Append("# Indicatoren en risicoscore\n\n");
        md.Append("Generated from `src/ZorgfraudeSignalen.Core/Indicators/IndicatorCatalogue.cs`, `IndicatorThresholds.cs` and\n");
        md.Append("`Indicators/ProviderFeatures.cs`; a test fails when this file and the code differ (regenerate with\n");
        md.Append("`ZFS_UPDATE_DOCS=1 dotnet test tests/ZorgfraudeSignalen.Core.Tests`). Indicator names and facts are in Dutch, as the\n");
        md.Append("reviewers read them.\n\n");
        md.Append("Every indicator is evaluated per provider at the peildatum (default: the latest `periode_eind` in the declaraties).\n");
        md.Append("'Active clients' are clients with an allocation or PGB agreement with the provider in force on the peildatum;\n");
        md.Append("co-location shares leave out woondiensten, beschermd wonen and opvang (productcategorie 05, 15-18) and, with a BAG\n");
        md.Append("extract, clients living at an address registered for healthcare (gebruiksdoel gezondheidszorgfunctie): there living where the care\n");
        md.Append("is given is the point. Declarations count over the twelve calendar months up to the peildatum, net of credit notes.\n\n");
        md.Append("| code | naam | tegen vergelijkbare aanbieders | minimums (standaard) |\n|---|---|---|---|\n");
        foreach (var i in IndicatorCatalogue.All)
            md.Append($"| `{i.Code}` | {i.Naam} | {(i.TegenGroep ? "ja" : "nee")} | {string.Join(", ", i.Drempels.Select(d => $"`{d}` = {Default(t, d)}"))} |\n");
        md.Append('\n');
        foreach (var i in IndicatorCatalogue.All)
        {
            md.Append($"## `{i.Code}` — {i.Naam}\n\n");
            md.Append($"- **Definitie:** {i.Definitie}\n");
            md.Append($"- **Gegevens:** {i.Gegevens}\n");
            md.Append($"- **Minimums:** {string.Join(", ", i.Drempels.Select(d => $"`{d}` = {Default(t, d)}"))}\n");
            md.Append($"- **Vergeleken met vergelijkbare aanbieders:** {(i.TegenGroep ? "ja" : "nee, het minimum beslist")}\n\n");
        }
        md.Append("## Vergelijkbare aanbieders (peer groups)\n\n");
        md.Append("A provider is compared with providers of the same kind: leveringsvorm (ZIN or PGB) × its most common\n");
        md.Append("productcategorie × soort (an institution in ZIN; in PGB the most common agreement type: instelling, opdracht,\n");
        md.Append("arbeidsovereenkomst, familie). A group with fewer than `MinimumGroep` = " + Num(t.MinimumGroep) + " providers for whom the indicator\n");
        md.Append("applies is widened to leveringsvorm × soort, then leveringsvorm, then all providers of the run. The group and its\n");
        md.Append("size are shown with every finding.\n\n");
        md.Append("An indicator compared with peers fires when the provider's value reaches the indicator's minimum **and** lies above\n");
        md.Append("the group's limit, `median + z × spread` with `z` = `RobuusteZ` = " + Num(t.RobuusteZ) + " (the customary cut-off of the modified\n");
        md.Append("z-score) and `spread` = 1.4826 × the median absolute deviation, or 1.2533 × the mean absolute deviation where more\n");
        md.Append("than half the group has the same value. Factors (the PGB rate) are compared on the log scale. A minimum is a\n");
        md.Append("statement of what is material (three clients in one building, half the client-months at the maximum), never the\n");
        md.Append("threshold that decides alone: where honest providers of a kind spread widely, the limit lies further out.\n\n");
        md.Append("For a share of counted clients or months (COLOC_PAND, COLOC_PANDEN, COLOC_RIJ, VERHUIS_START, MAX_DECL,\n");
        md.Append("GELIJK_BEDRAG, PGB_UREN, GROEI) the provider's own limit is `median + z × √(spread² + p̄(1 − p̄)/n)`, with `p̄` the\n");
        md.Append("group's mean share and `n` the provider's own number of clients (or client-months, agreement-months, series): the\n");
        md.Append("over-dispersed funnel plot of provider profiling. A share over few is a noisy estimate, so 8 new clients of 10 is\n");
        md.Append("not the evidence that 48 of 60 is; with many, the limit is the group's. The signal page shows each provider's own\n");
        md.Append("limit; the run record the group's.\n\n");
        md.Append("## Risicoscore\n\n");
        md.Append("Evidence is measured as surprise, `−ln p`: how unlikely it is to see this among comparable providers.\n\n");
        md.Append("- **Weight of a fired indicator:** `gewicht = −ln p`, with `p = (K + 1) / (N + MinimumGroep)`: `K` of the `N`\n");
        md.Append("  providers of the run for whom the indicator applies fired, counted as if a group's worth of providers had been seen\n");
        md.Append("  of whom one fired, so that a small run claims no great rarity. An indicator that fires for many providers weighs\n");
        md.Append("  little; a rare, specific pattern weighs much. No weight is set by hand. The run's share is used, not the peer\n");
        md.Append("  group's: a scheme concentrated in one kind of provider stays rare in the run, while a habit common to a kind is\n");
        md.Append("  already held back by that group's limit.\n");
        md.Append("- **The anomaly model's part:** `wA × min(−ln q, −ln p½)`, with `q` = the share of the run's providers the model\n");
        md.Append($"  scores at least as unusual (1/n for the most unusual), `wA` = `GewichtAnomalie` = {Num(c.GewichtAnomalie)} and `p½` =\n");
        md.Append($"  `RisicoscoreHalverwegeKans` = {Num(c.RisicoscoreHalverwegeKans)}: the model orders and lifts, but adds at most half of what a 1-in-100 pattern adds.\n");
        md.Append("- **Score:** `S` = the sum of both; `risicoscore = 100 × S / (S + −ln p½)`, rounded to one decimal: evidence as\n");
        md.Append("  surprising as a 1-in-100 event scores 50.\n\n");
        md.Append("**Worked example.** A run scores 1,500 providers. `COLOC_PAND` applies to 900 and fires for 17: `p = 18 / 920 =\n");
        md.Append("0.0196`, weight `−ln 0.0196 = 3.93`. For a provider in ZIN / categorie 02 / instelling (300 providers) it fired because\n");
        md.Append("7 of its 20 clients (35 %) live in its own building, above the group's limit of 19 %. `VERHUIS_START` fires too, weight 3.6, and the\n");
        md.Append("model ranks the provider 4th of 1,500 (`q` = 0.0027, capped at `−ln 0.01 = 4.61`, times ½ = 2.30). `S = 3.93 + 3.6 +\n");
        md.Append("2.30 = 9.83`, risicoscore `100 × 9.83 / (9.83 + 4.61) = 68.1`. A PGB carer for whom `UREN_ZORGVERLENER` and\n");
        md.Append("`GELIJK_BEDRAG` fire while each fires for a third of the run's providers (weight `−ln 0.33 ≈ 1.1` each) and whom the\n");
        md.Append("model ranks in the middle (`q` = 0.5, ½ × 0.69 = 0.35) has `S = 2.55`, risicoscore 35.6: below one complete\n");
        md.Append("woonzorg pattern however many common habits add up.\n\n");
        md.Append($"Providers are ranked by risicoscore, then anomaly score, then provider id (ordinal). Signals with a risicoscore of at\n");
        md.Append($"least {Num(c.PublicatieDrempel)} (`PublicatieDrempel`, i.e. `S ≥ ⅔ × −ln p½`: evidence at least as surprising as a 1-in-22 event) are published\n");
        md.Append("with status `te_beoordelen`; all others are listed in `risicolijst.csv` with status `niet_gepubliceerd`, so the ranking\n");
        md.Append("as a whole can be evaluated. The run records every indicator's prevalence, limit and weight per peer group.\n\n");
        md.Append($"**Order of review.** The first {c.Beoordelingsvenster} places (`Beoordelingsvenster`; 0 keeps the score order) show every kind\n");
        md.Append("of published signal: where an indicator fired for a published provider but for none of those places, the provider\n");
        md.Append("with the highest risicoscore among those it fired for takes one of the last places of the window, the providers it\n");
        md.Append("displaces move down one place each, and nothing above them moves. Its explanation says so, with the place its\n");
        md.Append("risicoscore gives it. The weights are estimates from one run: a scheme that leaves one common trace (billing the\n");
        md.Append("maximum) would otherwise queue behind every case with two traces, out of sight of a reviewer working from the top.\n\n");
        md.Append("## Model features\n\n");
        md.Append("The anomaly model (docs/detectie.md) sees only these features, derived from the same facts. None is a protected\n");
        md.Append("attribute or a proxy of one (a test checks names and sources against `Fairness/ForbiddenAttributes`): no age,\n");
        md.Append("gender, nationality, country of birth, language or neighbourhood; addresses only as 'same building / same row as\n");
        md.Append("the provider or its other clients', never as a place.\n\n");
        var market = string.Join(", ", ProviderFeatures.All.Where(f => f.TegenMarkt).Select(f => $"`{f.Code}`"));
        md.Append("Each feature enters the model as a robust z within the provider's peer group (the groups above: (value − group\n");
        md.Append("median) / group spread), so that a habit of a kind of provider is not unusual in itself. A feature that already\n");
        md.Append($"compares with a reference no group of providers can move ({market}: the rate against the median of all agreements\n");
        md.Append("of the same type and category) is a robust z over the whole run instead: normalised once more within its group, a\n");
        md.Append("group in which most providers charge high rates would make a high rate look usual.\n\n");
        md.Append("A share (of clients, of client-months) counted over few clients or months is a noisy estimate: for such a\n");
        md.Append("feature the spread in the z also holds the share's binomial variance at the provider's own count, `√(spread² +\n");
        md.Append("p̄(1 − p̄)/n)` with `p̄` the group's mean share (the over-dispersed funnel plot of provider profiling), so that one\n");
        md.Append("client of one in the provider's building is not taken for more unusual than 20 of 40.\n\n");
        md.Append("The anomaly model sees only how far a provider lies **above** its peers: a robust z below 0 counts as 0. Every\n");
        md.Append("feature is oriented so that more is more suspicious; a provider that bills less, charges less or houses fewer\n");
        md.Append("clients together than its peers is unusual, but there is nothing in it to review, and it should not push a\n");
        md.Append("provider that bills a little too much further down the list. The learned model (docs/leren.md) sees both sides.\n\n");
        md.Append("| kenmerk | omschrijving | bronnen |\n|---|---|---|\n");
        foreach (var f in ProviderFeatures.All)
            md.Append($"| `{f.Code}` | {f.Omschrijving} | {string.Join(", ", f.Bronnen.Select(b => $"`{b}`"))} |\n");
        return md.ToString();
    }

    private static string Default(IndicatorThresholds t, string property) =>
        typeof(IndicatorThresholds).GetProperty(property)?.GetValue(t) is { } v ? Num(Convert.ToDouble(v, CultureInfo.InvariantCulture)) : "?";

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
