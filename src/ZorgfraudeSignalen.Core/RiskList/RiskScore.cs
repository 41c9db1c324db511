using ZorgfraudeSignalen.Core.Indicators;

namespace ZorgfraudeSignalen.Core.RiskList;

/// <summary>
/// The combined risicoscore, 0..100:
/// <c>100 × (wI × I + wA × A)</c>, where I = 1 − Π(1 − gᵢ) over the indicators that fired (gᵢ = the indicator's
/// weight in the catalogue; a 'noisy or': each extra indicator adds, none alone reaches 1) and A = the anomaly
/// score normalised to 0..1 within the run. Defaults wI = 0.7, wA = 0.3: the transparent rules lead, the model
/// adds weight to providers that are unusual in ways the rules do not capture and orders within equal rule sets.
/// </summary>
public static class RiskScore
{
    public static double IndicatorPart(IEnumerable<string> firedCodes)
    {
        var none = 1.0;
        foreach (var code in firedCodes) none *= 1 - IndicatorCatalogue.Get(code).Gewicht;
        return 1 - none;
    }

    public static double Combine(double indicatorPart, double anomaly, double weightIndicators, double weightAnomaly) =>
        Math.Round(100 * Math.Clamp(weightIndicators * indicatorPart + weightAnomaly * anomaly, 0, 1), 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Raw model scores to 0..1 within a run: min-max over log(1 + score), so that one extreme provider does not
    /// squash every other score to nearly zero. Higher = more unusual.
    /// </summary>
    public static double[] Normalise(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0) return [];
        var logs = scores.Select(s => Math.Log(1 + Math.Max(0, s))).ToArray();
        var min = logs.Min();
        var max = logs.Max();
        return logs.Select(l => max - min < 1e-12 ? 0 : Math.Round((l - min) / (max - min), 6, MidpointRounding.AwayFromZero)).ToArray();
    }
}
