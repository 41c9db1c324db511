using System.Text.Json;
using System.Text.Json.Nodes;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Run;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Core.Storage.Local;
using ZorgfraudeSignalen.Core.Tests.Accountability;
using ZorgfraudeSignalen.Core.Verification;

namespace ZorgfraudeSignalen.Core.Tests.Verification;

public sealed class RunVerifierTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-verify-").FullName;
    private readonly Store _store;

    public RunVerifierTests() => _store = LocalStore.Open(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Ingests the test municipality's extracts and runs it, as `ingest` and `run` would.</summary>
    private async Task<RiskRunOutcome> RecordedRunAsync()
    {
        await TestMunicipality.IngestAsync(_store);
        var outcome = await TestMunicipality.RunAsync(_store);
        Assert.Contains(outcome.Result!.Signals, s => s.AanbiederId == "ZORG-X" && s.Status == Core.RiskList.ReviewStatus.TeBeoordelen);
        return outcome;
    }

    [Fact]
    public async Task An_untouched_run_replays_to_the_identical_output_and_the_check_is_audited()
    {
        var run = await RecordedRunAsync();
        Assert.NotNull(run.Record.Fairness);
        Assert.NotNull(run.Record.DetailsHash);
        Assert.Equal(CodeVersion.Current, run.Record.CodeVersie);
        Assert.All(run.Record.Invoer, i => Assert.NotNull(i.BlobSha256));

        var result = await new RunVerifier(_store).VerifyAsync(run.RunId, "auditor-1");

        Assert.True(result.Passed, string.Join("\n", result.Problems));
        Assert.Equal(run.Record.UitvoerHash, result.ReplayedOutputHash);
        Assert.All(result.Snapshots, s => Assert.True(s.Intact));
        var log = new AuditLog(_store.Tables);
        Assert.Null(await log.VerifyAsync());
        var entries = new List<AuditEntry>();
        await foreach (var e in log.ReadAllAsync()) entries.Add(e);
        var verified = Assert.Single(entries, e => e.Action == AuditActions.Verificatie);
        Assert.Equal(("auditor-1", run.RunId, "gelijk"), (verified.Actor, verified.Subject, verified.Details["uitkomst"]));
    }

    [Fact]
    public async Task An_altered_snapshot_fails_the_verification_and_is_named()
    {
        var run = await RecordedRunAsync();
        var snapshot = (await new SnapshotCatalog(_store).InForceAsync(ExtractType.Declaraties))!;
        var bytes = await _store.Blobs.ReadBytesAsync(StoreNames.SnapshotsContainer, snapshot.Blob!);
        bytes[bytes.Length / 2] ^= 0x01;
        await _store.Blobs.WriteBytesAsync(StoreNames.SnapshotsContainer, snapshot.Blob!, bytes);

        var result = await new RunVerifier(_store).VerifyAsync(run.RunId);

        Assert.False(result.Passed);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("declaraties", problem);
        Assert.Contains("altered", problem);
        Assert.False(Assert.Single(result.Snapshots, s => s.Type == ExtractType.Declaraties).Intact);
        Assert.Null(result.ReplayedOutputHash); // an altered input is not replayed
    }

    [Fact]
    public async Task A_snapshot_altered_together_with_its_catalogue_hash_is_still_caught_by_the_run_record()
    {
        var run = await RecordedRunAsync();
        var catalogueRow = (await _store.Tables.GetAsync(StoreNames.SnapshotsTable, "clienten", run.Record.Invoer.Single(i => i.Type == "clienten").Hash))!;
        var info = JsonNode.Parse(catalogueRow.Json)!;
        var blob = info["blob"]!.GetValue<string>();
        var bytes = await _store.Blobs.ReadBytesAsync(StoreNames.SnapshotsContainer, blob);
        bytes[^1] ^= 0x01;
        await _store.Blobs.WriteBytesAsync(StoreNames.SnapshotsContainer, blob, bytes);
        info["blobSha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await _store.Tables.UpsertAsync(StoreNames.SnapshotsTable, catalogueRow with { Json = info.ToJsonString() });

        var result = await new RunVerifier(_store).VerifyAsync(run.RunId);

        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Contains("clienten") && p.Contains("run recorded"));
    }

    [Fact]
    public async Task A_record_whose_configuration_was_changed_is_caught_and_the_differing_rows_and_fields_are_named()
    {
        var run = await RecordedRunAsync();
        var row = (await _store.Tables.GetAsync(StoreNames.RunsTable, ModelRunRecord.Partition, run.RunId))!;
        var record = JsonSerializer.Deserialize<ModelRunRecord>(row.Json, ModelRunRecord.Json)!;
        var changed = record with { Configuratie = record.Configuratie with { PublicatieDrempel = 101 } };
        await _store.Tables.UpsertAsync(StoreNames.RunsTable, row with { Json = JsonSerializer.Serialize(changed, ModelRunRecord.Json) });

        var result = await new RunVerifier(_store).VerifyAsync(run.RunId);

        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Contains("configuration differs") && p.Contains("audit entry"));
        Assert.Contains(result.Problems, p => p.Contains("risicolijst.csv hashes to"));
        var status = Assert.Single(result.Differences, d => d.AanbiederId == "ZORG-X" && d.Field == "status");
        Assert.Equal(("te_beoordelen", "niet_gepubliceerd"), (status.Recorded, status.Replayed));
        Assert.Contains(result.Problems, p => p.StartsWith("ZORG-X: status recorded 'te_beoordelen'"));
    }

    [Fact]
    public async Task A_record_written_before_a_setting_existed_is_not_taken_for_a_changed_one()
    {
        // A record as earlier code wrote it: its configuration lacks a setting today's code writes, and its audit
        // entry hashed that shorter text (run id first, then the configuration's properties).
        var run = await RecordedRunAsync();
        var row = (await _store.Tables.GetAsync(StoreNames.RunsTable, ModelRunRecord.Partition, run.RunId))!;
        var stored = JsonNode.Parse(row.Json)!.AsObject();
        var configuration = stored["configuratie"]!.AsObject();
        Assert.True(configuration["leren"]!.AsObject().Remove("optillen"));
        const string oldRunId = "run-van-vroeger";
        stored["runId"] = oldRunId;
        await _store.Tables.UpsertAsync(StoreNames.RunsTable, row with { RowKey = oldRunId, Json = stored.ToJsonString() });
        var hashedThen = "{\"runId\":\"" + oldRunId + "\"," + configuration.ToJsonString()[1..];
        await new AuditLog(_store.Tables).AppendAsync(new AuditEvent(AuditActions.Run, "systeem", oldRunId, new Dictionary<string, string>
        {
            ["configuratie_sha256"] = ContentHash.Sha256(hashedThen),
            ["uitvoer_sha256"] = run.Record.UitvoerHash,
            ["invoer"] = string.Join(",", run.Record.Invoer.Select(s => $"{s.Type}:{s.Hash}")),
        }));

        var result = await new RunVerifier(_store).VerifyAsync(oldRunId);

        Assert.DoesNotContain(result.Problems, p => p.Contains("audit entry"));
        Assert.NotEqual(ContentHash.Sha256(hashedThen), ContentHash.Sha256(JsonSerializer.Deserialize<ModelRunRecord>(stored.ToJsonString(), ModelRunRecord.Json)!.Configuratie.HashedJson(oldRunId)));
    }

    [Fact]
    public async Task A_record_made_before_the_order_of_review_existed_reads_back_as_ranked_by_score_alone()
    {
        var run = await RecordedRunAsync();
        var row = (await _store.Tables.GetAsync(StoreNames.RunsTable, ModelRunRecord.Partition, run.RunId))!;
        Assert.Equal(50, ModelRunRecord.Parse(row.Json)!.Configuratie.Beoordelingsvenster);
        var stored = JsonNode.Parse(row.Json)!.AsObject();
        Assert.True(stored["configuratie"]!.AsObject().Remove("beoordelingsvenster"));

        var before = ModelRunRecord.Parse(stored.ToJsonString())!;

        Assert.Equal(0, before.Configuratie.Beoordelingsvenster);
        Assert.Equal(run.Record.Configuratie with { Beoordelingsvenster = 0 }, before.Configuratie);
    }

    [Fact]
    public async Task A_record_whose_stored_configuration_lost_a_setting_is_caught()
    {
        var run = await RecordedRunAsync();
        var row = (await _store.Tables.GetAsync(StoreNames.RunsTable, ModelRunRecord.Partition, run.RunId))!;
        var stored = JsonNode.Parse(row.Json)!.AsObject();
        Assert.True(stored["configuratie"]!["leren"]!.AsObject().Remove("optillen"));
        await _store.Tables.UpsertAsync(StoreNames.RunsTable, row with { Json = stored.ToJsonString() });

        var result = await new RunVerifier(_store).VerifyAsync(run.RunId);

        Assert.Contains(result.Problems, p => p.Contains("configuration differs") && p.Contains("audit entry"));
    }

    [Fact]
    public async Task A_run_that_does_not_exist_fails_with_that_reason()
    {
        var result = await new RunVerifier(_store).VerifyAsync("run-bestaat-niet");
        Assert.False(result.Passed);
        Assert.Contains("no model-run record", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task A_snapshot_a_run_refers_to_cannot_be_deleted_while_the_run_is_retained()
    {
        var run = await RecordedRunAsync();
        var clienten = run.Record.Invoer.Single(i => i.Type == "clienten");
        var holders = await SnapshotRetention.DeleteIfUnreferencedAsync(_store, ExtractType.Clienten, clienten.Hash);
        Assert.Contains(run.RunId, holders);
        var blob = (await new SnapshotCatalog(_store).GetAsync(ExtractType.Clienten, clienten.Hash))!.Blob!;
        Assert.True(await _store.Blobs.ExistsAsync(StoreNames.SnapshotsContainer, blob));
        Assert.True((await new RunVerifier(_store).VerifyAsync(run.RunId)).Passed);
    }
}
