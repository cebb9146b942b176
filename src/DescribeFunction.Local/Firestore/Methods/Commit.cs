using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>POST …/documents:commit</c>: writes applied atomically, optionally ending a transaction.</summary>
internal sealed class Commit : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "commit" && target == FirestoreTarget.Root;

    public async Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyObject("writes", "transaction");
        var writes = CommitParser.Parse(body, request.Database);
        var transaction = FirestoreRequest.Text(body["transaction"], "transaction");
        if (writes.Count == 0 && transaction is null)
        {
            // Nothing committed, so no commit time: Firestore answers an empty commit with {}.
            return new JsonObject();
        }

        var outcome = await request.Store.CommitAsync(request.Database, writes, request.RequestMicros, transaction, cancellationToken);
        if (writes.Count == 0)
        {
            return new JsonObject();
        }

        return new JsonObject
        {
            ["writeResults"] = new JsonArray([.. outcome.Writes.Select(WriteResult)]),
            ["commitTime"] = StoredTimestamp.Format(outcome.CommitMicros),
        };
    }

    private static JsonObject WriteResult(WriteOutcome outcome)
    {
        var result = new JsonObject();
        if (outcome.Document is { } document)
        {
            result["updateTime"] = StoredTimestamp.Format(document.UpdateMicros);
        }

        if (outcome.TransformResults.Count > 0)
        {
            result["transformResults"] = new JsonArray([.. outcome.TransformResults]);
        }

        return result;
    }
}
