using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>POST …/documents/{collection}?documentId=</c>: creates a document, with a generated 20-character id when none is given.</summary>
internal sealed class CreateDocument : IFirestoreMethod
{
    private const string AutoIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb is null && target == FirestoreTarget.Collection;

    public async Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var id = request.Query["documentId"].ToString();
        var path = DocumentPath.Create(request.Database, [.. request.Route.Segments, id.Length > 0 ? id : RandomNumberGenerator.GetString(AutoIdAlphabet, 20)]);
        var write = new DocumentWrite(WriteKind.Update, path, DocumentBody.Fields(request.Body), null, [], new Precondition(false, null));
        var outcome = await DocumentBody.CommitOneAsync(request, write, cancellationToken);
        return DocumentJson.Render(path.FullName, outcome.Document!, request.ReadMask());
    }
}
