using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>The document operations of Firestore REST v1 for one request: get, patch, delete, list, create, commit, batchGet.</summary>
internal sealed class DocumentOperations(DocumentStore store, FirestoreRoute route, IQueryCollection query, long requestMicros)
{
    private const string AutoIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public JsonNode Get(DocumentPath path)
    {
        RefuseTransaction();
        var document = store.Get(path) ?? throw ErrorResponseException.NotFound($"Document \"{path.FullName}\" not found.");
        return DocumentJson.Render(path.FullName, document, ReadMask());
    }

    /// <summary>Upserts; <c>updateMask.fieldPaths</c> limits the change to those paths, without it every field is replaced.</summary>
    public JsonNode Patch(DocumentPath path, JsonNode? body)
    {
        var mask = query.ContainsKey("updateMask.fieldPaths")
            ? query["updateMask.fieldPaths"].Select(p => ParsedFieldPath.Parse(p ?? "")).ToList()
            : null;
        var write = new DocumentWrite(WriteKind.Update, path, BodyFields(body), mask, [], QueryPrecondition());
        return DocumentJson.Render(path.FullName, WriteOne(write).Document!, ReadMask());
    }

    public JsonNode Delete(DocumentPath path)
    {
        WriteOne(new DocumentWrite(WriteKind.Delete, path, [], null, [], QueryPrecondition()));
        return new JsonObject();
    }

    /// <summary>createDocument: POST to a collection, with <c>documentId</c> or a generated 20-character id; fails if it exists.</summary>
    public JsonNode Create(DocumentPath collection, JsonNode? body)
    {
        var id = query["documentId"].ToString();
        var path = DocumentPath.Create(route.Database, [.. collection.Segments, id.Length > 0 ? id : RandomNumberGenerator.GetString(AutoIdAlphabet, 20)]);
        var write = new DocumentWrite(WriteKind.Update, path, BodyFields(body), null, [], new Precondition(false, null));
        return DocumentJson.Render(path.FullName, WriteOne(write).Document!, ReadMask());
    }

    public JsonNode List(DocumentPath collection)
    {
        RefuseTransaction();
        var pageSize = query["pageSize"].ToString() is { Length: > 0 } size
            ? int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ErrorResponseException.InvalidArgument("pageSize must be a non-negative integer.")
            : 0;
        var limit = pageSize > 0 ? pageSize : int.MaxValue;
        var page = store.List(collection, PageToken.AfterId(query["pageToken"].ToString()), limit == int.MaxValue ? limit : limit + 1);
        var result = new JsonObject();
        var shown = page.Take(limit).ToList();
        if (shown.Count > 0)
        {
            var mask = ReadMask();
            result["documents"] = new JsonArray([.. shown.Select(d => DocumentJson.Render($"{collection.FullName}/{d.Id}", d.Document, mask))]);
        }

        if (page.Count > limit)
        {
            result["nextPageToken"] = PageToken.Create(shown[^1].Id);
        }

        return result;
    }

    public JsonNode Commit(JsonNode? body)
    {
        var writes = CommitParser.Parse(body, route.Database);
        if (writes.Count == 0)
        {
            // Nothing committed, so no commit time: Firestore answers an empty commit with {}.
            return new JsonObject();
        }

        var outcome = store.Commit(route.Database, writes, requestMicros);
        return new JsonObject
        {
            ["writeResults"] = new JsonArray([.. outcome.Writes.Select(WriteResult)]),
            ["commitTime"] = StoredTimestamp.Format(outcome.CommitMicros),
        };
    }

    /// <summary>Answers as REST batchGet does: a JSON array with one <c>found</c> or <c>missing</c> entry per requested name.</summary>
    public JsonNode BatchGet(JsonNode? body)
    {
        if (body is not JsonObject request || request["documents"] is not JsonArray names
            || request.Any(p => p.Key is not ("documents" or "mask" or "transaction" or "newTransaction" or "readTime")))
        {
            throw ErrorResponseException.InvalidArgument("The batchGet body must be {\"documents\": [names], \"mask\"?}.");
        }

        if (request.ContainsKey("transaction") || request.ContainsKey("newTransaction") || request.ContainsKey("readTime"))
        {
            throw ErrorResponseException.Unimplemented("Transactions and readTime are not implemented by this stand-in.");
        }

        var mask = request["mask"] is JsonObject m && m["fieldPaths"] is JsonArray paths
            ? paths.Select(p => ParsedFieldPath.Parse(p?.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : "")).ToList()
            : null;
        var documents = names.Select(n => DocumentPath.ParseDocumentName(
            n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : throw ErrorResponseException.InvalidArgument("documents must hold name strings."),
            route.Database)).ToList();
        var readTime = StoredTimestamp.Format(store.ReadTime());
        return new JsonArray([.. documents.Select(path => store.Get(path) is { } document
            ? new JsonObject { ["found"] = DocumentJson.Render(path.FullName, document, mask), ["readTime"] = readTime }
            : new JsonObject { ["missing"] = path.FullName, ["readTime"] = readTime })]);
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

    private WriteOutcome WriteOne(DocumentWrite write)
    {
        RefuseTransaction();
        return store.Commit(route.Database, [write], requestMicros).Writes[0];
    }

    private static JsonObject BodyFields(JsonNode? body) => body switch
    {
        null => [],
        JsonObject document => ValueNormalizer.NormalizeFields(document["fields"], "document.fields"),
        _ => throw ErrorResponseException.InvalidArgument("The body must be a document {\"fields\": {...}}."),
    };

    private Precondition? QueryPrecondition() => Precondition.FromQuery(
        query.TryGetValue("currentDocument.exists", out var exists) ? exists.ToString() : null,
        query.TryGetValue("currentDocument.updateTime", out var updateTime) ? updateTime.ToString() : null);

    private List<ParsedFieldPath>? ReadMask() =>
        query.ContainsKey("mask.fieldPaths") ? [.. query["mask.fieldPaths"].Select(p => ParsedFieldPath.Parse(p ?? ""))] : null;

    private void RefuseTransaction()
    {
        if (query.ContainsKey("transaction") || query.ContainsKey("readTime"))
        {
            throw ErrorResponseException.Unimplemented("Transactions and readTime are not implemented by this stand-in.");
        }
    }
}
