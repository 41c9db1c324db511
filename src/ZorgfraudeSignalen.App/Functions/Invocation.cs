using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger: the trigger's and input
/// bindings' values under <c>Data</c> (keyed by binding name) and the trigger metadata under <c>Metadata</c>
/// (with <c>sys</c>: MethodName, UtcNow, RandGuid). The host serialises many string values a second time, so a
/// queue message id arrives as <c>"\"800a...\""</c> and a JSON queue message as a string holding a string holding
/// the JSON; <see cref="Value"/> and <see cref="Text"/> undo that.
/// </summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>The binding's value, with every layer of JSON-in-a-string removed; null when absent.</summary>
    public JsonElement? Value(string binding) =>
        Data is not null && Data.TryGetValue(binding, out var value) ? Unwrap(value) : null;

    /// <summary>A metadata value, unwrapped like <see cref="Value"/>; <paramref name="path"/> may go into objects: <c>sys.UtcNow</c>.</summary>
    public JsonElement? Meta(string path)
    {
        if (Metadata is null) return null;
        var parts = path.Split('.');
        if (!Metadata.TryGetValue(parts[0], out var current)) return null;
        current = Unwrap(current);
        foreach (var part in parts.Skip(1))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out var next)) return null;
            current = Unwrap(next);
        }
        return current;
    }

    /// <summary>The text of a string value (unwrapped), or the raw JSON of anything else.</summary>
    public static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } other => other.GetRawText(),
    };

    /// <summary>
    /// Removes JSON-in-a-string layers: a string whose content is itself a JSON string, object or array is parsed
    /// again, until what is left is plain text, a number, an object or an array.
    /// </summary>
    public static JsonElement Unwrap(JsonElement value)
    {
        for (var depth = 0; depth < 8 && value.ValueKind == JsonValueKind.String; depth++)
        {
            var text = value.GetString()!.Trim();
            if (text.Length == 0 || text[0] is not ('"' or '{' or '[')) break;
            try
            {
                using var parsed = JsonDocument.Parse(text);
                value = parsed.RootElement.Clone();
            }
            catch (JsonException)
            {
                break; // text that merely starts like JSON
            }
        }
        return value;
    }
}

/// <summary>
/// The reply the host expects: values for output bindings, log lines it writes to the function's logs, and the
/// value of a <c>$return</c> binding. Any non-2xx status fails the invocation, so the host retries the delivery.
/// </summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
