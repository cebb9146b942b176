using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>Request and response bodies as JsonNode: no reflection-based serialization.</summary>
internal static class JsonIo
{
    /// <summary>
    /// Deep enough for Firestore's own limit (maps and arrays 20 levels deep take about three JSON levels each, inside
    /// the request's own nesting), so that limit is checked, and answered, by the value rules rather than the reader.
    /// </summary>
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 256 };

    public static async Task<JsonNode?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray(), documentOptions: ReaderOptions);
        }
        catch (JsonException error)
        {
            throw ErrorResponseException.InvalidArgument($"Invalid JSON payload received: {error.Message}");
        }
    }

    public static async Task WriteAsync(HttpContext context, JsonNode response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=UTF-8";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            response.WriteTo(writer);
        }

        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }
}
