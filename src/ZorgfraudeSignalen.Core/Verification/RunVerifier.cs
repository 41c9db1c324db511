using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Core.Verification;

/// <summary>The outcome of replaying a run: whether the replay gives the recorded output, and if not, what differs.</summary>
/// <param name="Problems">Every reason the verification failed, first cause first, in plain words.</param>
/// <param name="Notes">Facts worth knowing that do not fail it (a different code version, purged evidence).</param>
public sealed record VerificationResult(
    string RunId,
    IReadOnlyList<SnapshotCheck> Snapshots,
    string? RecordedOutputHash,
    string? ReplayedOutputHash,
    IReadOnlyList<RiskListDifference> Differences,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Replays a recorded risk run from its snapshots and configuration and checks that the output is identical:
/// <list type="number">
/// <item>the record agrees with the audit log entry written when it was made (so an edited record is caught);</item>
/// <item>every snapshot is still there and hashes to what was recorded at ingest;</item>
/// <item>the replay's risicolijst.csv, signal details and fairness report hash to the recorded values.</item>
/// </list>
/// On a difference it names the snapshot, or the providers and fields that differ.
/// </summary>
public sealed class RunVerifier(Store store, TimeProvider? clock = null)
{
    private const int MaxDifferences = 50;

    public async Task<VerificationResult> VerifyAsync(string runId, string actor = "auditor", CancellationToken ct = default)
    {
        var result = await ReplayAsync(runId, ct);
        if (result.RecordedOutputHash is not null)
            await new AuditLog(store.Tables, clock).AppendAsync(new AuditEvent(AuditActions.Verificatie, actor, runId, new Dictionary<string, string>
            {
                ["uitkomst"] = result.Passed ? "gelijk" : "afwijkend",
                ["oorzaak"] = result.Problems.FirstOrDefault() is { } p ? Truncate(p, 300) : "",
                ["uitvoer_sha256_nagespeeld"] = result.ReplayedOutputHash ?? "",
                ["code_versie"] = CodeVersion.Current,
            }), ct);
        return result;
    }

    private async Task<VerificationResult> ReplayAsync(string runId, CancellationToken ct)
    {
        var problems = new List<string>();
        var notes = new List<string>();
        var record = await ModelRunRecord.ReadAsync(store.Tables, runId, ct);
        if (record is null)
            return new VerificationResult(runId, [], null, null, [], [$"run {runId} has no model-run record"], []);

        await CheckAgainstAuditLogAsync(record, problems, ct);
        await CheckStoredOutputAsync(runId, problems, notes, ct);

        // 1. The snapshots: present, and the same bytes as at ingest and as at the run.
        var shaByType = new Dictionary<ExtractType, string>();
        foreach (var input in record.Invoer)
        {
            if (ExtractTypes.TryParse(input.Type, out var type)) shaByType[type] = input.Hash;
            else problems.Add($"the record names an unknown extract type '{input.Type}'");
        }
        var snapshots = await SnapshotIntegrity.CheckAsync(store, shaByType, ct);
        var beforeSnapshots = problems.Count;
        problems.AddRange(snapshots.Where(s => !s.Intact).Select(s => s.Problem!));
        foreach (var input in record.Invoer.Where(i => i.BlobSha256 is not null))
        {
            var check = snapshots.FirstOrDefault(s => s.Sha256 == input.Hash);
            if (check is { Intact: true } && !string.Equals(check.ActualBlobSha256, input.BlobSha256, StringComparison.OrdinalIgnoreCase))
                problems.Add($"snapshot {input.Type} {input.Hash} hashes to {check.ActualBlobSha256}, but the run recorded {input.BlobSha256} (blob and catalogue were both changed)");
        }
        if (problems.Count > beforeSnapshots) // inputs that are not what the run read cannot be replayed meaningfully
            return new VerificationResult(runId, snapshots, record.UitvoerHash, null, [], problems, notes);

        // 2. The replay.
        if (record.CodeVersie is { } recordedVersion && recordedVersion != CodeVersion.Current)
            notes.Add($"recorded with code {recordedVersion}, replayed with {CodeVersion.Current}; a difference may come from the code");
        var loaded = await SnapshotLoader.LoadAsync(store, shaByType, ct);
        Learning.AssessmentMemory? geheugen = null;
        if (record.Leren?.GeheugenSha256 is { } memorySha)
        {
            try { geheugen = await Learning.LearningStore.RecordedMemoryAsync(store, runId, memorySha, ct); }
            catch (Exception e) when (e is BlobNotFoundException or InvalidDataException)
            {
                problems.Add($"the assessments run {runId} learned from cannot be replayed: {e.Message}");
                return new VerificationResult(runId, snapshots, record.UitvoerHash, null, [], problems, notes);
            }
        }
        var result = RiskEngine.Compute(loaded.Inputs, record.Configuratie, runId, geheugen: geheugen);
        if (record.Leren is { } learned && result.Leren?.Samenvatting is { } replayedLearning
            && (learned.ModelSha256 != replayedLearning.ModelSha256 || learned.LabelsSha256 != replayedLearning.LabelsSha256))
            problems.Add($"the replayed learned model ({replayedLearning.ModelSha256 ?? "none"}, labels {replayedLearning.LabelsSha256}) differs from the recorded one ({learned.ModelSha256 ?? "none"}, labels {learned.LabelsSha256})");
        var csv = RiskListCsv.Write(result.Signals);
        var outputHash = ContentHash.Sha256(csv);
        var differences = new List<RiskListDifference>();

        if (outputHash != record.UitvoerHash)
        {
            problems.Add($"the replayed risicolijst.csv hashes to {outputHash}, the run recorded {record.UitvoerHash}");
            byte[]? stored = null;
            try { stored = await store.Blobs.ReadBytesAsync(StoreNames.RunsContainer, ModelRunRecord.CsvBlobName(runId), ct); }
            catch (BlobNotFoundException) { notes.Add("the stored risicolijst.csv is missing, so the rows cannot be compared"); }
            if (stored is not null)
            {
                if (ContentHash.Sha256(stored) != record.UitvoerHash)
                    notes.Add("the stored risicolijst.csv does not match the recorded hash either; the rows below are compared with it as it is now");
                differences.AddRange(RiskListDiff.Compare(stored, csv));
                foreach (var d in differences.Take(MaxDifferences)) problems.Add(d.ToString());
                if (differences.Count > MaxDifferences) problems.Add($"... and {differences.Count - MaxDifferences} more differences");
            }
        }
        if (record.DetailsHash is { } detailsHash && ModelRunRecord.DetailsSha256(result.Details) != detailsHash)
        {
            problems.Add("the replayed signal details differ from the recorded hash");
            await CompareDetailsAsync(runId, result.Details, problems, notes, ct);
        }
        if (record.Fairness is { } fairness)
        {
            var replayed = ContentHash.Sha256(JsonSerializer.Serialize(FairnessReport.ForRun(loaded.Inputs, result.Signals, result.Leren), ModelRunRecord.Json));
            if (replayed != fairness.Sha256) problems.Add($"the replayed fairness report hashes to {replayed}, the run recorded {fairness.Sha256}");
        }
        return new VerificationResult(runId, snapshots, record.UitvoerHash, outputHash, differences, problems, notes);
    }

    /// <summary>The record must agree with what the audit log says was recorded when the run was made.</summary>
    /// <summary>The hash the run's audit entry holds, made from the configuration exactly as the record stores it.</summary>
    private async Task<string?> StoredConfigurationSha256Async(string runId, CancellationToken ct) =>
        await store.Tables.GetAsync(StoreNames.RunsTable, ModelRunRecord.Partition, runId, ct) is { } row
        && JsonNode.Parse(row.Json)?["configuratie"] is JsonObject stored
            ? ContentHash.Sha256(RiskConfiguration.HashedJson(stored, runId))
            : null;

    private async Task CheckAgainstAuditLogAsync(ModelRunRecord record, List<string> problems, CancellationToken ct)
    {
        AuditEntry? entry = null;
        await foreach (var e in new AuditLog(store.Tables).ReadAllAsync(ct))
            if (e.Action == AuditActions.Run && e.Subject == record.RunId) { entry = e; break; }
        if (entry is null)
        {
            problems.Add($"the audit log has no '{AuditActions.Run}' entry for run {record.RunId}");
            return;
        }
        if (entry.Details.GetValueOrDefault("uitvoer_sha256") is { } output && output != record.UitvoerHash)
            problems.Add($"the record's output hash {record.UitvoerHash} differs from the one in audit entry {entry.Sequence} ({output}): the record was changed");
        if (entry.Details.GetValueOrDefault("invoer") is { } inputs && inputs != string.Join(",", record.Invoer.Select(s => $"{s.Type}:{s.Hash}")))
            problems.Add($"the record's inputs differ from those in audit entry {entry.Sequence}: the record was changed");
        if (entry.Details.GetValueOrDefault("configuratie_sha256") is { } config && config != await StoredConfigurationSha256Async(record.RunId, ct))
            problems.Add($"the record's configuration differs from the one in audit entry {entry.Sequence}: the record was changed");
    }

    /// <summary>
    /// What is stored must be what was published: the manifest written at publication (its hash in the publicatie
    /// entry) against the objects as they are now. Names the first object that differs; a detail whose client-level
    /// evidence was purged under the retention rule is a note, not a difference.
    /// </summary>
    private async Task CheckStoredOutputAsync(string runId, List<string> problems, List<string> notes, CancellationToken ct)
    {
        if (!await new RiskListStore(store).IsPublishedAsync(runId, ct)) { notes.Add($"run {runId} is not published; only the replay is checked"); return; }
        AuditEntry? publication = null;
        await foreach (var e in new AuditLog(store.Tables).ReadAllAsync(ct))
            if (e.Action == AuditActions.Publicatie && e.Subject == runId) { publication = e; break; }
        if (publication is null) { problems.Add($"the run is published, but the audit log has no '{AuditActions.Publicatie}' entry for it"); return; }
        if (publication.Details.GetValueOrDefault("manifest_sha256") is not { } manifestHash)
        {
            notes.Add("published before stored objects were hashed at publication; the stored output is compared with the replay only");
            return;
        }
        string manifestJson;
        try { manifestJson = await store.Blobs.ReadTextAsync(StoreNames.RunsContainer, PublicationManifest.BlobName(runId), ct); }
        catch (BlobNotFoundException) { problems.Add($"{StoreNames.RunsContainer}/{PublicationManifest.BlobName(runId)} (the list of published objects) is missing"); return; }
        if (ContentHash.Sha256(manifestJson) != manifestHash || PublicationManifest.FromJson(manifestJson) is not { } recorded)
        {
            problems.Add($"{StoreNames.RunsContainer}/{PublicationManifest.BlobName(runId)} differs from the hash in audit entry {publication.Sequence}: the list of published objects was changed");
            return;
        }
        var lists = new RiskListStore(store);
        var purged = 0;
        var differing = new List<string>();
        foreach (var (name, problem) in recorded.Compare(await PublicationManifest.ReadStoredAsync(store, runId, ct)))
        {
            var detailPrefix = $"{StoreNames.RunsContainer}/{runId}/signalen/";
            if (name.StartsWith(detailPrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            {
                var id = Uri.UnescapeDataString(name[detailPrefix.Length..^".json".Length]);
                if ((await lists.DetailAsync(runId, id, ct))?.OpgeschoondOp is not null) { purged++; continue; }
            }
            differing.Add(problem);
        }
        if (differing.Count > 0)
        {
            problems.Add($"stored output differs from what was published; first: {differing[0]}");
            problems.AddRange(differing.Skip(1).Take(MaxDifferences));
        }
        if (purged > 0) notes.Add($"{purged} stored signal detail(s) changed by the retention purge since publication");
    }

    /// <summary>Names the providers whose stored detail differs from the replay (purged details are skipped, and said so).</summary>
    private async Task CompareDetailsAsync(string runId, IReadOnlyList<SignalDetail> replayed, List<string> problems, List<string> notes, CancellationToken ct)
    {
        var lists = new RiskListStore(store);
        var purged = 0;
        var named = 0;
        foreach (var detail in replayed)
        {
            var stored = await lists.DetailAsync(runId, detail.Signal.AanbiederId, ct);
            if (stored?.OpgeschoondOp is not null) { purged++; continue; }
            if (stored is null || JsonSerializer.Serialize(stored, ModelRunRecord.Json) != JsonSerializer.Serialize(detail, ModelRunRecord.Json))
                if (named++ < MaxDifferences) problems.Add($"{detail.Signal.AanbiederId}: signal detail {(stored is null ? "missing from the store" : "differs from the stored one")}");
        }
        if (purged > 0) notes.Add($"{purged} signal detail(s) were purged under the retention rule and could not be compared one by one");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "...";
}

/// <summary>Keeps a run's snapshots for as long as the run is retained: the only sanctioned way to delete a snapshot.</summary>
public static class SnapshotRetention
{
    /// <summary>
    /// Deletes a snapshot blob unless a retained run refers to it or it is the one in force; returns what holds it
    /// otherwise (empty when it was deleted). The catalogue entry stays, so the ingest history remains complete.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DeleteIfUnreferencedAsync(Store store, ExtractType type, string sha256, CancellationToken ct = default)
    {
        var holders = new List<string>();
        await foreach (var row in store.Tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition, ct))
            if (ModelRunRecord.Parse(row.Json)?.Invoer.Any(i => i.Type == type.Name() && i.Hash == sha256) == true)
                holders.Add(row.RowKey);
        var catalog = new SnapshotCatalog(store);
        if ((await catalog.InForceAsync(type, ct))?.Sha256 == sha256) holders.Add("(van kracht voor de volgende run)");
        if (holders.Count > 0) return holders;
        if (await catalog.GetAsync(type, sha256, ct) is { Blob: { } blob })
            await store.Blobs.DeleteAsync(StoreNames.SnapshotsContainer, blob, ct);
        return holders;
    }
}
