using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// <c>PATCH …/documents/{path}</c>: upserts; <c>updateMask.fieldPaths</c> limits the change to those paths, without
/// it every field is replaced. A collection path is INVALID_ARGUMENT, as Firestore answers it.
/// </summary>
internal sealed class PatchDocument : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPatch(httpMethod) && verb is null && target != FirestoreTarget.Root;

    public async Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var path = request.Path;
        if (!path.IsDocument)
        {
            throw ErrorResponseException.InvalidArgument($"\"{path.FullName}\" is a collection; PATCH needs a document name.");
        }

        var mask = request.Query.ContainsKey("updateMask.fieldPaths")
            ? request.Query["updateMask.fieldPaths"].Select(p => ParsedFieldPath.Parse(p ?? "")).ToList()
            : null;
        var write = new DocumentWrite(WriteKind.Update, path, DocumentBody.Fields(request.Body), mask, [], request.QueryPrecondition());
        var outcome = await DocumentBody.CommitOneAsync(request, write, cancellationToken);
        return DocumentJson.Render(path.FullName, outcome.Document!, request.ReadMask());
    }
}
