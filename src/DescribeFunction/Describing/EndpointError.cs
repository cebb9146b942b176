using System.Text.Json;

namespace DescribeFunction.Describing;

/// <summary>
/// Reads the message out of an endpoint's error body: Google's <c>{"error":{"code","message","status"}}</c> (also
/// wrapped in an array, as the Vertex OpenAI endpoint sometimes sends it) or OpenAI's
/// <c>{"error":{"message","type","code"}}</c>.
/// </summary>
internal static class EndpointError
{
    private const int MaxMessageLength = 1000;

    public static string? ReadMessage(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The message inside an error object, an object holding <c>error</c>, or an array of those.</summary>
    public static string? FromElement(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.GetArrayLength() > 0 ? FromElement(element[0]) : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("error", out var inner))
        {
            return inner.ValueKind == JsonValueKind.String ? Trim(inner.GetString()) : FromElement(inner);
        }

        return element.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            ? Trim(message.GetString())
            : null;
    }

    /// <summary>The numeric <c>code</c> of an error object (Google style), if present.</summary>
    public static int? ReadStatus(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out var inner))
        {
            element = inner;
        }

        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("code", out var code)
            && code.ValueKind == JsonValueKind.Number
            && code.TryGetInt32(out var status)
            ? status
            : null;
    }

    private static string? Trim(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        message = message.Trim();
        return message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";
    }
}
