using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>A copy of one stored document, with its fields in Firestore's REST encoding.</summary>
public sealed record FirestoreDocumentSnapshot(string Name, JsonObject Fields, DateTimeOffset CreateTime, DateTimeOffset UpdateTime)
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document id: the last segment of the name.</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];

    /// <summary>The document as the REST API returns it.</summary>
    public JsonObject ToJson() => DocumentJson.Render(
        Name,
        new StoredDocument(Fields, StoredTimestamp.FromDateTimeOffset(CreateTime), StoredTimestamp.FromDateTimeOffset(UpdateTime)),
        null);

    /// <summary>Indented JSON for printing.</summary>
    public string ToJsonString()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            ToJson().WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static FirestoreDocumentSnapshot From(string name, StoredDocument document) => new(
        name,
        (JsonObject)document.Fields.DeepClone(),
        StoredTimestamp.ToDateTimeOffset(document.CreateMicros),
        StoredTimestamp.ToDateTimeOffset(document.UpdateMicros));
}
