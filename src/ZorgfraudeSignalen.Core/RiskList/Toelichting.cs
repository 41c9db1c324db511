using ZorgfraudeSignalen.Core.Indicators;

namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// The plain-Dutch explanation of a signal: the facts of every indicator that fired (heaviest first), then the
/// features on which the anomaly model finds the provider unusual, with the provider's value and the usual value.
/// Facts with numbers, no judgement: a signal is a reason to look, not a verdict.
/// </summary>
public static class Toelichting
{
    public static string Build(ProviderFacts facts, IReadOnlyList<IndicatorFinding> findings, IReadOnlyList<FeatureDeviation> deviations, IndicatorThresholds t)
    {
        var parts = new List<string>();
        var fired = findings.Where(f => f.Afgegaan)
            .OrderByDescending(f => IndicatorCatalogue.Get(f.Code).Gewicht).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        foreach (var finding in fired)
        {
            if (finding.Code == "COLOC_PAND")
            {
                var sentence = $"{facts.InPand} van de {facts.Clienten} cliënten van deze aanbieder wonen in het pand van de vestiging ({facts.VestigingLabel})";
                if (facts.VerhuisdKortInPand > 0)
                    sentence += $"; {facts.VerhuisdKortInPand} van hen verhuisden daarheen minder dan {t.DagenVoorStart} dagen voor de start van de zorg";
                parts.Add(sentence + ".");
            }
            else parts.Add(finding.Feiten);
        }
        if (fired.Count == 0) parts.Add("Geen van de indicatoren is afgegaan.");

        var unusual = deviations.Where(d => d.Aandeel >= 0.15).Take(3).ToList();
        if (unusual.Count > 0)
            parts.Add("Het model vindt deze aanbieder ongewoon vooral door: "
                      + string.Join("; ", unusual.Select(d => $"{d.Omschrijving} {Waarde(d.Kenmerk, d.Waarde)} (gebruikelijk {Waarde(d.Kenmerk, d.Typisch)})"))
                      + ".");
        return string.Join(" ", parts);
    }

    /// <summary>Feature values as a reader expects them: shares as percentages, logged counts back as counts.</summary>
    public static string Waarde(string kenmerk, double value) => kenmerk switch
    {
        _ when kenmerk.StartsWith("aandeel_", StringComparison.Ordinal) || kenmerk == "concentratie_panden" => Nl.Procent(value),
        "pgb_tarief_factor" => Nl.Getal(value, 2) + " ×",
        "jonge_inschrijving" => value >= 0.5 ? "ja" : "nee",
        "verbonden_aanbieders" or "budgethouders_per_zorgverlener" => Nl.Getal(Math.Exp(value) - 1, 0),
        "bedrag_per_client" => Nl.Euro((decimal)Math.Round(Math.Exp(value) - 1, 2)),
        _ => Nl.Getal(value, 2),
    };
}
