using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.Functions;

/// <summary>
/// Runs the store's <see cref="Recovery"/> once when the worker starts, as the CLI does before every verb: an ingest
/// or run that a recycled or crashed instance left half done is completed or rolled back before new work arrives.
/// On Azure there are no owner locks, so only operations older than <see cref="Recovery.StaleAfter"/> are touched
/// and a run still going on another instance is left alone. It runs in the background: a store that cannot be
/// reached is logged, and the worker still starts (the functions then report the storage error themselves).
/// </summary>
public sealed class StoreRecoveryAtStart(Store store, TimeProvider clock, ILogger<StoreRecoveryAtStart> log) : BackgroundService
{
    /// <summary>The recovery's report once it has run; null when it failed (and was logged).</summary>
    public Task<RecoveryReport?> Completed => _completed.Task;

    private readonly TaskCompletionSource<RecoveryReport?> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var report = await new Recovery(store, clock).RunAsync(stoppingToken);
            foreach (var action in report.Actions) log.LogWarning("Store recovery: {Action}", action);
            if (!report.DidSomething) log.LogInformation("Store recovery: the store was in order.");
            _completed.TrySetResult(report);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Store recovery failed; unfinished operations stay as they are until the next start.");
            _completed.TrySetResult(null);
        }
        catch (OperationCanceledException)
        {
            _completed.TrySetCanceled(stoppingToken);
        }
    }
}
