using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>A document in its REST shape: <c>{"name", "fields", "createTime", "updateTime"}</c> (no <c>fields</c> when empty, as proto JSON omits it).</summary>
internal static class DocumentJson
{
    public static JsonObject Render(string name, StoredDocument document, IReadOnlyList<ParsedFieldPath>? mask)
    {
        var fields = mask is null ? (JsonObject)document.Fields.DeepClone() : FieldAccess.Project(document.Fields, mask);
        var json = new JsonObject { ["name"] = name };
        if (fields.Count > 0)
        {
            json["fields"] = fields;
        }

        json["createTime"] = StoredTimestamp.Format(document.CreateMicros);
        json["updateTime"] = StoredTimestamp.Format(document.UpdateMicros);
        return json;
    }
}
