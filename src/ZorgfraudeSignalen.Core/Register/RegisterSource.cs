using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;

namespace ZorgfraudeSignalen.Core.Register;

/// <summary>An indicator as the run configuration uses it: its catalogue entry and the thresholds in force.</summary>
public sealed record RegisterIndicator(string Code, string Naam, string Definitie, IReadOnlyDictionary<string, string> Drempels);

/// <summary>
/// What the algorithm register entry is generated from: the system's actual configuration, never hand-written text
/// about it. Built from the run configuration and the indicator catalogue (<see cref="AlgorithmRegisterEntry.Generate"/>).
/// </summary>
/// <param name="CodeVersion">The informational version of the code, with its commit.</param>
/// <param name="Indicators">The indicators the run configuration enables, in the order they are evaluated.</param>
/// <param name="ModelFeatures">The anomaly model's input features.</param>
/// <param name="ModelDescription">The anomaly model in one sentence (method and its parameters).</param>
/// <param name="Parameters">Every other setting that shapes the list: publication threshold, weights, seed.</param>
/// <param name="DataSources">The extract types the run reads.</param>
/// <param name="Fairness">The fairness check's thresholds.</param>
/// <param name="EvidenceRetention">How long client-level evidence of a signal closed as geen_aanwijzing is kept.</param>
/// <param name="Leren">How the run learns from assessments (docs/leren.md); null = not described.</param>
public sealed record RegisterSource(
    string CodeVersion,
    IReadOnlyList<RegisterIndicator> Indicators,
    IReadOnlyList<string> ModelFeatures,
    string ModelDescription,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ExtractType> DataSources,
    FairnessSettings Fairness,
    TimeSpan EvidenceRetention,
    Learning.LearningSettings? Leren = null);

/// <summary>
/// The organisation's part of the entry: what the system cannot know about itself. The defaults are a proposal
/// for the municipality's legal counsel and privacy officer to confirm or replace.
/// </summary>
public sealed record RegisterOrganisation(
    string Organisatie = "Gemeente (in te vullen)",
    string Afdeling = "Wmo, team kwaliteit en rechtmatigheid",
    string Contact = "(in te vullen: contactadres voor vragen over dit algoritme)",
    IReadOnlyList<string>? WettelijkeGrondslag = null,
    string Status = "in ontwikkeling",
    string? Dpia = "(in te vullen: datum en vindplaats van de DPIA)",
    string? Iama = "(in te vullen: datum en vindplaats van de IAMA)")
{
    public static readonly IReadOnlyList<string> DefaultGrondslag =
    [
        "Wet maatschappelijke ondersteuning 2015, art. 2.1.3 (verordening, waaronder regels ter voorkoming en bestrijding van misbruik en oneigenlijk gebruik)",
        "Wet maatschappelijke ondersteuning 2015, art. 2.6.4 (toezicht op de kwaliteit en rechtmatigheid van voorzieningen)",
        "Wet maatschappelijke ondersteuning 2015, art. 5.1.1 (verwerking van persoonsgegevens door het college)",
        "AVG art. 6 lid 1 sub e (taak van algemeen belang)",
    ];
}

public static class RegisterSources
{
    /// <summary>
    /// The register's source from a run configuration: every indicator of the catalogue that the engine evaluates,
    /// with the values its thresholds have in <paramref name="config"/>, the model's features, and the parameters.
    /// </summary>
    public static RegisterSource From(Run.RiskConfiguration config, FairnessSettings fairness, TimeSpan evidenceRetention, string? codeVersion = null)
    {
        var thresholds = typeof(Indicators.IndicatorThresholds);
        string Value(string name) => Convert.ToString(thresholds.GetProperty(name)!.GetValue(config.Drempels), System.Globalization.CultureInfo.InvariantCulture)!;
        var indicators = Indicators.IndicatorCatalogue.All
            .Select(i => new RegisterIndicator(i.Code, i.Naam, i.Definitie,
                new SortedDictionary<string, string>(i.Drempels.ToDictionary(d => d, Value), StringComparer.Ordinal)))
            .ToList();
        var rank = config.Rank is { } fixedRank ? $"{fixedRank} hoofdcomponenten" : $"de rang die {Math.Round(Model.PcaAnomalyDetector.DefaultVarianceShare * 100)} % van de variantie verklaart";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return new RegisterSource(
            codeVersion ?? Audit.CodeVersion.Current,
            indicators,
            Indicators.ProviderFeatures.All.Select(f => f.Code).ToList(),
            $"grootste van drie gestandaardiseerde anomaliescores (Microsoft.ML RandomizedPca met {rank}, ECOD en isolation forest, seed {config.Seed}) over robuust geschaalde kenmerken per aanbieder; " +
            $"alleen getraind bij ten minste {config.MinimumAanbiedersVoorModel} aanbieders.",
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["publicatiedrempel"] = config.PublicatieDrempel.ToString(invariant),
                ["beoordelingsvenster"] = config.Beoordelingsvenster.ToString(invariant),
                ["gewicht_anomalie"] = config.GewichtAnomalie.ToString(invariant),
                ["risicoscore_halverwege_kans"] = config.RisicoscoreHalverwegeKans.ToString(invariant),
                ["vergelijkingsgroep_minimum"] = config.Drempels.MinimumGroep.ToString(invariant),
                ["robuuste_z"] = config.Drempels.RobuusteZ.ToString(invariant),
                ["seed"] = config.Seed.ToString(invariant),
                ["rang_model"] = rank.ToString(invariant),
                ["minimum_aanbieders_voor_model"] = config.MinimumAanbiedersVoorModel.ToString(invariant),
                ["peildatum"] = config.Peildatum?.ToString("yyyy-MM-dd", invariant) ?? "laatste periode_eind in de declaraties",
            },
            ExtractTypes.All,
            fairness,
            evidenceRetention,
            config.Leren);
    }
}
