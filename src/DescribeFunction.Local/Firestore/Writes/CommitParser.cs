using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>Turns a <c>documents:commit</c> body into validated <see cref="DocumentWrite"/>s.</summary>
internal static class CommitParser
{
    private static readonly string[] WriteKeys = ["update", "delete", "transform", "updateMask", "updateTransforms", "currentDocument"];
    private static readonly string[] Operations = ["update", "delete", "transform"];

    public static IReadOnlyList<DocumentWrite> Parse(JsonNode? body, string database)
    {
        if (body is not JsonObject request || request.Any(p => p.Key is not ("writes" or "transaction")))
        {
            throw ErrorResponseException.InvalidArgument("The commit body must be {\"writes\": [...]}.");
        }

        if (request["writes"] is not (null or JsonArray))
        {
            throw ErrorResponseException.InvalidArgument("\"writes\" must be an array.");
        }

        var writes = (JsonArray?)request["writes"] ?? [];
        return [.. writes.Select((w, i) => ParseWrite(w, database, $"writes[{i}]"))];
    }

    private static DocumentWrite ParseWrite(JsonNode? node, string database, string where)
    {
        if (node is not JsonObject write || write.Any(p => !WriteKeys.Contains(p.Key)))
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be an object with update, delete or transform (and updateMask, updateTransforms, currentDocument).");
        }

        var operations = Operations.Count(write.ContainsKey);
        if (operations != 1)
        {
            throw ErrorResponseException.InvalidArgument($"{where} must have exactly one of update, delete, transform.");
        }

        var precondition = Precondition.FromJson(write["currentDocument"], $"{where}.currentDocument");
        if (write["delete"] is { } delete)
        {
            if (write.ContainsKey("updateMask") || write.ContainsKey("updateTransforms"))
            {
                throw ErrorResponseException.InvalidArgument($"{where}: a delete cannot carry updateMask or updateTransforms.");
            }

            return new DocumentWrite(WriteKind.Delete, DocumentName(delete, database, $"{where}.delete"), [], null, [], precondition);
        }

        if (write["transform"] is { } transform)
        {
            if (transform is not JsonObject t || write.ContainsKey("updateMask") || write.ContainsKey("updateTransforms"))
            {
                throw ErrorResponseException.InvalidArgument($"{where}.transform must be {{\"document\", \"fieldTransforms\"}} on its own.");
            }

            var target = DocumentName(t["document"], database, $"{where}.transform.document");
            return new DocumentWrite(WriteKind.Transform, target, [], [], FieldTransform.ParseAll(t["fieldTransforms"], $"{where}.transform.fieldTransforms", requireSome: true), precondition);
        }

        if (write["update"] is not JsonObject update || update.Any(p => p.Key is not ("name" or "fields" or "createTime" or "updateTime")))
        {
            throw ErrorResponseException.InvalidArgument($"{where}.update must be a document {{\"name\", \"fields\"}}.");
        }

        var path = DocumentName(update["name"], database, $"{where}.update.name");
        var fields = ValueNormalizer.NormalizeFields(update["fields"], $"{where}.update.fields");
        var mask = write["updateMask"] is { } m ? Mask(m, $"{where}.updateMask") : null;
        return new DocumentWrite(WriteKind.Update, path, fields, mask, FieldTransform.ParseAll(write["updateTransforms"], $"{where}.updateTransforms", requireSome: false), precondition);
    }

    private static DocumentPath DocumentName(JsonNode? node, string database, string where) =>
        node?.GetValueKind() == JsonValueKind.String
            ? DocumentPath.ParseDocumentName(node.GetValue<string>(), database)
            : throw ErrorResponseException.InvalidArgument($"{where} must be a document name string.");

    private static List<ParsedFieldPath> Mask(JsonNode node, string where)
    {
        if (node is not JsonObject mask || mask.Any(p => p.Key != "fieldPaths") || mask["fieldPaths"] is not (null or JsonArray))
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be {{\"fieldPaths\": [...]}}.");
        }

        return [.. ((JsonArray?)mask["fieldPaths"] ?? []).Select(p => p?.GetValueKind() == JsonValueKind.String
            ? ParsedFieldPath.Parse(p.GetValue<string>())
            : throw ErrorResponseException.InvalidArgument($"{where}.fieldPaths must hold strings."))];
    }
}
