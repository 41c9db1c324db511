using System.Text.Json;
using ZorgfraudeSignalen.App.Functions;

namespace ZorgfraudeSignalen.App.Tests.Functions;

public sealed class InvocationRequestTests
{
    [Fact]
    public void Doubly_encoded_queue_data_and_metadata_unwrap_to_their_values()
    {
        var message = HostPayloads.BlobCreatedEvent("extracts", "clienten/januari.csv", "ev-1");
        var request = JsonSerializer.Deserialize<InvocationRequest>(HostPayloads.QueueInvocation("event", message, "IngestExtract", dequeueCount: 3))!;

        var value = request.Value("event")!.Value;
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal("ev-1", value.GetProperty("id").GetString());
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", InvocationRequest.Text(request.Meta("PopReceipt")));
        Assert.Equal(3, request.Meta("DequeueCount")!.Value.GetInt32());
        Assert.Equal("IngestExtract", InvocationRequest.Text(request.Meta("sys.MethodName")));
        Assert.Null(request.Value("missing"));
        Assert.Null(request.Meta("sys.Missing"));
    }

    [Fact]
    public void Plain_text_that_only_looks_like_JSON_stays_text()
    {
        var request = JsonSerializer.Deserialize<InvocationRequest>("""{"Data":{"m":"\"{not json\""},"Metadata":{}}""")!;
        Assert.Equal("{not json", InvocationRequest.Text(request.Value("m")));
    }

    [Fact]
    public void A_blob_created_event_names_the_container_and_the_blob()
    {
        var json = JsonDocument.Parse(HostPayloads.BlobCreatedEvent("extracts", "declaraties/2026 november (1).csv", "ev-2", 1234)).RootElement;
        var parsed = BlobCreatedEvent.Parse(json);
        Assert.True(parsed.IsBlobCreated);
        Assert.Equal(("extracts", "declaraties/2026 november (1).csv", "ev-2", 1234L), (parsed.Container, parsed.BlobName, parsed.Id, parsed.ContentLength!.Value));
    }

    [Fact]
    public void Events_in_CloudEvents_schema_or_still_base64_encoded_parse_the_same()
    {
        var cloudEvent = """{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st","id":"ce-1","subject":"/blobServices/default/containers/extracts/blobs/aanbieders/a.csv","data":{"contentLength":5}}""";
        var fromCloudEvent = BlobCreatedEvent.Parse(JsonDocument.Parse(cloudEvent).RootElement);
        Assert.Equal("aanbieders/a.csv", fromCloudEvent.BlobName);
        Assert.True(fromCloudEvent.IsBlobCreated);

        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(cloudEvent));
        var fromBase64 = BlobCreatedEvent.Parse(JsonDocument.Parse(JsonSerializer.Serialize(base64)).RootElement);
        Assert.Equal(fromCloudEvent, fromBase64);
    }

    [Fact]
    public void A_message_that_is_no_blob_event_is_a_clear_failure()
    {
        var e = Assert.Throws<FunctionFailedException>(() => BlobCreatedEvent.Parse(JsonDocument.Parse("\"hello\"").RootElement));
        Assert.Contains("no Event Grid event", e.Message);
        Assert.Throws<FunctionFailedException>(() => BlobCreatedEvent.Parse(JsonDocument.Parse("""{"id":"x","eventType":"Microsoft.Storage.BlobCreated","subject":"/containers/x"}""").RootElement));
    }
}
