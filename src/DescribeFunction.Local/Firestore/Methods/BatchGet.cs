using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// <c>POST …/documents:batchGet</c>: a JSON array with one <c>found</c> or <c>missing</c> entry per distinct
/// requested name (a repeated name is answered once), optionally inside a transaction.
/// </summary>
internal sealed class BatchGet : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "batchGet" && target == FirestoreTarget.Root;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyObject("documents", "mask", "transaction", "newTransaction", "readTime");
        if (body["documents"] is not (null or JsonArray))
        {
            throw ErrorResponseException.InvalidArgument("batchGet \"documents\" must be an array of document names.");
        }

        var names = (JsonArray?)body["documents"] ?? [];

        var mask = body["mask"] is JsonObject m && m["fieldPaths"] is JsonArray paths
            ? paths.Select(p => ParsedFieldPath.Parse(p?.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : "")).ToList()
            : null;

        // Production refuses a name outside the request's database; the emulator would answer it as missing.
        var documents = names.Select(n => DocumentPath.ParseDocumentName(
                FirestoreRequest.Text(n, "documents[]") ?? throw ErrorResponseException.InvalidArgument("documents must hold name strings."),
                request.Database))
            .DistinctBy(p => p.Relative)
            .ToList();
        var (transaction, isNew) = ReadConsistency.Resolve(request, body);
        request.Store.RecordReads(request.Database, transaction, documents.Select(d => d.Relative));
        var readTime = StoredTimestamp.Format(request.Store.ReadTime());
        var results = new JsonArray();
        if (isNew)
        {
            results.Add(new JsonObject { ["transaction"] = transaction });
        }

        foreach (var path in documents)
        {
            results.Add(request.Store.Get(path) is { } document
                ? new JsonObject { ["found"] = DocumentJson.Render(path.FullName, document, mask), ["readTime"] = readTime }
                : new JsonObject { ["missing"] = path.FullName, ["readTime"] = readTime });
        }

        return Task.FromResult<JsonNode>(results);
    }
}
