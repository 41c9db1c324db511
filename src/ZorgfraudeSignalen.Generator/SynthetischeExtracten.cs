using ZorgfraudeSignalen.Core.Extracts;

namespace ZorgfraudeSignalen.Generator;

/// <summary>What <see cref="SynthetischeExtracten.Genereer"/> wrote.</summary>
public sealed record GeneratieResultaat(
    GeneratorOptions Opties,
    IReadOnlyDictionary<ExtractType, (string Pad, long Regels)> Bestanden,
    string WaarheidPad,
    IReadOnlyList<(string AanbiederId, Patroon Patronen)> Waarheid,
    Wereldprofiel Wereld);

/// <summary>
/// Realistic synthetic extracts with planted fraud patterns and benign look-alikes, plus their ground truth.
/// Deterministic: the same options give byte-identical files. docs/generator.md describes the model.
/// </summary>
public static class SynthetischeExtracten
{
    public static GeneratieResultaat Genereer(GeneratorOptions opties, string uitvoerMap)
    {
        var populatie = Populatie.Bouw(opties);
        var schrijver = new ExtractSchrijver(populatie, uitvoerMap);
        schrijver.SchrijfAlles();
        var waarheid = populatie.Aanbieders.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => (a.Id, a.Patronen)).ToList();
        return new GeneratieResultaat(opties, schrijver.Bestanden, Path.Combine(uitvoerMap, "truth.csv"), waarheid, populatie.W);
    }
}
