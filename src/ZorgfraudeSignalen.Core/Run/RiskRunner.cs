using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Buildings;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Learning;
using ZorgfraudeSignalen.Core.RiskList;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Verification;
using ZorgfraudeSignalen.Core.Tables;

namespace ZorgfraudeSignalen.Core.Run;

/// <param name="Trigger">What started the run: <c>cli</c>, <c>timer</c>, <c>demo</c>.</param>
/// <param name="RunId">A fixed run id (a retried trigger passes the same one); null = a new, time-ordered id.</param>
/// <param name="Configuration">The run's settings; its Rundatum is set to the day the run starts.</param>
/// <param name="LocalCsvPath">Also write risicolijst.csv here (the CLI).</param>
/// <param name="Leveringen">What the deliveries are held against for the run's data-quality warnings; null = <see cref="DeliverySettings.FromEnvironment"/>.</param>
public sealed record RiskRunRequest(string Trigger, string? RunId, RiskConfiguration Configuration, string? LocalCsvPath = null, string Actor = "systeem",
    DeliverySettings? Leveringen = null);

/// <param name="AlreadyPublished">True when the run id had been published before and nothing was done again.</param>
public sealed record RiskRunOutcome(string RunId, bool AlreadyPublished, RiskResult? Result, ModelRunRecord Record, byte[] Csv);

/// <summary>
/// Orchestrates a risk run around the pure <see cref="RiskEngine"/>: compute, record the model run, write
/// risicolijst.csv, publish, audit. Two commit points, each with its audit entry under one <see cref="OperationIntent"/>:
/// the run record (entry <c>run</c>) and the publication marker (entry <c>publicatie</c>, with the hash of the
/// <see cref="PublicationManifest"/>). Delivery is at least once, so a run id that is already published is not
/// published again, and a record left by an interrupted attempt must match the recomputed output.
/// </summary>
public sealed class RiskRunner(Store store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Run ids sort by time: <c>run-yyyyMMddTHHmmssZ-</c> and eight hex digits of the inputs' and configuration's hash.</summary>
    public static string NewRunId(DateTimeOffset at, IReadOnlyList<InputSnapshot> inputs, RiskConfiguration configuration)
    {
        var basis = new JsonObject
        {
            ["inputs"] = JsonSerializer.SerializeToNode(inputs, ModelRunRecord.Json),
            ["configuration"] = JsonNode.Parse(configuration.HashedJson("")),
        }.ToJsonString(ModelRunRecord.Json);
        return $"run-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{ContentHash.Sha256(basis)[..8]}";
    }

    public async Task<RiskRunOutcome> RunAsync(RunTables inputs, IReadOnlyList<InputSnapshot> snapshots, RiskRunRequest request,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var started = _clock.GetUtcNow();
        var configuration = request.Configuration with { Rundatum = DateOnly.FromDateTime(started.UtcDateTime) };
        var runId = request.RunId ?? NewRunId(started, snapshots, configuration);
        var lists = new RiskListStore(store);
        var audit = new AuditLog(store.Tables, _clock);

        if (await lists.IsPublishedAsync(runId, ct) && await ModelRunRecord.ReadAsync(store.Tables, runId, ct) is { } done)
        {
            progress?.Report($"run {runId} is al gepubliceerd; niets opnieuw gedaan");
            var existing = await store.Blobs.ReadBytesAsync(StoreNames.RunsContainer, ModelRunRecord.CsvBlobName(runId), ct);
            await WriteLocalAsync(request.LocalCsvPath, existing, ct);
            return new RiskRunOutcome(runId, true, null, done, existing);
        }
        var previous = await ModelRunRecord.ReadAsync(store.Tables, runId, ct);
        if (previous is not null) configuration = previous.Configuratie; // a retry replays the recorded configuration, Rundatum included

        progress?.Report($"risicorun {runId} ({snapshots.Count} snapshots)");
        // The assessments the run learns from: a retry reads those its first attempt recorded.
        var geheugen = previous?.Leren is { } earlier
            ? earlier.GeheugenSha256 is { } recorded ? await LearningStore.RecordedMemoryAsync(store, runId, recorded, ct) : AssessmentMemory.Empty
            : configuration.Leren.Aan ? await LearningStore.CurrentMemoryAsync(store, ct) : AssessmentMemory.Empty;
        var result = RiskEngine.Compute(inputs, configuration, runId, progress, geheugen);
        var csv = RiskListCsv.Write(result.Signals);
        var outputHash = ContentHash.Sha256(csv);
        var published = result.Details.Count;
        var fairness = FairnessReport.ForRun(inputs, result.Signals, result.Leren);
        var fairnessJson = JsonSerializer.Serialize(fairness, ModelRunRecord.Json);
        // Recorded beside the scoring, never fed into it: the list stays a function of snapshots and configuration.
        var dataKwaliteit = await DeliveryOverview.ForRunAsync(store, request.Leveringen ?? DeliverySettings.FromEnvironment(), snapshots.Select(s => (s.Type, s.Hash)).ToList(), started, ct);
        var record = new ModelRunRecord(runId, request.Trigger, previous?.Gestart ?? started, result.Peildatum, snapshots, configuration,
            result.Model, result.Features, result.Distribution, outputHash, result.Signals.Count, published,
            CodeVersion.Current, _clock.GetUtcNow(), ModelRunRecord.DetailsSha256(result.Details),
            FairnessSummary.Of(fairness, ModelRunRecord.FairnessBlobName(runId), ContentHash.Sha256(fairnessJson)), dataKwaliteit, result.Leren?.Samenvatting);

        // One intent covers the whole run: recovery completes it when the run was published (appending any missing
        // audit entry) and rolls it back otherwise (a recorded but unpublished run is removed with everything it wrote).
        var intentId = OperationIntent.NewId(_clock.GetUtcNow());
        var runEvent = OperationIntent.Tagged(intentId, new AuditEvent(AuditActions.Run, request.Actor, runId, new Dictionary<string, string>
        {
            ["trigger"] = request.Trigger,
            ["peildatum"] = result.Peildatum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["uitvoer_sha256"] = outputHash,
            ["invoer"] = string.Join(",", snapshots.Select(s => $"{s.Type}:{s.Hash}")),
            ["configuratie_sha256"] = ContentHash.Sha256(configuration.HashedJson(runId)),
            ["details_sha256"] = record.DetailsHash!,
            ["fairness"] = fairness.Passed ? "in_orde" : "aandacht_nodig",
            ["fairness_sha256"] = record.Fairness!.Sha256,
            ["code_versie"] = record.CodeVersie!,
        }));
        var recordRow = new CommitRow(StoreNames.RunsTable, ModelRunRecord.Partition, runId);
        var intent = new OperationIntent(intentId, "run", runId, OperationOwner.Id, _clock.GetUtcNow(),
            [new IntentStep(recordRow, runEvent)], Recovery.RunBlobs(runId), Recovery.RunRows(runId));

        if (previous is null)
        {
            var json = JsonSerializer.Serialize(record, ModelRunRecord.Json);
            var settingsBefore = await RunSettings.LatestHashAsync(store.Tables, runId, ct);
            await intent.SaveAsync(store.Tables, ct);
            await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, ModelRunRecord.FairnessBlobName(runId), fairnessJson, ct);
            await LearningStore.WriteAsync(store, runId, geheugen, result.Leren, ct);
            await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, ModelRunRecord.BlobName(runId), json, ct);
            try
            {
                await store.Tables.InsertAsync(StoreNames.RunsTable, new TableRecord(ModelRunRecord.Partition, runId, json), ct);
            }
            catch (TableConflictException)
            {
                // A concurrent delivery of the same trigger recorded it: that process owns the run, this one withdraws.
                await intent.DeleteAsync(store.Tables, ct);
                throw new InvalidOperationException($"Run {runId} wordt tegelijk door een ander proces uitgevoerd; deze poging stopt.");
            }
            await intent.AppendAsync(audit, 0, ct);
            if (settingsBefore is { } before && before != RunSettings.Hash(configuration))
                await audit.AppendAsync(new AuditEvent(AuditActions.Configuratie, request.Actor, runId, new Dictionary<string, string>
                {
                    ["instellingen_sha256_voor"] = before,
                    ["instellingen_sha256_na"] = RunSettings.Hash(configuration),
                }), ct);
        }
        else
        {
            if (previous.UitvoerHash != outputHash)
                throw new InvalidOperationException(
                    $"Run {runId} was recorded earlier with output {previous.UitvoerHash}, but recomputing gives {outputHash}; the inputs changed between attempts. Start a new run.");
            // Recorded by a process that is still running (recovery removes the records of those that stopped).
            intent = intent with { Steps = [] };
        }

        await store.Blobs.WriteBytesAsync(StoreNames.RunsContainer, ModelRunRecord.CsvBlobName(runId), csv, ct);
        await ClusterReport.WriteAsync(store.Blobs, runId, result.Gebouwen, ct);
        progress?.Report($"publiceren: {published} signalen te beoordelen van {result.Signals.Count} gescoorde aanbieders");
        await lists.WriteAsync(runId, result.Details, ct);

        // The publication's commit point is the marker row. Before it: the manifest of every stored object, its hash in
        // the publicatie entry that the intent carries, so that the entry can follow the marker even after a crash.
        var manifest = await PublicationManifest.ReadStoredAsync(store, runId, ct);
        var manifestJson = manifest.ToJson();
        await store.Blobs.WriteTextAsync(StoreNames.RunsContainer, PublicationManifest.BlobName(runId), manifestJson, ct);
        var publicationEvent = OperationIntent.Tagged(intentId, new AuditEvent(AuditActions.Publicatie, request.Actor, runId, new Dictionary<string, string>
        {
            ["gepubliceerd"] = published.ToString(CultureInfo.InvariantCulture),
            ["gescoord"] = result.Signals.Count.ToString(CultureInfo.InvariantCulture),
            ["uitvoer_sha256"] = outputHash,
            ["manifest_sha256"] = ContentHash.Sha256(manifestJson),
            ["objecten"] = manifest.Objecten.Count.ToString(CultureInfo.InvariantCulture),
        }));
        intent = intent with { Steps = [.. intent.Steps, new IntentStep(new CommitRow(StoreNames.SignalsTable, RiskListStore.PublishedPartition, runId), publicationEvent)] };
        await intent.SaveAsync(store.Tables, ct);
        if (await lists.MarkPublishedAsync(runId, published, ct))
            await intent.AppendAsync(audit, intent.Steps.Count - 1, ct);
        await intent.DeleteAsync(store.Tables, ct);
        await WriteLocalAsync(request.LocalCsvPath, csv, ct);
        return new RiskRunOutcome(runId, false, result, previous ?? record, csv);
    }

    private static async Task WriteLocalAsync(string? path, byte[] csv, CancellationToken ct)
    {
        if (path is null) return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, csv, ct);
        File.Move(temporary, path, overwrite: true);
    }
}
