using System.Text;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>
/// The behaviour every store must have. Each implementation (local folder, Azure against Azurite) runs this suite
/// through a subclass that supplies a fresh, empty store.
/// </summary>
public abstract class StoreContract
{
    /// <summary>A store no other test touches.</summary>
    protected abstract Store NewStore();

    [Fact]
    public async Task A_written_blob_reads_back_byte_for_byte()
    {
        var store = NewStore();
        var bytes = Encoding.UTF8.GetBytes("client_id;postcode\nP1;1011AB\nStraße é ë ü\n");
        await store.Blobs.WriteBytesAsync(StoreNames.ExtractsContainer, "clienten/a.csv", bytes);
        Assert.Equal(bytes, await store.Blobs.ReadBytesAsync(StoreNames.ExtractsContainer, "clienten/a.csv"));
        Assert.True(await store.Blobs.ExistsAsync(StoreNames.ExtractsContainer, "clienten/a.csv"));
    }

    [Fact]
    public async Task Reading_a_missing_blob_throws_not_found()
    {
        var store = NewStore();
        var e = await Assert.ThrowsAsync<BlobNotFoundException>(() => store.Blobs.OpenReadAsync(StoreNames.ReportsContainer, "nope.json"));
        Assert.Equal("nope.json", e.BlobName);
        Assert.False(await store.Blobs.ExistsAsync(StoreNames.ReportsContainer, "nope.json"));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_previous_content_in_place()
    {
        var store = NewStore();
        await store.Blobs.WriteTextAsync(StoreNames.SnapshotsContainer, "s/1", "previous");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Blobs.WriteAsync(StoreNames.SnapshotsContainer, "s/1", async stream =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(new string('x', 300_000)));
            throw new InvalidOperationException("the writer fails half way");
        }));
        Assert.Equal("previous", await store.Blobs.ReadTextAsync(StoreNames.SnapshotsContainer, "s/1"));
    }

    [Fact]
    public async Task Listing_returns_names_under_a_prefix_in_ordinal_order_with_lengths()
    {
        var store = NewStore();
        foreach (var name in new[] { "declaraties/b.csv", "clienten/z.csv", "declaraties/a.csv", "declaratiesX/c.csv" })
            await store.Blobs.WriteTextAsync(StoreNames.ExtractsContainer, name, name);
        var listed = new List<BlobInfo>();
        await foreach (var blob in store.Blobs.ListAsync(StoreNames.ExtractsContainer, "declaraties/"))
            listed.Add(blob);
        Assert.Equal(["declaraties/a.csv", "declaraties/b.csv"], listed.Select(b => b.Name));
        Assert.All(listed, b => Assert.Equal(b.Name.Length, b.Length));
    }

    [Fact]
    public async Task Deleting_a_blob_removes_it_once()
    {
        var store = NewStore();
        await store.Blobs.WriteTextAsync(StoreNames.QuarantineContainer, "x.csv", "x");
        Assert.True(await store.Blobs.DeleteAsync(StoreNames.QuarantineContainer, "x.csv"));
        Assert.False(await store.Blobs.DeleteAsync(StoreNames.QuarantineContainer, "x.csv"));
        Assert.False(await store.Blobs.ExistsAsync(StoreNames.QuarantineContainer, "x.csv"));
    }

    [Fact]
    public async Task Inserting_an_existing_key_is_a_conflict_and_keeps_the_first_record()
    {
        var store = NewStore();
        await store.Tables.InsertAsync(StoreNames.SnapshotsTable, new TableRecord("clienten", "abc", """{"n":1}"""));
        await Assert.ThrowsAsync<TableConflictException>(() =>
            store.Tables.InsertAsync(StoreNames.SnapshotsTable, new TableRecord("clienten", "abc", """{"n":2}""")));
        var record = await store.Tables.GetAsync(StoreNames.SnapshotsTable, "clienten", "abc");
        Assert.Equal("""{"n":1}""", record!.Json);
        Assert.False(string.IsNullOrEmpty(record.ETag));
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_a_conflict_and_loses_nothing()
    {
        var store = NewStore();
        var first = await store.Tables.InsertAsync(StoreNames.AssessmentsTable, new TableRecord("run1", "A1", """{"status":"te_beoordelen"}"""));
        var second = await store.Tables.ReplaceAsync(StoreNames.AssessmentsTable, new TableRecord("run1", "A1", """{"status":"geen_aanwijzing"}"""), first);
        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<TableConflictException>(() =>
            store.Tables.ReplaceAsync(StoreNames.AssessmentsTable, new TableRecord("run1", "A1", """{"status":"nader_onderzoek"}"""), first));
        var current = await store.Tables.GetAsync(StoreNames.AssessmentsTable, "run1", "A1");
        Assert.Equal("""{"status":"geen_aanwijzing"}""", current!.Json);
        Assert.Equal(second, current.ETag);
    }

    [Fact]
    public async Task Replace_of_a_missing_record_is_a_conflict()
    {
        var store = NewStore();
        await Assert.ThrowsAsync<TableConflictException>(() =>
            store.Tables.ReplaceAsync(StoreNames.AssessmentsTable, new TableRecord("p", "r", "{}"), "whatever"));
    }

    [Fact]
    public async Task Of_two_concurrent_replaces_with_the_same_etag_exactly_one_wins()
    {
        var store = NewStore();
        var etag = await store.Tables.InsertAsync(StoreNames.SignalsTable, new TableRecord("run", "A", """{"v":0}"""));
        var attempts = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            try { await store.Tables.ReplaceAsync(StoreNames.SignalsTable, new TableRecord("run", "A", $$"""{"v":{{i}}}"""), etag); return true; }
            catch (TableConflictException) { return false; }
        }));
        var outcomes = await Task.WhenAll(attempts);
        Assert.Equal(1, outcomes.Count(won => won));
    }

    [Fact]
    public async Task Queries_return_a_partition_in_row_key_order_and_the_table_in_key_order()
    {
        var store = NewStore();
        foreach (var (pk, rk) in new[] { ("b", "2"), ("a", "9"), ("b", "1"), ("a", "10"), ("c", "x y.z") })
            await store.Tables.UpsertAsync(StoreNames.AuditTable, new TableRecord(pk, rk, $$"""{"k":"{{pk}}{{rk}}"}"""));
        var partition = new List<TableRecord>();
        await foreach (var r in store.Tables.QueryAsync(StoreNames.AuditTable, "b")) partition.Add(r);
        Assert.Equal(["1", "2"], partition.Select(r => r.RowKey));
        var all = new List<TableRecord>();
        await foreach (var r in store.Tables.QueryAllAsync(StoreNames.AuditTable)) all.Add(r);
        Assert.Equal(["a/10", "a/9", "b/1", "b/2", "c/x y.z"], all.Select(r => $"{r.PartitionKey}/{r.RowKey}"));
        Assert.All(all, r => Assert.False(string.IsNullOrEmpty(r.ETag)));
    }

    [Fact]
    public async Task Keys_with_characters_Azure_forbids_are_refused()
    {
        var store = NewStore();
        await Assert.ThrowsAnyAsync<Exception>(() => store.Tables.UpsertAsync(StoreNames.AuditTable, new TableRecord("a/b", "1", "{}")));
    }

    [Fact]
    public async Task Deleting_a_record_removes_it_once()
    {
        var store = NewStore();
        await store.Tables.UpsertAsync(StoreNames.RunsTable, new TableRecord("runs", "r1", "{}"));
        Assert.True(await store.Tables.DeleteAsync(StoreNames.RunsTable, "runs", "r1"));
        Assert.False(await store.Tables.DeleteAsync(StoreNames.RunsTable, "runs", "r1"));
        Assert.Null(await store.Tables.GetAsync(StoreNames.RunsTable, "runs", "r1"));
    }
}
