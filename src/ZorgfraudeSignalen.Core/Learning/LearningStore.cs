using System.Text.Json;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Learning;

/// <summary>
/// The learning's blobs next to a run's output: <c>runs/{runId}/leren/publicatie.json</c> (what the run put on the
/// list, with the features) and <c>runs/{runId}/leren/geheugen.json</c> (the assessments the run learned from,
/// hashed in the model-run record, read back by <c>verify</c>).
/// </summary>
public static class LearningStore
{
    public static string PublicationBlob(string runId) => $"{runId}/leren/publicatie.json";
    public static string MemoryBlob(string runId) => $"{runId}/leren/geheugen.json";

    /// <summary>The memory as the store holds it now: every published run's publication and its assessments.</summary>
    public static async Task<AssessmentMemory> CurrentMemoryAsync(Store store, CancellationToken ct = default)
    {
        var publications = new List<Publication>();
        var assessments = new Dictionary<string, IReadOnlyList<Beoordeling>>(StringComparer.Ordinal);
        var repository = new AssessmentRepository(store, new Audit.AuditLog(store.Tables));
        await foreach (var run in new RiskListStore(store).PublishedRunsAsync(ct))
        {
            if (await ReadPublicationAsync(store, run.RunId, ct) is not { } publication) continue;
            var ofRun = await repository.VanRunAsync(run.RunId, ct);
            if (ofRun.Count == 0) continue;
            publications.Add(publication);
            assessments[run.RunId] = ofRun.Values.ToList();
        }
        return MemoryBuilder.Build(publications, assessments);
    }

    public static async Task<Publication?> ReadPublicationAsync(Store store, string runId, CancellationToken ct = default)
    {
        try
        {
            return JsonSerializer.Deserialize<Publication>(await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, PublicationBlob(runId), ct), AssessmentMemory.Json);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The memory a run recorded; throws when it is missing or does not hash to the recorded value.</summary>
    public static async Task<AssessmentMemory> RecordedMemoryAsync(Store store, string runId, string sha256, CancellationToken ct = default)
    {
        var json = await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, MemoryBlob(runId), ct);
        var actual = ContentHash.Sha256(json);
        if (actual != sha256)
            throw new InvalidDataException($"the recorded assessments of run {runId} hash to {actual}, the run recorded {sha256}");
        return AssessmentMemory.FromJson(json);
    }

    /// <summary>Writes what a run learned from and what it published; nothing when learning is off.</summary>
    public static async Task WriteAsync(Store store, string runId, AssessmentMemory memory, LearningOutcome? outcome, CancellationToken ct = default)
    {
        if (outcome?.Publicatie is not { } publication) return;
        if (outcome.Samenvatting.GeheugenSha256 is not null)
            await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, MemoryBlob(runId), memory.ToJson(), ct);
        await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, PublicationBlob(runId), JsonSerializer.Serialize(publication, AssessmentMemory.Json), ct);
    }
}
