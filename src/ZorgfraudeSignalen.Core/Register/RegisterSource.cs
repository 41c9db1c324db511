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
public sealed record RegisterSource(
    string CodeVersion,
    IReadOnlyList<RegisterIndicator> Indicators,
    IReadOnlyList<string> ModelFeatures,
    string ModelDescription,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ExtractType> DataSources,
    FairnessSettings Fairness,
    TimeSpan EvidenceRetention);

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
