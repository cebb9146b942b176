using Microsoft.AspNetCore.Http.Features;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Where a request points: database, optional custom method (<c>documents:commit</c>) and the path below
/// <c>documents</c>. Parsed from the raw request target because the server's decoded path leaves <c>%2F</c> encoded
/// while decoding <c>%25</c>, which would make <c>a%2Fb</c> and <c>a%252Fb</c> look alike; here every segment is
/// percent-decoded exactly once, after splitting on '/'.
/// </summary>
internal sealed record FirestoreRoute(string Project, string DatabaseId, string? Verb, IReadOnlyList<string> Segments)
{
    public string Database => DocumentPath.DatabaseName(Project, DatabaseId);

    /// <summary>Parses <c>[/emulator]/v1/projects/{p}/databases/{d}/documents[:verb][/...]</c>; null when the path is not of that shape.</summary>
    public static FirestoreRoute? Parse(HttpContext context, bool emulatorPrefix)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        if (!path.StartsWith('/') && path.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0)
        {
            // Absolute-form request target (proxies): keep only the path.
            var slash = path.IndexOf('/', scheme + 3);
            path = slash >= 0 ? path[slash..] : "/";
        }

        var raws = path.TrimStart('/').Split('/');
        var skip = emulatorPrefix ? 1 : 0;
        if (raws.Length < 6 + skip || (emulatorPrefix && raws[0] != "emulator") || raws[skip] != "v1"
            || raws[skip + 1] != "projects" || raws[skip + 3] != "databases")
        {
            return null;
        }

        // The custom method follows the last segment: documents:commit, documents/c/a:runQuery. An id's own ':' arrives
        // percent-encoded, so only a raw ':' separates the method.
        var rest = raws.Skip(skip + 5).ToList();
        string? verb = null;
        if (rest[^1].IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            verb = rest[^1][(colon + 1)..];
            rest[^1] = rest[^1][..colon];
        }

        if (rest[0] != "documents")
        {
            return null;
        }

        var project = Uri.UnescapeDataString(raws[skip + 2]);
        var database = Uri.UnescapeDataString(raws[skip + 4]);
        if (project.Length == 0 || database.Length == 0)
        {
            return null;
        }

        var segments = rest.Skip(1).Select(Uri.UnescapeDataString).ToList();
        return new FirestoreRoute(project, database, verb, segments);
    }
}
