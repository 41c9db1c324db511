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

/// <summary>
/// verify checks what is stored against the hashes recorded at publication (issue cases 2 and 3): an edited signal
/// score, detail, risicolijst.csv or modelrun.json is named; and a run refuses a snapshot whose bytes changed.
/// </summary>
public sealed class StoredOutputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zfs-stored-").FullName;
    private readonly Store _store;

    public StoredOutputTests() => _store = LocalStore.Open(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<RiskRunOutcome> PublishedRunAsync()
    {
        await TestMunicipality.IngestAsync(_store);
        return await TestMunicipality.RunAsync(_store);
    }

    private async Task<VerificationResult> TamperAndVerifyAsync(Func<string, Task<string>> tamper)
    {
        var run = await PublishedRunAsync();
        Assert.True((await new RunVerifier(_store).VerifyAsync(run.RunId)).Passed);
        var expected = await tamper(run.RunId);
        var result = await new RunVerifier(_store).VerifyAsync(run.RunId);
        Assert.False(result.Passed);
        Assert.Contains(expected, result.Problems[0]);
        return result;
    }

    [Fact]
    public Task An_edited_signal_score_fails_verify_and_names_the_row() => TamperAndVerifyAsync(async runId =>
    {
        var row = await _store.Tables.QueryAsync(StoreNames.SignalsTable, runId).FirstAsync();
        var json = JsonNode.Parse(row.Json)!;
        json["risicoscore"] = 1.5;
        await _store.Tables.UpsertAsync(StoreNames.SignalsTable, row with { Json = json.ToJsonString() });
        return $"signals/{runId}/{row.RowKey}";
    });

    [Fact]
    public Task An_edited_detail_fails_verify_and_names_it() => TamperAndVerifyAsync(async runId =>
    {
        var name = (await _store.Blobs.ListAsync(StoreNames.RunsContainer, $"{runId}/signalen/").FirstAsync()).Name;
        var text = await _store.Blobs.ReadTextAsync(StoreNames.RunsContainer, name);
        await _store.Blobs.WriteTextAsync(StoreNames.RunsContainer, name, text.Replace("\"toelichting\":\"", "\"toelichting\":\"Niets aan de hand. "));
        return $"runs/{name}";
    });

    [Fact]
    public Task An_edited_risicolijst_fails_verify_and_names_it() => TamperAndVerifyAsync(async runId =>
    {
        var name = ModelRunRecord.CsvBlobName(runId);
        await _store.Blobs.WriteTextAsync(StoreNames.RunsContainer, name, (await _store.Blobs.ReadTextAsync(StoreNames.RunsContainer, name)) + "\n");
        return $"runs/{name}";
    });

    [Fact]
    public Task An_edited_modelrun_json_fails_verify_and_names_it() => TamperAndVerifyAsync(async runId =>
    {
        var name = ModelRunRecord.BlobName(runId);
        await _store.Blobs.WriteTextAsync(StoreNames.RunsContainer, name, (await _store.Blobs.ReadTextAsync(StoreNames.RunsContainer, name)).Replace("\"trigger\":\"test\"", "\"trigger\":\"timer\""));
        return $"runs/{name}";
    });

    [Theory]
    [InlineData(ExtractType.Declaraties, false)]
    [InlineData(ExtractType.Declaraties, true)]
    [InlineData(ExtractType.Clienten, false)]
    [InlineData(ExtractType.Toewijzingen, false)]
    [InlineData(ExtractType.Aanbieders, true)]
    public async Task A_run_on_a_damaged_or_missing_snapshot_is_refused_and_the_previous_run_stays_published(ExtractType type, bool missing)
    {
        var first = await PublishedRunAsync();
        var blobsBefore = await _store.Blobs.ListAsync(StoreNames.RunsContainer).Select(b => b.Name).ToListAsync();
        var snapshot = (await new SnapshotCatalog(_store).InForceAsync(type))!;
        if (missing)
            await _store.Blobs.DeleteAsync(StoreNames.SnapshotsContainer, snapshot.Blob!);
        else
        {
            var bytes = await _store.Blobs.ReadBytesAsync(StoreNames.SnapshotsContainer, snapshot.Blob!);
            bytes[bytes.Length / 2] ^= 0x01;
            await _store.Blobs.WriteBytesAsync(StoreNames.SnapshotsContainer, snapshot.Blob!, bytes);
        }

        // The snapshots are checked as they are read: the tables' while they load, the declarations in the run's pass.
        var refused = await Assert.ThrowsAsync<SnapshotDamagedException>(() => TestMunicipality.RunAsync(_store, "run-na-de-schade"));
        Assert.Contains(type.Name(), refused.Message);
        Assert.Contains(missing ? "ontbreekt in de opslag" : "is beschadigd", refused.Message);
        Assert.Contains("de vorige gepubliceerde lijst blijft van kracht", refused.Message);
        var published = await new Core.RiskList.RiskListStore(_store).PublishedRunsAsync().ToListAsync();
        Assert.Equal(first.RunId, Assert.Single(published).RunId);
        // Nothing of the refused run was written: no record, no blob, no intent left for recovery.
        Assert.Equal(first.RunId, Assert.Single(await _store.Tables.QueryAsync(StoreNames.RunsTable, ModelRunRecord.Partition).ToListAsync()).RowKey);
        Assert.Equal(blobsBefore, await _store.Blobs.ListAsync(StoreNames.RunsContainer).Select(b => b.Name).ToListAsync());
        Assert.Empty(await OperationIntent.ListAsync(_store.Tables, default));
    }

    [Fact]
    public async Task Recovery_completes_a_published_run_without_its_entries_and_removes_an_unpublished_record()
    {
        var run = await PublishedRunAsync();
        // As a process killed right after the marker would leave it: the intent, no publicatie entry.
        var log = new AuditLog(_store.Tables);
        var intentId = OperationIntent.NewId(DateTimeOffset.UtcNow) .Replace(OperationOwner.Id, "p1-000000000000");
        var publicatie = OperationIntent.Tagged(intentId, new AuditEvent(AuditActions.Publicatie, "test", "run-zonder-regel"));
        await _store.Tables.InsertAsync(StoreNames.SignalsTable, new TableRecord(Core.RiskList.RiskListStore.PublishedPartition, "run-zonder-regel", "{\"runId\":\"run-zonder-regel\",\"signalen\":0,\"gepubliceerdOp\":\"2026-01-01T00:00:00+00:00\"}"));
        await new OperationIntent(intentId, "run", "run-zonder-regel", "p1-000000000000", DateTimeOffset.UtcNow,
            [new IntentStep(new CommitRow(StoreNames.SignalsTable, Core.RiskList.RiskListStore.PublishedPartition, "run-zonder-regel"), publicatie)], [], []).SaveAsync(_store.Tables, default);
        // And a recorded run that was never published, from before this process started.
        var record = run.Record with { RunId = "run-nooit-gepubliceerd", Gestart = OperationOwner.StartedAt.AddHours(-1) };
        await _store.Tables.InsertAsync(StoreNames.RunsTable, new TableRecord(ModelRunRecord.Partition, record.RunId, System.Text.Json.JsonSerializer.Serialize(record, ModelRunRecord.Json)));
        await _store.Blobs.WriteTextAsync(StoreNames.RunsContainer, ModelRunRecord.BlobName(record.RunId), "{}");

        var report = await new Recovery(_store).RunAsync();

        Assert.Equal(2, report.Actions.Count);
        var entries = await log.ReadAllAsync().ToListAsync();
        Assert.Single(entries, e => e.Action == AuditActions.Publicatie && e.Subject == "run-zonder-regel");
        Assert.Null(await ModelRunRecord.ReadAsync(_store.Tables, record.RunId));
        Assert.False(await _store.Blobs.ExistsAsync(StoreNames.RunsContainer, ModelRunRecord.BlobName(record.RunId)));
        Assert.NotNull(await ModelRunRecord.ReadAsync(_store.Tables, run.RunId)); // the published run stays
        Assert.Empty(await OperationIntent.ListAsync(_store.Tables, default));
        Assert.False((await new Recovery(_store).RunAsync()).DidSomething);
        Assert.Null(await log.VerifyAsync());
    }
}
