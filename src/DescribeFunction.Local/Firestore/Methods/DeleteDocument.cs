using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>DELETE …/documents/{path}</c>, with an optional <c>currentDocument</c> precondition.</summary>
internal sealed class DeleteDocument : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsDelete(httpMethod) && verb is null && target == FirestoreTarget.Document;

    public async Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        await DocumentBody.CommitOneAsync(request, new DocumentWrite(WriteKind.Delete, request.Path, [], null, [], request.QueryPrecondition()), cancellationToken);
        return new JsonObject();
    }
}
