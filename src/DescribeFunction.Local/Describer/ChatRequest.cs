using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Describer;

/// <summary>The parts of a Chat Completions request the describer uses.</summary>
/// <param name="ResponseFormat">The request's <c>response_format</c>, when it asked for JSON.</param>
internal sealed record ChatRequest(string Model, bool Stream, int? MaxTokens, IReadOnlyList<string> ImageUrls, int PromptWords, JsonObject? ResponseFormat = null)
{
    /// <summary>The schema of a <c>json_schema</c> response format; an empty object for <c>json_object</c>.</summary>
    public JsonObject? ResponseSchema => Text(ResponseFormat?["type"]) switch
    {
        "json_schema" => ResponseFormat?["json_schema"]?["schema"] as JsonObject,
        "json_object" => [],
        _ => null,
    };

    /// <summary>Parses the request body; content may be a plain string or an array of parts.</summary>
    public static ChatRequest? TryParse(ReadOnlySpan<byte> body, out string error)
    {
        error = "";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            error = "Invalid JSON payload received. " + ex.Message;
            return null;
        }

        if (root is not JsonObject request || request["messages"] is not JsonArray messages)
        {
            error = "Invalid JSON payload received: a messages array is required.";
            return null;
        }

        var images = new List<string>();
        var words = 0;
        foreach (var message in messages.OfType<JsonObject>())
        {
            words += CollectContent(message, images);
        }

        var format = request["response_format"] as JsonObject;
        if (Text(format?["type"]) == "json_schema" && format?["json_schema"]?["schema"] is not JsonObject)
        {
            error = "Invalid JSON payload received: response_format.json_schema.schema must be a JSON Schema object.";
            return null;
        }

        return new ChatRequest(
            Text(request["model"]) ?? "",
            Bool(request["stream"]),
            Int(request["max_completion_tokens"]) ?? Int(request["max_tokens"]),
            images,
            words,
            Text(format?["type"]) is "json_schema" or "json_object" ? format : null);
    }

    private static int CollectContent(JsonObject message, List<string> images)
    {
        var isUser = Text(message["role"]) == "user";
        switch (message["content"])
        {
            case JsonValue value when Text(value) is { } text:
                return CountWords(text);
            case JsonArray parts:
                var words = 0;
                foreach (var part in parts.OfType<JsonObject>())
                {
                    words += CountWords(Text(part["text"]) ?? "");
                    if (isUser && Text(part["type"]) == "image_url" && Text(part["image_url"]?["url"]) is { } url)
                    {
                        images.Add(url);
                    }
                }

                return words;
            default:
                return 0;
        }
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;
}
