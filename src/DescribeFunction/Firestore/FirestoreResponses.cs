using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>Reads the JSON answers of commit and batchGet, and Google's error body.</summary>
internal static class FirestoreResponses
{
    public static CommitResult Commit(JsonElement root)
    {
        var results = new List<WriteResult>();
        if (root.TryGetProperty("writeResults", out var writeResults))
        {
            foreach (var result in writeResults.EnumerateArray())
            {
                results.Add(new WriteResult(result.TryGetProperty("updateTime", out var u) ? u.GetString() : null));
            }
        }

        return root.TryGetProperty("commitTime", out _)
            ? new CommitResult(results)
            : throw new FormatException("A commit response has no commitTime.");
    }

    /// <summary>
    /// The streamed BatchGetDocumentsResponse array: each element holds <c>found</c> (a document) or
    /// <c>missing</c> (a name). Returns the documents found, by name.
    /// </summary>
    public static Dictionary<string, FirestoreDocument> BatchGet(JsonElement root)
    {
        var found = new Dictionary<string, FirestoreDocument>(StringComparer.Ordinal);
        foreach (var element in root.EnumerateArray())
        {
            if (element.TryGetProperty("found", out var document))
            {
                var parsed = FirestoreDocument.Parse(document);
                found[parsed.Name] = parsed;
            }
            else if (!element.TryGetProperty("missing", out _))
            {
                throw new FormatException("A batchGet response element has neither 'found' nor 'missing'.");
            }
        }

        return found;
    }

    /// <summary>Google's <c>{"error":{"code","message","status"}}</c>; tolerant of bodies that are not that.</summary>
    public static (string Status, string? Message) Error(int httpStatus, ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0]; // batchGet streams can carry the error as an array element
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) &&
                error.ValueKind == JsonValueKind.Object)
            {
                var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
                    ? s.GetString()
                    : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString()
                    : null;
                return (string.IsNullOrEmpty(status) ? FirestoreStatus.FromHttpStatus(httpStatus) : status, message);
            }
        }
        catch (JsonException)
        {
            // A proxy's HTML page or an empty body: the HTTP status is all there is.
        }

        return (FirestoreStatus.FromHttpStatus(httpStatus), null);
    }
}
