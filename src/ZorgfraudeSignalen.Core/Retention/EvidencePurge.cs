using System.Text.Json;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Retention;

/// <summary>A signal whose final assessment was <c>geen_aanwijzing</c>, and when that assessment was made.</summary>
public sealed record ClosedSignal(string RunId, string AanbiederId, DateTimeOffset GeslotenOp);

/// <summary>What one purge did: per signal, how many client references and client buildings were removed.</summary>
public sealed record PurgeReport(IReadOnlyList<PurgedSignal> Purged, int NotYetDue, int AlreadyPurged, int Missing);

/// <param name="BewijsSha256">SHA-256 of the evidence blob as it was before the purge: proof of what was removed, without its content.</param>
public sealed record PurgedSignal(string RunId, string AanbiederId, int ClientVerwijzingen, int Panden, int ClusterPanden, string BewijsSha256);

/// <summary>
/// Removes client-level evidence of signals closed as <c>geen_aanwijzing</c> once the retention period after the
/// closing assessment has passed. What goes: the clients (pseudonyms, dates) per building, the buildings that are
/// not a provider's vestiging (their address points at where clients live), and the addresses of such buildings in
/// the cluster picture. What stays: the signal row, its indicators and their facts, the feature deviations, the
/// monthly amounts, the provider's own building, the facts hash, and the assessment. The audit log records each
/// removal with the hash of what was removed, never the content.
/// </summary>
public sealed class EvidencePurge(Store store, TimeProvider? clock = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<PurgeReport> PurgeAsync(IEnumerable<ClosedSignal> closed, RetentionSettings settings, string actor, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var audit = new AuditLog(store.Tables, _clock);
        var purged = new List<PurgedSignal>();
        int notYetDue = 0, already = 0, missing = 0;
        foreach (var signal in closed.OrderBy(c => c.RunId, StringComparer.Ordinal).ThenBy(c => c.AanbiederId, StringComparer.Ordinal))
        {
            if (signal.GeslotenOp + settings.GeenAanwijzing > now) { notYetDue++; continue; }
            var blob = RiskListStore.DetailBlob(signal.RunId, signal.AanbiederId);
            byte[] bytes;
            try { bytes = await store.Blobs.ReadBytesAsync(StoreNames.RunsContainer, blob, ct); }
            catch (BlobNotFoundException) { missing++; continue; }
            var detail = JsonSerializer.Deserialize<SignalDetail>(bytes, Json)!;
            if (detail.OpgeschoondOp is not null) { already++; continue; }

            var (redacted, result) = Redact(detail, now, ContentHash.Sha256(bytes));
            await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, blob, JsonSerializer.Serialize(redacted, Json), ct);
            await audit.AppendAsync(new AuditEvent(AuditActions.Opschoning, actor, $"{signal.RunId}/{signal.AanbiederId}", new Dictionary<string, string>
            {
                ["bewijs_sha256"] = result.BewijsSha256,
                ["client_verwijzingen"] = result.ClientVerwijzingen.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["panden"] = result.Panden.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["gesloten_op"] = signal.GeslotenOp.ToUniversalTime().ToString("O"),
                ["bewaartermijn_dagen"] = settings.GeenAanwijzing.TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }), ct);
            purged.Add(result with { RunId = signal.RunId, AanbiederId = signal.AanbiederId });
        }
        return new PurgeReport(purged, notYetDue, already, missing);
    }

    /// <summary>The detail without client-level evidence, and what was taken out.</summary>
    internal static (SignalDetail Redacted, PurgedSignal Removed) Redact(SignalDetail detail, DateTimeOffset at, string originalSha256)
    {
        var clientRefs = detail.Panden.Sum(p => p.Clienten.Count);
        var kept = detail.Panden.Where(p => p.IsVestiging).Select(p => p with { Clienten = [] }).ToList();
        var removedBuildings = detail.Panden.Count - kept.Count;

        ClusterPicture? cluster = null;
        var clusterBuildings = 0;
        if (detail.Cluster is { } picture)
        {
            // A building in the cluster that is nobody's vestiging is known only as where clients live: keep it as an anonymous node.
            var vestigingen = picture.Verbindingen.Where(e => e.Soort == "vestiging").SelectMany(e => new[] { e.Van, e.Naar }).ToHashSet(StringComparer.Ordinal);
            var renamed = picture.Knopen.Where(n => n.Soort == "pand" && !vestigingen.Contains(n.Id))
                .Select((n, i) => (n.Id, New: $"pand-{i + 1}"))
                .ToDictionary(x => x.Id, x => x.New, StringComparer.Ordinal);
            clusterBuildings = renamed.Count;
            cluster = picture with
            {
                Knopen = picture.Knopen.Select(n => renamed.TryGetValue(n.Id, out var id) ? n with { Id = id, Label = "pand (adres verwijderd)" } : n).ToList(),
                Verbindingen = picture.Verbindingen.Select(e => e with { Van = renamed.GetValueOrDefault(e.Van, e.Van), Naar = renamed.GetValueOrDefault(e.Naar, e.Naar) }).ToList(),
            };
        }
        var redacted = detail with { Panden = kept, Cluster = cluster, OpgeschoondOp = at };
        return (redacted, new PurgedSignal(detail.Signal.RunId, detail.Signal.AanbiederId, clientRefs, removedBuildings, clusterBuildings, originalSha256));
    }
}
