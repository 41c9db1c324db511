using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Generator;

/// <summary>
/// Sample signals as the real risk run makes them: generated extracts, ingested into the store, one or more risk runs
/// published on them. For <c>serve --voorbeelddata</c>, the portal's tests and <c>bench portal</c>, so that the portal is
/// always shown and tested with what the run really produces (its indicator codes, facts, thresholds and texts).
/// </summary>
public static class Voorbeeldrun
{
    /// <summary>Generates, ingests and publishes one risk run per id in <paramref name="runIds"/> (same snapshots, so same facts).</summary>
    public static async Task<IReadOnlyList<RiskRunOutcome>> PubliceerAsync(Store store, GeneratorOptions opties, IReadOnlyList<string> runIds,
        double publicatieDrempel, CancellationToken ct = default)
    {
        var map = Directory.CreateTempSubdirectory("zfs-voorbeeld-").FullName;
        try
        {
            // The ground truth lies beside the extracts; it is not one, and the run must not see it.
            File.Delete(SynthetischeExtracten.Genereer(opties, map).WaarheidPad);
            var ingest = await new Ingestor(store).IngestFolderAsync(map, ct: ct);
            if (ingest.FirstOrDefault(r => r.Status is IngestStatus.Quarantined or IngestStatus.Rejected) is { } fout)
                throw new InvalidOperationException($"Voorbeeldextract niet geaccepteerd ({fout.Status}): {fout.SourceName}.");
        }
        finally
        {
            try { Directory.Delete(map, recursive: true); } catch (IOException) { }
        }
        var loaded = await SnapshotLoader.LoadInForceAsync(store, ct);
        var snapshots = InputSnapshot.From(loaded);
        var uitkomsten = new List<RiskRunOutcome>();
        foreach (var runId in runIds)
            uitkomsten.Add(await new RiskRunner(store).RunAsync(loaded.Inputs, snapshots,
                new RiskRunRequest("voorbeeld", runId, new RiskConfiguration { PublicatieDrempel = publicatieDrempel }), ct: ct));
        return uitkomsten;
    }
}
