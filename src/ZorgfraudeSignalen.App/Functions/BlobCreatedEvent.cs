using System.Text;
using System.Text.Json;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// A storage <c>Microsoft.Storage.BlobCreated</c> event as Event Grid writes it to the ingestion queue, in the
/// Event Grid schema (<c>eventType</c>) or the CloudEvents schema (<c>type</c>). Only the reference is used: the
/// container and blob name from <c>subject</c> (<c>/blobServices/default/containers/{container}/blobs/{name}</c>).
/// </summary>
public sealed record BlobCreatedEvent(string Id, string EventType, string Container, string BlobName, string? ETag, long? ContentLength)
{
    private const string SubjectStart = "/blobServices/default/containers/";

    /// <summary>Reads the event from a queue message's value (already unwrapped); throws <see cref="FunctionFailedException"/> when it is none.</summary>
    public static BlobCreatedEvent Parse(JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.String && TryBase64Json(message.GetString()!, out var decoded))
            message = decoded; // a queue read without the host's base64 decoding
        if (message.ValueKind == JsonValueKind.Array && message.GetArrayLength() == 1)
            message = message[0];
        if (message.ValueKind != JsonValueKind.Object)
            throw new FunctionFailedException($"The queue message is no Event Grid event: {Shorten(message.GetRawText())}");

        var type = StringOf(message, "eventType") ?? StringOf(message, "type") ?? "";
        var subject = StringOf(message, "subject") ?? "";
        var id = StringOf(message, "id") ?? "";
        if (!subject.StartsWith(SubjectStart, StringComparison.Ordinal) || subject.IndexOf("/blobs/", SubjectStart.Length, StringComparison.Ordinal) is var at && at < 0)
            throw new FunctionFailedException($"Event {id} ({type}) has no blob subject: '{subject}'.");
        var container = subject[SubjectStart.Length..at];
        var name = subject[(at + "/blobs/".Length)..];

        string? etag = null;
        long? length = null;
        if (message.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            etag = StringOf(data, "eTag");
            if (data.TryGetProperty("contentLength", out var l) && l.TryGetInt64(out var n)) length = n;
        }
        return new BlobCreatedEvent(id, type, container, name, etag, length);
    }

    public bool IsBlobCreated => EventType == "Microsoft.Storage.BlobCreated";

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryBase64Json(string text, out JsonElement json)
    {
        json = default;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length)) return false;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, length));
            json = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
