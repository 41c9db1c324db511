using System.Security.Cryptography;
using System.Text;
using ZorgfraudeSignalen.Core.Storage;
using ZorgfraudeSignalen.Storage.Azure;
using ZorgfraudeSignalen.Tests.Shared;

namespace ZorgfraudeSignalen.Storage.Tests;

/// <summary>What only the Azure adapters have to get right: multi-block uploads, JSON over one property's limit, settings.</summary>
public sealed class AzureStoreTests
{
    private static Store NewStore() =>
        AzureStore.Open(AzureStoreOptions.FromConnectionString(Azurite.ConnectionStringAsync().GetAwaiter().GetResult(), Azurite.UniquePrefix()));

    [Fact]
    public async Task A_blob_of_several_blocks_reads_back_whole_and_a_failed_one_leaves_the_old_content()
    {
        var store = NewStore();
        var content = new byte[4 * 1024 * 1024 + 123]; // a block of 4 MiB and a bit
        new Random(7).NextBytes(content);
        await store.Blobs.WriteAsync(StoreNames.ExtractsContainer, "declaraties/groot.csv", async stream =>
        {
            for (var offset = 0; offset < content.Length; offset += 100_000)
                await stream.WriteAsync(content.AsMemory(offset, Math.Min(100_000, content.Length - offset)));
        });
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await store.Blobs.ReadBytesAsync(StoreNames.ExtractsContainer, "declaraties/groot.csv")));

        await Assert.ThrowsAsync<IOException>(() => store.Blobs.WriteAsync(StoreNames.ExtractsContainer, "declaraties/groot.csv", async stream =>
        {
            await stream.WriteAsync(new byte[5 * 1024 * 1024]); // staged blocks, never committed
            throw new IOException("the source broke off");
        }));
        var listed = new List<BlobInfo>();
        await foreach (var blob in store.Blobs.ListAsync(StoreNames.ExtractsContainer)) listed.Add(blob);
        Assert.Equal(content.Length, Assert.Single(listed).Length);
    }

    [Fact]
    public async Task A_record_longer_than_one_table_property_round_trips()
    {
        var store = NewStore();
        var json = "{\"toelichting\":\"" + string.Concat(Enumerable.Range(0, 30000).Select(i => $"é{i % 10}ë")) + "\"}";
        Assert.True(json.Length > 32 * 1024);
        var etag = await store.Tables.InsertAsync(StoreNames.RunsTable, new TableRecord("runs", "r1", json));
        var read = await store.Tables.GetAsync(StoreNames.RunsTable, "runs", "r1");
        Assert.Equal(json, read!.Json);
        Assert.Equal(etag, read.ETag);
        await store.Tables.ReplaceAsync(StoreNames.RunsTable, new TableRecord("runs", "r1", "{}"), etag);
        Assert.Equal("{}", (await store.Tables.GetAsync(StoreNames.RunsTable, "runs", "r1"))!.Json); // no stale continuation
    }

    [Fact]
    public async Task Stores_with_different_prefixes_do_not_see_each_other()
    {
        var (a, b) = (NewStore(), NewStore());
        await a.Blobs.WriteTextAsync(StoreNames.ReportsContainer, "r.json", "{}");
        await a.Tables.UpsertAsync(StoreNames.AuditTable, new TableRecord("p", "r", "{}"));
        Assert.False(await b.Blobs.ExistsAsync(StoreNames.ReportsContainer, "r.json"));
        Assert.Null(await b.Tables.GetAsync(StoreNames.AuditTable, "p", "r"));
    }

    [Fact]
    public void Settings_choose_a_connection_string_or_an_identity_based_connection()
    {
        Assert.Null(AzureStoreOptions.FromSettings(_ => null));

        var local = AzureStoreOptions.FromSettings(name => name switch { "ZfsStorage" => "UseDevelopmentStorage=true", "ZFS_STORAGE_PREFIX" => "dev", _ => null })!;
        Assert.Equal("UseDevelopmentStorage=true", local.ConnectionString);
        Assert.Equal("devextracts", local.ContainerName(StoreNames.ExtractsContainer));

        var cloud = AzureStoreOptions.FromSettings(name => name switch
        {
            "ZfsStorage__accountName" => "stzfsprod",
            "ZfsStorage__credential" => "managedidentity",
            _ => null,
        })!;
        Assert.Null(cloud.ConnectionString);
        Assert.Equal(new Uri("https://stzfsprod.blob.core.windows.net"), cloud.BlobServiceUri);
        Assert.Equal(new Uri("https://stzfsprod.table.core.windows.net"), cloud.TableServiceUri);
        Assert.IsType<global::Azure.Identity.ManagedIdentityCredential>(cloud.Credential);

        Assert.Throws<ArgumentException>(() => AzureStoreOptions.FromConnectionString("x", "Bad-Prefix"));
    }
}
