using System.Text.Json;
using System.Text.Json.Nodes;
using ZorgfraudeSignalen.Core.Audit;
using ZorgfraudeSignalen.Core.Storage;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>
/// The audit log's guarantees on a store. Each store implementation (local folder, Azure against Azurite) runs this
/// suite through a subclass that supplies a fresh, empty store. Tampering goes through the table store's own
/// operations, as someone with write access to the table would do it.
/// </summary>
public abstract class AuditLogContract
{
    /// <summary>A store no other test touches.</summary>
    protected abstract Store NewStore();

    private const string Partition = "log";
    private static string RowKey(long sequence) => sequence.ToString("D19");

    private static async Task<AuditLog> LogWithEntriesAsync(Store store, int count)
    {
        var log = new AuditLog(store.Tables);
        for (var i = 1; i <= count; i++)
            await log.AppendAsync(new AuditEvent(i % 2 == 0 ? "run" : "ingest", $"gebruiker{i}", $"onderwerp-{i}",
                new Dictionary<string, string> { ["sha256"] = new string((char)('a' + i % 6), 64), ["rijen"] = (i * 10).ToString() }));
        return log;
    }

    private static async Task<TableRecord> RecordAsync(Store store, long sequence) =>
        (await store.Tables.GetAsync(StoreNames.AuditTable, Partition, RowKey(sequence)))!;

    private static Task PutAsync(Store store, long sequence, string json) =>
        store.Tables.UpsertAsync(StoreNames.AuditTable, new TableRecord(Partition, RowKey(sequence), json));

    private static async Task<List<AuditEntry>> AllAsync(AuditLog log)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in log.ReadAllAsync()) entries.Add(entry);
        return entries;
    }

    [Fact]
    public async Task An_untouched_chain_verifies_and_links_every_entry_to_the_previous_one()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 5);
        Assert.Null(await log.VerifyAsync());
        var entries = await AllAsync(log);
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Sequence));
        Assert.Equal(AuditLog.GenesisHash, entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++)
            Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        Assert.Equal(5, entries.Select(e => e.Hash).Distinct().Count());
        Assert.Equal(new AuditAnchor(5, entries[^1].Hash), await log.ReadHeadAsync());
    }

    [Fact]
    public async Task An_empty_log_verifies()
    {
        Assert.Null(await new AuditLog(NewStore().Tables).VerifyAsync());
    }

    [Fact]
    public async Task An_edited_entry_is_named_as_the_first_broken_link()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 5);
        var node = JsonNode.Parse((await RecordAsync(store, 3)).Json)!;
        node["actor"] = "iemand-anders";
        await PutAsync(store, 3, node.ToJsonString());

        var broken = await log.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("changed", broken.Reason);
    }

    [Fact]
    public async Task An_edited_entry_with_a_recomputed_hash_breaks_the_next_link()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 5);
        var entry = JsonSerializer.Deserialize<AuditEntry>((await RecordAsync(store, 2)).Json, JsonSerializerOptions.Web)!;
        var forged = entry with { Details = new Dictionary<string, string> { ["rijen"] = "0" } };
        forged = forged with { Hash = AuditLog.HashOf(forged) };
        await PutAsync(store, 2, JsonSerializer.Serialize(forged, JsonSerializerOptions.Web));

        var broken = await log.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("entry 2", broken.Reason);
    }

    [Fact]
    public async Task A_deleted_entry_is_named_as_missing()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 5);
        Assert.True(await store.Tables.DeleteAsync(StoreNames.AuditTable, Partition, RowKey(3)));

        var broken = await log.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("missing", broken.Reason);
    }

    [Fact]
    public async Task A_deleted_newest_entry_is_caught_through_the_head()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 4);
        Assert.True(await store.Tables.DeleteAsync(StoreNames.AuditTable, Partition, RowKey(4)));

        var broken = await log.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(4, broken.Sequence);
        Assert.Contains("removed", broken.Reason);
    }

    [Fact]
    public async Task A_swapped_pair_is_caught_at_the_first_of_the_two()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 5);
        var second = (await RecordAsync(store, 2)).Json;
        var third = (await RecordAsync(store, 3)).Json;
        await PutAsync(store, 2, third);
        await PutAsync(store, 3, second);

        var broken = await log.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(2, broken.Sequence);
        Assert.Contains("swapped", broken.Reason);
    }

    [Fact]
    public async Task A_swapped_pair_renumbered_to_fit_its_places_is_still_caught()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 5);
        var second = JsonSerializer.Deserialize<AuditEntry>((await RecordAsync(store, 2)).Json, JsonSerializerOptions.Web)!;
        var third = JsonSerializer.Deserialize<AuditEntry>((await RecordAsync(store, 3)).Json, JsonSerializerOptions.Web)!;
        // Put the third event in place 2 and the second in place 3, with sequence numbers and own hashes made to fit.
        var newSecond = third with { Sequence = 2, PreviousHash = second.PreviousHash };
        newSecond = newSecond with { Hash = AuditLog.HashOf(newSecond) };
        var newThird = second with { Sequence = 3, PreviousHash = newSecond.Hash };
        newThird = newThird with { Hash = AuditLog.HashOf(newThird) };
        await PutAsync(store, 2, JsonSerializer.Serialize(newSecond, JsonSerializerOptions.Web));
        await PutAsync(store, 3, JsonSerializer.Serialize(newThird, JsonSerializerOptions.Web));

        var broken = await log.VerifyAsync();
        Assert.NotNull(broken);
        Assert.Equal(4, broken.Sequence); // entry 4 still points at the original entry 3
        Assert.Contains("entry 3", broken.Reason);
    }

    [Fact]
    public async Task An_anchor_noted_earlier_catches_a_chain_rewritten_whole()
    {
        var store = NewStore();
        var log = await LogWithEntriesAsync(store, 3);
        var anchor = await log.ReadHeadAsync();
        Assert.NotNull(anchor);

        // Someone with write access to the table rebuilds the whole log with a changed entry 2; head included.
        foreach (var row in new[] { 1L, 2, 3 }) await store.Tables.DeleteAsync(StoreNames.AuditTable, Partition, RowKey(row));
        await store.Tables.DeleteAsync(StoreNames.AuditTable, "head", "head");
        var rebuilt = new AuditLog(store.Tables);
        await rebuilt.AppendAsync(new AuditEvent("ingest", "gebruiker1", "onderwerp-1"));
        await rebuilt.AppendAsync(new AuditEvent("run", "vervalser", "onderwerp-2"));
        await rebuilt.AppendAsync(new AuditEvent("ingest", "gebruiker3", "onderwerp-3"));

        Assert.Null(await rebuilt.VerifyAsync()); // consistent in itself
        var broken = await rebuilt.VerifyAsync(anchor);
        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("anchor", broken.Reason);
    }

    [Fact]
    public async Task A_new_writer_continues_the_chain_where_it_ends()
    {
        var store = NewStore();
        await LogWithEntriesAsync(store, 3);
        var later = new AuditLog(store.Tables);
        var entry = await later.AppendAsync(new AuditEvent("config", "beheerder", "drempels"));
        Assert.Equal(4, entry.Sequence);
        Assert.Null(await later.VerifyAsync());
    }

    [Fact]
    public async Task Concurrent_appends_from_many_writers_never_fork_the_chain()
    {
        var store = NewStore();
        const int writers = 6, perWriter = 8;
        var appends = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var log = new AuditLog(store.Tables); // one instance per writer, as separate processes would have
            for (var i = 0; i < perWriter; i++)
                await log.AppendAsync(new AuditEvent("view", $"schrijver{w}", $"{w}-{i}"));
        }));
        await Task.WhenAll(appends);

        var reader = new AuditLog(store.Tables);
        Assert.Null(await reader.VerifyAsync());
        var entries = await AllAsync(reader);
        Assert.Equal(writers * perWriter, entries.Count);
        Assert.Equal(writers * perWriter, entries.Select(e => e.Subject).Distinct().Count());
        Assert.Equal((long)writers * perWriter, (await reader.ReadHeadAsync())!.Sequence);
    }
}
