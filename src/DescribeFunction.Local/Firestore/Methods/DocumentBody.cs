using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>What the single-document write methods (create, patch, delete) share.</summary>
internal static class DocumentBody
{
    public static JsonObject Fields(JsonNode? body) => body switch
    {
        null => [],
        JsonObject document when document.All(p => p.Key is "name" or "fields" or "createTime" or "updateTime") =>
            ValueNormalizer.NormalizeFields(document["fields"], "document.fields"),
        _ => throw ErrorResponseException.InvalidArgument("The body must be a document {\"fields\": {...}}."),
    };

    public static async Task<WriteOutcome> CommitOneAsync(FirestoreRequest request, DocumentWrite write, CancellationToken cancellationToken)
    {
        FirestoreRequest.RefuseReadTime(request.Query.ContainsKey("readTime"));
        var outcome = await request.Store.CommitAsync(request.Database, [write], request.RequestMicros, transaction: null, cancellationToken);
        return outcome.Writes[0];
    }
}
