namespace DescribeFunction.Local.Firestore;

/// <summary>
/// A validated path below a database's <c>documents</c> root: an even number of segments names a document
/// (<c>col/doc</c>, <c>col/doc/sub/doc</c>), an odd number names a collection.
/// </summary>
internal sealed class DocumentPath
{
    private const string DocumentsMarker = "/documents";

    private DocumentPath(string database, IReadOnlyList<string> segments)
    {
        Database = database;
        Segments = segments;
    }

    /// <summary><c>projects/{p}/databases/{d}</c>.</summary>
    public string Database { get; }

    public IReadOnlyList<string> Segments { get; }

    public bool IsDocument => Segments.Count > 0 && Segments.Count % 2 == 0;

    /// <summary>The segments joined with '/', the store's key within its database (ids never contain '/').</summary>
    public string Relative => string.Join('/', Segments);

    public string FullName => Segments.Count == 0 ? Database + DocumentsMarker : $"{Database}{DocumentsMarker}/{Relative}";

    public static string DatabaseName(string project, string database) => $"projects/{project}/databases/{database}";

    /// <summary>Builds a path from decoded segments, validating each id.</summary>
    public static DocumentPath Create(string database, IReadOnlyList<string> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            ResourceIds.Validate(segments[i], i % 2 == 0 ? "collection" : "document");
        }

        return new DocumentPath(database, segments);
    }

    /// <summary>Parses a full document name as it appears in request bodies (plain text, not URL-encoded).</summary>
    public static DocumentPath ParseDocumentName(string name, string expectedDatabase)
    {
        var prefix = expectedDatabase + DocumentsMarker + "/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw ErrorResponseException.InvalidArgument(
                $"Document name \"{name}\" is not in database \"{expectedDatabase}\" (expected the prefix \"{prefix}\").");
        }

        var path = Create(expectedDatabase, name[prefix.Length..].Split('/'));
        if (!path.IsDocument)
        {
            throw ErrorResponseException.InvalidArgument(
                $"Document name \"{name}\" has an odd number of path segments after /documents; a document id must not contain '/'.");
        }

        return path;
    }

    /// <summary>Checks the shape of a <c>referenceValue</c>: a full document name in any database.</summary>
    public static DocumentPath ParseReference(string name)
    {
        var parts = name.Split('/');
        if (parts.Length < 7 || parts[0] != "projects" || parts[2] != "databases" || parts[4] != "documents"
            || parts[1].Length == 0 || parts[3].Length == 0)
        {
            throw ErrorResponseException.InvalidArgument($"referenceValue \"{name}\" is not a document name (projects/{{p}}/databases/{{d}}/documents/...).");
        }

        return ParseDocumentName(name, DatabaseName(parts[1], parts[3]));
    }

    public string DocumentId => Segments[^1];

    /// <summary>The collection path holding this document (all but the last segment).</summary>
    public string ParentCollection => string.Join('/', Segments.Take(Segments.Count - 1));
}
