using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Tests.Conformance;

/// <summary>
/// Brings two servers' answers to one comparable form: error bodies keep only <c>code</c> and <c>status</c> (messages
/// are the servers' own prose); server-chosen times become tokens that keep which of them are equal within the
/// scenario (<c>&lt;t1&gt;</c>, and <c>&lt;request-time1&gt;</c> for REQUEST_TIME values); read times and opaque tokens
/// (transactions, page tokens) become placeholders; numbers are compared by value; keys are sorted.
/// </summary>
public sealed class ResponseNormalizer
{
    private static readonly string[] DocumentTimes = ["createTime", "updateTime", "commitTime"];
    private static readonly string[] OpaqueTokens = ["transaction", "nextPageToken"];
    private readonly Dictionary<string, string> _times = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _requestTimes = new(StringComparer.Ordinal);

    public string Normalize(int status, JsonNode? body, IReadOnlyList<string> opaque)
    {
        if (body is JsonObject error && error["error"] is JsonObject details)
        {
            return $"{status} {details["status"]?.ToString()} (code {details["code"]?.ToString()})";
        }

        return $"{status} {Canonical(body, null, opaque)?.ToJsonString() ?? "<empty>"}";
    }

    private JsonNode? Canonical(JsonNode? node, string? key, IReadOnlyList<string> opaque)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sorted[name] = Canonical(value, name, opaque);
                }

                return sorted;
            case JsonArray array:
                return new JsonArray([.. array.Select(e => Canonical(e, null, opaque))]);
        }

        var kind = node.GetValueKind();
        if (key is not null && (opaque.Contains(key) || OpaqueTokens.Contains(key)))
        {
            return $"<{key}>";
        }

        if (kind == JsonValueKind.Number)
        {
            return JsonValue.Create(node.GetValue<double>());
        }

        if (kind != JsonValueKind.String)
        {
            return node.DeepClone();
        }

        var text = node.GetValue<string>();
        if (key == "readTime")
        {
            return "<read-time>";
        }

        if (key is not null && DocumentTimes.Contains(key))
        {
            return Token(_times, text, "t");
        }

        if (key == "timestampValue" && IsRecent(text))
        {
            return Token(_requestTimes, text, "request-time");
        }

        return text;
    }

    private static string Token(Dictionary<string, string> tokens, string value, string prefix)
    {
        if (!tokens.TryGetValue(value, out var token))
        {
            token = $"<{prefix}{tokens.Count + 1}>";
            tokens[value] = token;
        }

        return token;
    }

    /// <summary>A time the server chose (REQUEST_TIME), as opposed to a timestamp a scenario wrote.</summary>
    private static bool IsRecent(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
        && (DateTimeOffset.UtcNow - time).Duration() < TimeSpan.FromDays(1);
}
