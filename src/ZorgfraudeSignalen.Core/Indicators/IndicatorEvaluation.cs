using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Indicators;

/// <summary>How often an indicator applied and fired in a run, in all and per peer group (recorded with the run).</summary>
/// <param name="Gewicht">−ln of the share that fired: what firing adds to a provider's risicoscore in this run.</param>
public sealed record IndicatorPrevalence(string Code, int Toepasbaar, int Afgegaan, double Gewicht, IReadOnlyList<GroupPrevalence> Groepen);

/// <param name="Grens">The peer group's limit: median + <see cref="IndicatorThresholds.RobuusteZ"/> × spread (on the log scale
/// for factors); for a share, the limit of a provider with many clients or months (with few, its own limit lies further
/// out); null for an indicator not held against its group.</param>
public sealed record GroupPrevalence(string Groep, int Toepasbaar, int Afgegaan, double Mediaan, double? Grens);

/// <summary>
/// Evaluates the catalogue for all providers of a run at once, because each provider is held against its peers:
/// <list type="number">
/// <item>Each indicator measures a value per provider, or nothing where it does not apply.</item>
/// <item>It fires when the value reaches the indicator's minimum and — for indicators compared with peers — lies above the
/// peer group's limit, median + z × robust spread: a threshold is a statement about rarity among comparable providers,
/// not a constant that fits one data set. For a share of counted clients or months the spread also holds the share's
/// binomial variance at the provider's own count.</item>
/// <item>Its weight is its surprise, −ln p, with p the share of the run's providers for whom it fired: a habit common
/// among honest providers carries little weight, a rare specific pattern much.</item>
/// </list>
/// </summary>
public sealed class IndicatorEvaluation
{
    /// <summary>Per provider (in the order given), the findings in catalogue order.</summary>
    public required IReadOnlyList<IReadOnlyList<IndicatorFinding>> PerAanbieder { get; init; }
    public required IReadOnlyList<IndicatorPrevalence> Prevalentie { get; init; }

    public static IndicatorEvaluation Evaluate(IReadOnlyList<ProviderFacts> facts, IndicatorThresholds t)
    {
        var catalogue = IndicatorCatalogue.All;
        var findings = facts.Select(_ => new IndicatorFinding[catalogue.Count]).ToArray();
        var prevalence = new List<IndicatorPrevalence>(catalogue.Count);
        for (var k = 0; k < catalogue.Count; k++)
        {
            var d = catalogue[k];
            var measured = facts.Select(f => d.Meet(f, t)).ToArray();
            var applies = measured.Select(m => m is not null).ToArray();
            var groups = PeerGroups.Resolve(facts, applies, t.MinimumGroep);
            var members = PeerGroups.Members(facts, applies, groups);

            // The usual value and the limit per group; factors compare on the log scale (rates spread multiplicatively).
            double Scale(double v) => d.Eenheid == Eenheid.Factor ? Math.Log(Math.Max(v, 1e-9)) : v;
            double Unscale(double v) => d.Eenheid == Eenheid.Factor ? Math.Exp(v) : v;
            var limits = members.ToDictionary(g => g.Key, g =>
            {
                var values = g.Value.Select(i => Scale(measured[i]!.Value.Waarde)).ToList();
                var (median, spread) = PeerGroups.Spread(values);
                return (Median: Unscale(median), Limit: Unscale(median + t.RobuusteZ * spread), Spread: spread, Mean: values.Average());
            }, StringComparer.Ordinal);
            // Each provider's own limit: for a share over few clients or months it lies further out (PeerGroups.ShareSpread).
            var ownLimit = new double[facts.Count];
            for (var i = 0; i < facts.Count; i++)
            {
                if (groups[i] is not { } g) continue;
                var l = limits[g];
                ownLimit[i] = measured[i] is { Aantal: { } n } && d.Eenheid == Eenheid.Aandeel
                    ? l.Median + t.RobuusteZ * PeerGroups.ShareSpread(l.Spread, l.Mean, n)
                    : l.Limit;
            }

            var minimum = d.Minimum(t);
            var fired = new bool[facts.Count];
            for (var i = 0; i < facts.Count; i++)
                fired[i] = measured[i] is { } m && m.Materieel && m.Waarde >= minimum
                           && (!d.TegenGroep || groups[i] is null || m.Waarde > ownLimit[i]);

            // Rarity: the share of the run's providers (for whom the indicator applies) that fired, counted as if a
            // group's worth of providers had been seen of whom one fired, so that a small run claims no great rarity.
            // The run's share, not the peer group's: a scheme concentrated in one kind of provider stays rare in the
            // run, while a habit common to a kind (and to honest ones) is already held back by the group's limit.
            int applicable = applies.Count(a => a), firedAll = fired.Count(x => x);
            var weight = -Math.Log((firedAll + 1.0) / (applicable + t.MinimumGroep));

            for (var i = 0; i < facts.Count; i++)
            {
                var m = measured[i];
                var g = groups[i];
                var threshold = d.TegenGroep && g is not null ? Math.Max(minimum, ownLimit[i]) : minimum;
                findings[i][k] = new IndicatorFinding(d.Code, d.Naam, fired[i], Round(m?.Waarde ?? 0), Round(threshold), d.Feiten(facts[i], t),
                    g is null ? 0 : Round(limits[g].Median), g, g is null ? 0 : members[g].Count, fired[i] ? Round(weight) : 0, d.Eenheid, minimum);
            }
            prevalence.Add(new IndicatorPrevalence(d.Code, applicable, firedAll, Round(weight), members
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new GroupPrevalence(g.Key, g.Value.Count, g.Value.Count(i => fired[i]), Round(limits[g.Key].Median),
                    d.TegenGroep ? Round(limits[g.Key].Limit) : null))
                .ToList()));
        }
        return new IndicatorEvaluation { PerAanbieder = findings, Prevalentie = prevalence };
    }

    private static double Round(double v) => Math.Round(v, 6, MidpointRounding.AwayFromZero);
}
