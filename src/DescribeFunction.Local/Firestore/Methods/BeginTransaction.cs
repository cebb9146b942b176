using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>POST …/documents:beginTransaction</c>: a read-write (the default) or read-only transaction.</summary>
internal sealed class BeginTransaction : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "beginTransaction" && target == FirestoreTarget.Root;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyObject("options");
        return Task.FromResult<JsonNode>(new JsonObject { ["transaction"] = Begin(request, body["options"] ?? new JsonObject()) });
    }

    /// <summary>Begins a transaction from <c>TransactionOptions</c> (<c>readOnly</c> or <c>readWrite.retryTransaction</c>).</summary>
    public static string Begin(FirestoreRequest request, JsonNode options)
    {
        if (options is not JsonObject o || o.Any(p => p.Key is not ("readOnly" or "readWrite")) || o.Count > 1)
        {
            throw ErrorResponseException.InvalidArgument("Transaction options must be {\"readOnly\": {}} or {\"readWrite\": {}}.");
        }

        if (o["readOnly"] is JsonObject readOnly)
        {
            FirestoreRequest.RefuseReadTime(readOnly.ContainsKey("readTime"));
            return request.Store.BeginTransaction(request.Database, readOnly: true, retrying: null);
        }

        var retry = FirestoreRequest.Text(o["readWrite"]?["retryTransaction"], "readWrite.retryTransaction");
        return request.Store.BeginTransaction(request.Database, readOnly: false, retrying: retry);
    }
}
