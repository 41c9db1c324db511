using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Retention;

/// <summary>The signals whose current assessment is <c>geen_aanwijzing</c>, with the time of the step that closed them.</summary>
public static class ClosedSignals
{
    public static async Task<IReadOnlyList<ClosedSignal>> GeenAanwijzingAsync(Store store, CancellationToken ct = default)
    {
        var assessments = new AssessmentRepository(store, new AuditLog(store.Tables));
        var closed = new List<ClosedSignal>();
        await foreach (var run in new RiskListStore(store).PublishedRunsAsync(ct))
            foreach (var (aanbiederId, beoordeling) in await assessments.VanRunAsync(run.RunId, ct))
                if (beoordeling.Status == ReviewStatus.GeenAanwijzing && beoordeling.LaatsteStap is { } stap)
                    closed.Add(new ClosedSignal(run.RunId, aanbiederId, stap.Op));
        return closed;
    }
}
