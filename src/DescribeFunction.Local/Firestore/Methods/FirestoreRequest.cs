using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>One REST request as the methods see it: where it points, its query string and body, the store, and the time it arrived.</summary>
internal sealed class FirestoreRequest(FirestoreRoute route, IQueryCollection query, JsonNode? body, DocumentStore store, long requestMicros)
{
    public FirestoreRoute Route { get; } = route;

    public IQueryCollection Query { get; } = query;

    public JsonNode? Body { get; } = body;

    public DocumentStore Store { get; } = store;

    /// <summary>When the request arrived, at millisecond precision: the value of REQUEST_TIME.</summary>
    public long RequestMicros { get; } = requestMicros;

    public string Database => Route.Database;

    /// <summary>The path the request names below <c>documents</c> (the database root when empty).</summary>
    public DocumentPath Path => DocumentPath.Create(Route.Database, Route.Segments);

    /// <summary>The body as an object with only the given keys; anything else is refused, as proto JSON parsing does.</summary>
    public JsonObject BodyObject(params string[] allowed)
    {
        var body = Body ?? new JsonObject();
        if (body is not JsonObject obj || obj.Any(p => !allowed.Contains(p.Key)))
        {
            throw ErrorResponseException.InvalidArgument($"Invalid JSON payload received: the body may hold only {string.Join(", ", allowed)}.");
        }

        return obj;
    }

    /// <summary><c>mask.fieldPaths</c> from the query string, or null for every field.</summary>
    public List<ParsedFieldPath>? ReadMask() =>
        Query.ContainsKey("mask.fieldPaths") ? [.. Query["mask.fieldPaths"].Select(p => ParsedFieldPath.Parse(p ?? ""))] : null;

    public Precondition? QueryPrecondition() => Precondition.FromQuery(
        Query.TryGetValue("currentDocument.exists", out var exists) ? exists.ToString() : null,
        Query.TryGetValue("currentDocument.updateTime", out var updateTime) ? updateTime.ToString() : null);

    /// <summary>The <c>transaction</c> query parameter; <c>readTime</c> reads are refused, as the stand-in keeps no history.</summary>
    public string? QueryTransaction()
    {
        RefuseReadTime(Query.ContainsKey("readTime"));
        return Query.TryGetValue("transaction", out var transaction) ? transaction.ToString() : null;
    }

    public static void RefuseReadTime(bool present)
    {
        if (present)
        {
            throw ErrorResponseException.Unimplemented("Reads at a past readTime are not implemented by this stand-in, which keeps no document history.");
        }
    }

    public static string? Text(JsonNode? node, string where) => node switch
    {
        null => null,
        _ when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw ErrorResponseException.InvalidArgument($"Invalid JSON payload received: {where} must be a string."),
    };
}

/// <summary>
/// One Firestore REST method. A method is one small class: it says which requests it serves and answers them; the
/// handler finds it in <see cref="FirestoreMethods.All"/>.
/// </summary>
internal interface IFirestoreMethod
{
    /// <summary>Whether this method serves the HTTP method and custom verb on this kind of target.</summary>
    bool Serves(string httpMethod, string? verb, FirestoreTarget target);

    Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken);
}

/// <summary>What the path below <c>documents</c> names.</summary>
internal enum FirestoreTarget
{
    Root,
    Collection,
    Document,
}
