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

    /// <summary>
    /// The <c>retryDelay</c> of a <c>type.googleapis.com/google.rpc.RetryInfo</c> entry in the error's
    /// <c>details</c> (a protobuf JSON duration such as <c>"39s"</c> or <c>"0.250s"</c>), if there is one.
    /// </summary>
    public static TimeSpan? ReadRetryDelay(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            var root = document.RootElement;
            root = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : root;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("details", out var details)
                || details.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind == JsonValueKind.Object
                    && detail.TryGetProperty("@type", out var type) && type.GetString() is { } typeUrl
                    && typeUrl.EndsWith("/google.rpc.RetryInfo", StringComparison.Ordinal)
                    && detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String)
                {
                    return ParseDuration(delay.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>Protobuf's JSON form of a Duration: seconds with up to nine decimals and an <c>s</c>.</summary>
    private static TimeSpan? ParseDuration(string text) =>
        text.EndsWith('s')
            && decimal.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds <= (decimal)TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromMilliseconds((double)(seconds * 1000))
            : null;

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
