using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>POST …/documents:rollback</c>: ends a transaction without writing, releasing its locks.</summary>
internal sealed class Rollback : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "rollback" && target == FirestoreTarget.Root;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var transaction = FirestoreRequest.Text(request.BodyObject("transaction")["transaction"], "transaction")
            ?? throw ErrorResponseException.InvalidArgument("rollback needs the transaction to end.");
        request.Store.Rollback(request.Database, transaction);
        return Task.FromResult<JsonNode>(new JsonObject());
    }
}
