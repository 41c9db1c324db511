using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>
/// The plain-Dutch explanation of a signal: the facts of every indicator that fired (the rarest among comparable
/// providers first), each with what is usual in the peer group, then the features on which the anomaly model finds the
/// provider unusual, with the provider's value and the usual value. Facts with numbers, no judgement: a signal is a
/// reason to look, not a verdict.
/// </summary>
public static class Toelichting
{
    public static string Build(ProviderFacts facts, IReadOnlyList<IndicatorFinding> findings, IReadOnlyList<FeatureDeviation> deviations, IndicatorThresholds t)
    {
        var parts = new List<string>();
        var fired = findings.Where(f => f.Afgegaan)
            .OrderByDescending(f => f.Gewicht).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        foreach (var finding in fired)
            parts.Add(finding.Groep is { } groep
                ? $"{finding.Feiten.TrimEnd('.')} (bij vergelijkbare aanbieders, {Groep(groep)}, gewoonlijk {Waarde(finding.Eenheid, finding.Referentie)})."
                : finding.Feiten);
        if (fired.Count == 0) parts.Add("Geen indicator valt buiten wat bij vergelijkbare aanbieders gewoon is.");

        // Every deviation lies at least one spread above the peers (RiskEngine.Deviations); the three largest parts are named.
        var unusual = deviations.Take(3).ToList();
        if (unusual.Count > 0)
            parts.Add("Het model vindt deze aanbieder ongewoon vooral door: "
                      + string.Join("; ", unusual.Select(d => $"{d.Omschrijving} {Waarde(d.Kenmerk, d.Waarde)} (gebruikelijk {Waarde(d.Kenmerk, d.Typisch)})"))
                      + ".");
        return string.Join(" ", parts);
    }

    /// <summary>
    /// Why a provider stands higher in the list than its risicoscore puts it (<see cref="ReviewOrder"/>): it has the
    /// highest score of those for whom <paramref name="code"/> fired, and the first places show every kind of signal.
    /// </summary>
    public static string Beoordelingsvolgorde(string code, int placeByScore, int window) =>
        $"Naar risicoscore zou deze aanbieder op plaats {placeByScore} staan; hij staat bij de eerste {window}, omdat hij van de aanbieders " +
        $"bij wie {code} ({IndicatorCatalogue.All.First(d => d.Code == code).Naam.ToLowerInvariant()}) afging de hoogste score heeft: " +
        $"de eerste {window} van de lijst tonen elk soort gepubliceerd signaal.";

    /// <summary>A peer group's key in words: <c>PGB/02/opdracht</c> → "pgb, categorie 02, opdracht".</summary>
    public static string Groep(string key)
    {
        if (key == PeerGroups.Alle) return "alle aanbieders";
        var parts = key.Split('/');
        var words = new List<string> { parts[0] switch { "ZIN" => "zorg in natura", "PGB" => "pgb", _ => parts[0] } };
        if (parts.Length == 3) words.Add($"categorie {parts[1]}");
        if (parts.Length >= 2) words.Add(parts[^1]);
        return string.Join(", ", words);
    }

    /// <summary>An indicator's value as a reader expects it.</summary>
    public static string Waarde(Eenheid eenheid, double value) => eenheid switch
    {
        Eenheid.Aandeel => Nl.Procent(value),
        Eenheid.Factor => Nl.Getal(value, 2) + " × de mediaan",
        Eenheid.Uren => Nl.Getal(value) + " uur per week",
        _ => Nl.Getal(value, 0),
    };

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
