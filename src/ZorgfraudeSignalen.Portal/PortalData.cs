using System.Collections.Concurrent;
using ZorgfraudeSignalen.Core.Review;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Portal;

/// <summary>A published run's list as the portal needs it, loaded once: a published list never changes.</summary>
/// <param name="Basis">How many providers the run scored and published, as every signal's page says it (null for an empty list).</param>
public sealed record RunLijst(PublishedRun Run, IReadOnlyList<Signal> Signalen, IReadOnlyDictionary<string, Signal> OpId, IReadOnlyList<string> Indicatoren,
    IReadOnlyList<string> Clusters, BaseRate? Basis);

/// <summary>
/// Reads for the portal. Published lists and facts hashes are cached in memory because a published run is written
/// once; assessments are read from the store on every request, because another reviewer (or another instance of the
/// function app) may have changed them a moment ago.
/// </summary>
public sealed class PortalData(Store store, AssessmentRepository beoordelingen, TimeProvider clock)
{
    private readonly RiskListStore _risicolijsten = new(store);
    private readonly ConcurrentDictionary<string, Task<RunLijst>> _lijsten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Run, string Aanbieder), Task<string?>> _feitenHashes = new();

    public AssessmentRepository Beoordelingen => beoordelingen;
    public DateOnly Vandaag => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Published runs, newest first.</summary>
    public async Task<IReadOnlyList<PublishedRun>> RunsAsync(CancellationToken ct = default)
    {
        var runs = new List<PublishedRun>();
        await foreach (var run in _risicolijsten.PublishedRunsAsync(ct)) runs.Add(run);
        runs.Sort((a, b) => string.CompareOrdinal(b.RunId, a.RunId));
        return runs;
    }

    public async Task<RunLijst?> LijstAsync(string runId, CancellationToken ct = default)
    {
        if (_lijsten.TryGetValue(runId, out var cached)) return await cached;
        var run = (await RunsAsync(ct)).FirstOrDefault(r => r.RunId == runId);
        if (run is null) return null; // not (yet) published: never cache a list that may still be written
        return await _lijsten.GetOrAdd(runId, _ => LaadAsync(run));
    }

    private async Task<RunLijst> LaadAsync(PublishedRun run)
    {
        var signalen = await _risicolijsten.SignalsAsync(run.RunId);
        var opId = signalen.ToDictionary(s => s.AanbiederId, StringComparer.Ordinal);
        var indicatoren = signalen.SelectMany(s => s.Signalen).Distinct().Order(StringComparer.Ordinal).ToList();
        var clusters = signalen.Select(s => s.ClusterId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        // The run scored more providers than it stored signals for: the base rate on any signal says how many.
        var basis = signalen.Count == 0 ? null : (await _risicolijsten.DetailAsync(run.RunId, signalen[0].AanbiederId))?.Basisfrequentie;
        return new RunLijst(run, signalen, opId, indicatoren, clusters, basis);
    }

    public Task<SignalDetail?> DetailAsync(string runId, string aanbiederId, CancellationToken ct = default) =>
        _risicolijsten.DetailAsync(runId, aanbiederId, ct);

    /// <summary>Every signal of a run with its current review state and its relation to earlier runs.</summary>
    public async Task<IReadOnlyList<SignaalRegel>> RegelsAsync(RunLijst lijst, CancellationToken ct = default)
    {
        var runId = lijst.Run.RunId;
        var beoordeeld = await beoordelingen.VanRunAsync(runId, ct);
        var historie = await beoordelingen.HistorieAsync(ct);
        var vandaag = Vandaag;
        var regels = new List<SignaalRegel>(lijst.Signalen.Count);
        foreach (var signal in lijst.Signalen)
        {
            historie.TryGetValue(signal.AanbiederId, out var eerder);
            // Only a provider assessed in an earlier run needs its facts hash: that is what tells a re-flag on unchanged facts.
            var hash = eerder is not null && eerder.Any(h => string.CompareOrdinal(h.RunId, runId) < 0)
                ? await FeitenHashAsync(runId, signal.AanbiederId)
                : null;
            beoordeeld.TryGetValue(signal.AanbiederId, out var b);
            regels.Add(RisicolijstOverzicht.Regel(signal, b, eerder, hash, vandaag));
        }
        return regels;
    }

    public async Task<SignaalRegel> RegelAsync(Signal signal, string feitenHash, CancellationToken ct = default)
    {
        var (b, _) = await beoordelingen.GetAsync(signal.RunId, signal.AanbiederId, ct);
        var historie = await beoordelingen.HistorieAsync(ct);
        historie.TryGetValue(signal.AanbiederId, out var eerder);
        return RisicolijstOverzicht.Regel(signal, b, eerder, feitenHash, Vandaag);
    }

    private Task<string?> FeitenHashAsync(string runId, string aanbiederId) =>
        _feitenHashes.GetOrAdd((runId, aanbiederId), async key => (await _risicolijsten.DetailAsync(key.Run, key.Aanbieder))?.FeitenHash);
}
