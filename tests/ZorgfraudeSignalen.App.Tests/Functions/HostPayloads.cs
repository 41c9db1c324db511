using System.Text.Json;

namespace ZorgfraudeSignalen.App.Tests.Functions;

/// <summary>
/// Request bodies as the Functions host sends them to a custom handler, string values JSON-encoded a second time
/// as the host does (documented shapes; recorded timer payload of host 4.24).
/// </summary>
public static class HostPayloads
{
    private static string Twice(string value) => JsonSerializer.Serialize(value); // a JSON string literal, itself put in a JSON string

    /// <summary>An Event Grid BlobCreated event in the Event Grid schema, as Event Grid writes it to the queue.</summary>
    public static string BlobCreatedEvent(string container, string blobName, string eventId, long length = 100) => JsonSerializer.Serialize(new
    {
        topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-zfs/providers/Microsoft.Storage/storageAccounts/stzfs",
        subject = $"/blobServices/default/containers/{container}/blobs/{blobName}",
        eventType = "Microsoft.Storage.BlobCreated",
        id = eventId,
        data = new
        {
            api = "PutBlob",
            clientRequestId = "6d79dbfb-0e37-4fc4-981f-442c9ca65760",
            requestId = "831e1650-001e-001b-66ab-eeb76e000000",
            eTag = "0x8D4BCC2E4835CD0",
            contentType = "text/csv",
            contentLength = length,
            blobType = "BlockBlob",
            url = $"https://stzfs.blob.core.windows.net/{container}/{blobName}",
            sequencer = "00000000000004420000000000028963",
            storageDiagnostics = new { batchId = "b68529f3-68cd-4744-baa4-3c0498ec19f0" },
        },
        dataVersion = "",
        metadataVersion = "1",
        eventTime = "2026-11-23T01:12:00.0000000Z",
    });

    /// <summary>A queue trigger invocation: the message under the binding name, the queue metadata beside it.</summary>
    public static string QueueInvocation(string binding, string message, string functionName, int dequeueCount = 1)
    {
        var id = Guid.NewGuid().ToString();
        return $$"""
        {
          "Data": { "{{binding}}": {{JsonSerializer.Serialize(Twice(message))}} },
          "Metadata": {
            "DequeueCount": {{dequeueCount}},
            "ExpirationTime": {{JsonSerializer.Serialize(Twice("2026-11-30T01:12:01+00:00"))}},
            "Id": {{JsonSerializer.Serialize(Twice(id))}},
            "InsertionTime": {{JsonSerializer.Serialize(Twice("2026-11-23T01:12:01+00:00"))}},
            "NextVisibleTime": {{JsonSerializer.Serialize(Twice("2026-11-23T01:14:02+00:00"))}},
            "PopReceipt": {{JsonSerializer.Serialize(Twice("AgAAAAMAAAAAAAAAAgtnj8x+1QE="))}},
            "sys": { "MethodName": "{{functionName}}", "UtcNow": "2026-11-23T01:12:02.2205399Z", "RandGuid": "{{Guid.NewGuid()}}" }
          }
        }
        """;
    }

    /// <summary>A timer invocation, as host 4.x sends it (ScheduleStatus null without a monitor record yet).</summary>
    public static string TimerInvocation(string binding, string functionName, DateTime utcNow, bool pastDue = false) => $$"""
        {
          "Data": {
            "{{binding}}": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": null,
              "IsPastDue": {{(pastDue ? "true" : "false")}}
            }
          },
          "Metadata": {
            "sys": { "MethodName": "{{functionName}}", "UtcNow": "{{utcNow:yyyy-MM-ddTHH:mm:ss.fffffffZ}}", "RandGuid": "{{Guid.NewGuid()}}" }
          }
        }
        """;
}
