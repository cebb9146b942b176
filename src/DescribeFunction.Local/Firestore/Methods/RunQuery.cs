using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// <c>POST …/documents[/{document}]:runQuery</c>: the streamed JSON array of <c>RunQueryResponse</c>s, one per
/// document with its <c>readTime</c>, <c>skippedResults</c> on the first when an offset skipped some, and
/// <c>done</c> on the last (alone when nothing matched).
/// </summary>
internal sealed class RunQuery : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "runQuery" && target != FirestoreTarget.Collection;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyObject("structuredQuery", "transaction", "newTransaction", "readTime", "explainOptions");
        if (body.ContainsKey("explainOptions"))
        {
            throw ErrorResponseException.Unimplemented("Query explain is not implemented by this stand-in.");
        }

        var query = StructuredQuery.Parse(body["structuredQuery"] ?? throw ErrorResponseException.InvalidArgument("runQuery needs a structuredQuery."), request.Database);
        if (query.Nearest is not null)
        {
            request.Store.VectorIndexes?.Require(query, request.Route);
        }

        var (transaction, isNew) = ReadConsistency.Resolve(request, body);
        var result = QueryRunner.Run(query, request.Path, request.Store.Documents(request.Database));
        request.Store.RecordReads(request.Database, transaction, result.Keys(request.Database));
        var readTime = StoredTimestamp.Format(request.Store.ReadTime());
        var responses = new JsonArray();
        if (isNew)
        {
            responses.Add(new JsonObject { ["transaction"] = transaction });
        }

        foreach (var document in result.Documents)
        {
            responses.Add(new JsonObject { ["document"] = DocumentJson.Render(document.Name, document.Stored, query.Select), ["readTime"] = readTime });
        }

        if (result.Documents.Count == 0 || isNew && responses.Count == 1)
        {
            responses.Add(new JsonObject { ["readTime"] = readTime });
        }

        var first = (JsonObject)responses[isNew ? 1 : 0]!;
        if (result.Skipped > 0 && result.Documents.Count > 0)
        {
            first["skippedResults"] = result.Skipped;
        }

        ((JsonObject)responses[^1]!)["done"] = true;
        return Task.FromResult<JsonNode>(responses);
    }
}
