using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Tests.Shared;

/// <summary>
/// A run's inputs from the generator through the real path: extracts written, ingested into a local store, the
/// snapshots in force read back as records (declarations held in memory, so the temporary folder can go). The
/// reference world, whose planted strengths docs/generator.md states.
/// </summary>
public sealed record GeneratedInputs(RunInputs Inputs, IReadOnlyList<(string AanbiederId, Patroon Patronen)> Truth)
{
    public static GeneratedInputs Create(int providers, int clients, int seed, int months = 12)
    {
        var root = Directory.CreateTempSubdirectory("zfs-generated-").FullName;
        try
        {
            var generated = SynthetischeExtracten.Genereer(new GeneratorOptions
            {
                Seed = seed, Aanbieders = providers, Clienten = clients, Maanden = months, Wereld = Wereldprofiel.Referentie,
            }, root);
            var store = LocalStore.Open(Path.Combine(root, "store"));
            new Ingestor(store).IngestFolderAsync(Path.Combine(root, "extracts")).GetAwaiter().GetResult();
            var loaded = SnapshotLoader.LoadInForceAsync(store).GetAwaiter().GetResult();
            var records = loaded.ReadRecordsAsync().GetAwaiter().GetResult();
            var declaraties = records.Declaraties().ToList();
            return new GeneratedInputs(records with { Declaraties = () => declaraties }, generated.Waarheid);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The providers planted with a pattern (a fraud pattern or a look-alike).</summary>
    public IReadOnlyList<string> With(Patroon patroon) => Truth.Where(t => t.Patronen.HasFlag(patroon)).Select(t => t.AanbiederId).ToList();

    /// <summary>The providers with any fraud pattern.</summary>
    public IReadOnlyList<string> Fraud => Truth.Where(t => Patronen.IsFraude(t.Patronen)).Select(t => t.AanbiederId).ToList();
}
