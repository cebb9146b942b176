using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>A document as read. The raw time strings are kept because preconditions must echo them exactly.</summary>
public sealed class FirestoreDocument
{
    public FirestoreDocument(string name, DocumentFields fields, string createTimeRaw, string updateTimeRaw)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentException.ThrowIfNullOrEmpty(createTimeRaw);
        ArgumentException.ThrowIfNullOrEmpty(updateTimeRaw);
        Name = name;
        Fields = fields;
        CreateTimeRaw = createTimeRaw;
        UpdateTimeRaw = updateTimeRaw;
        CreateTime = FirestoreTimestamp.Parse(createTimeRaw);
        UpdateTime = FirestoreTimestamp.Parse(updateTimeRaw);
    }

    /// <summary>The full resource name, <c>projects/{p}/databases/{d}/documents/{collection}/{id}</c>.</summary>
    public string Name { get; }

    /// <summary>The last segment of <see cref="Name"/> (ids never contain <c>/</c>).</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];

    public DocumentFields Fields { get; }

    public DateTimeOffset CreateTime { get; }

    public DateTimeOffset UpdateTime { get; }

    public string CreateTimeRaw { get; }

    /// <summary>Exactly as the server sent it, for <see cref="FirestorePrecondition.UpdateTime"/>.</summary>
    public string UpdateTimeRaw { get; }

    /// <summary>A precondition that holds only while the document is unchanged since this read.</summary>
    public FirestorePrecondition Unchanged => FirestorePrecondition.UpdateTime(UpdateTimeRaw);

    /// <summary>Reads a REST <c>Document</c> object.</summary>
    public static FirestoreDocument Parse(JsonElement document)
    {
        var fields = document.TryGetProperty("fields", out var f) ? FirestoreValue.ReadFields(f) : new DocumentFields();
        return new FirestoreDocument(
            RequiredString(document, "name"),
            fields,
            RequiredString(document, "createTime"),
            RequiredString(document, "updateTime"));
    }

    private static string RequiredString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"A Firestore document has no '{property}'.");
}
