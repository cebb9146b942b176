using System.Buffers;
using System.Text;

namespace DescribeFunction.Firestore;

/// <summary>
/// Resource names and request paths. A resource name (in JSON bodies) holds ids verbatim; a URL path holds each
/// segment percent-escaped once more, so the id <c>a%2Fb</c> travels as <c>a%252Fb</c> and the server, which
/// decodes the path once, sees the id itself.
/// </summary>
internal sealed class FirestorePaths
{
    /// <summary>Firestore's limit on a document id, in UTF-8 bytes.</summary>
    public const int MaxDocumentIdBytes = 1500;

    private static readonly SearchValues<char> NotInResourceIds = SearchValues.Create("/?#% \t\r\n");

    public FirestorePaths(string projectId, string databaseId)
    {
        ValidateResourceId(projectId, nameof(projectId));
        ValidateResourceId(databaseId, nameof(databaseId));
        DocumentsRoot = $"projects/{projectId}/databases/{databaseId}/documents";
    }

    /// <summary><c>projects/{p}/databases/{d}/documents</c>: a resource name and, unescaped, a valid URL path.</summary>
    public string DocumentsRoot { get; }

    public string DocumentName(string collection, string documentId) => $"{DocumentsRoot}/{collection}/{documentId}";

    public string DocumentUrlPath(string collection, string documentId) =>
        CollectionUrlPath(collection) + "/" + Uri.EscapeDataString(documentId);

    public string CollectionUrlPath(string collection)
    {
        var builder = new StringBuilder(DocumentsRoot);
        foreach (var segment in collection.Split('/'))
        {
            builder.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return builder.ToString();
    }

    public static void ValidateCollection(string collection)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        var segments = collection.Split('/');
        if (segments.Length % 2 == 0 || segments.Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException(
                $"'{collection}' is not a collection path (collection, or collection/document/collection…).",
                nameof(collection));
        }
    }

    public static void ValidateDocumentId(string documentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        if (documentId is "." or ".." || documentId.Contains('/', StringComparison.Ordinal) ||
            Encoding.UTF8.GetByteCount(documentId) > MaxDocumentIdBytes)
        {
            throw new ArgumentException(
                $"'{documentId}' is not a Firestore document id; ids are at most 1,500 bytes, without '/', and not '.' or '..'.",
                nameof(documentId));
        }
    }

    // Project and database ids are plain words ("my-project", "(default)") and go into paths as they are.
    private static void ValidateResourceId(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        if (id.AsSpan().IndexOfAny(NotInResourceIds) >= 0)
        {
            throw new ArgumentException($"'{id}' is not a valid Firestore project or database id.", parameterName);
        }
    }
}
