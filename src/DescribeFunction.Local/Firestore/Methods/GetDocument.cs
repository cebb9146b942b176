using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>GET …/documents/{path}</c>: one document, optionally masked, optionally inside a transaction.</summary>
internal sealed class GetDocument : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsGet(httpMethod) && verb is null && target == FirestoreTarget.Document;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var path = request.Path;
        request.Store.RecordReads(request.Database, request.QueryTransaction(), [path.Relative]);
        var document = request.Store.Get(path) ?? throw ErrorResponseException.NotFound($"Document \"{path.FullName}\" not found.");
        return Task.FromResult<JsonNode>(DocumentJson.Render(path.FullName, document, request.ReadMask()));
    }
}
