using System.Diagnostics;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Generator;

namespace ZorgfraudeSignalen.App.Cli;

/// <summary>
/// The risk run measured against a generator's ground truth, through the whole pipeline: generate extracts →
/// ingest into a fresh local store → load the snapshots in force → risk run → rank quality against truth.csv.
/// </summary>
public static class RiskEvaluation
{
    public sealed record Outcome(int Seed, RankingQuality Quality, RiskResult Result, IReadOnlyList<TruthRow> Truth, TimeSpan Elapsed);

    public static async Task<Outcome> RunAsync(int seed, int providers, int clients, RiskConfiguration? configuration = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("zfs-eval-").FullName;
        try
        {
            var generated = SynthetischeExtracten.Genereer(new GeneratorOptions { Seed = seed, Aanbieders = providers, Clienten = clients }, work);
            var store = LocalStore.Open(Path.Combine(work, "store"));
            await new Ingestor(store).IngestFolderAsync(Path.Combine(work, "extracts"), ct: ct);
            var loaded = await SnapshotLoader.LoadInForceAsync(store, ct);
            var result = RiskEngine.Compute(loaded.Inputs, configuration ?? new RiskConfiguration { RunId = $"eval-{seed}" });
            var truth = generated.Waarheid.Select(w => new TruthRow(
                w.AanbiederId,
                Patronen.IsFraude(w.Patronen),
                (w.Patronen & Patronen.LookAlike) != 0,
                Patronen.Codes.Where(c => w.Patronen.HasFlag(c.Patroon)).Select(c => c.Code).ToList())).ToList();
            var quality = RankingEvaluation.Evaluate(result.Signals.Select(s => s.AanbiederId).ToList(), truth);
            return new Outcome(seed, quality, result, truth, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
