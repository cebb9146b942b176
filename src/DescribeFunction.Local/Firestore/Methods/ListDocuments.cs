using System.Globalization;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// <c>GET …/documents/{collection}</c>: the documents directly in a collection, by id or by <c>orderBy</c> (documents
/// without an ordered field are left out), paged with <c>pageSize</c>/<c>pageToken</c>; <c>showMissing</c> adds the
/// documents that do not exist but have subcollections, as bare names.
/// </summary>
internal sealed class ListDocuments : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsGet(httpMethod) && verb is null && target == FirestoreTarget.Collection;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var collection = request.Path;
        var pageSize = request.Query["pageSize"].ToString() is { Length: > 0 } size
            ? int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ErrorResponseException.InvalidArgument("pageSize must be a non-negative integer.")
            : 0;
        var showMissing = request.Query["showMissing"].ToString() is "true";
        var order = ParseOrder(request.Query["orderBy"].ToString());
        if (showMissing && order.Count > 0)
        {
            throw ErrorResponseException.InvalidArgument("cannot specify an order when show_missing is true");
        }

        var offset = PageToken.Offset(request.Query["pageToken"].ToString());
        var listed = Listing(request, collection, order, showMissing);
        var limit = pageSize > 0 ? pageSize : int.MaxValue;
        var page = listed.Skip(offset).Take(limit).ToList();
        request.Store.RecordReads(request.Database, request.QueryTransaction(), page.Select(p => p.Key));
        var result = new JsonObject();
        if (page.Count > 0)
        {
            var mask = request.ReadMask();
            result["documents"] = new JsonArray([.. page.Select(d => d.Document is { } stored
                ? DocumentJson.Render($"{request.Database}/documents/{d.Key}", stored, mask)
                : new JsonObject { ["name"] = $"{request.Database}/documents/{d.Key}" })]);
        }

        if (listed.Count > offset + page.Count)
        {
            result["nextPageToken"] = PageToken.Create(offset + page.Count);
        }

        return Task.FromResult<JsonNode>(result);
    }

    /// <summary>The documents directly in the collection, with null for a missing one when <paramref name="showMissing"/>.</summary>
    private static List<(string Key, StoredDocument? Document)> Listing(FirestoreRequest request, DocumentPath collection, List<QueryOrder> order, bool showMissing)
    {
        var prefix = collection.Relative + "/";
        var all = request.Store.Documents(request.Database);
        var direct = all.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal) && !d.Key.AsSpan(prefix.Length).Contains('/'))
            .Select(d => (d.Key, Document: (StoredDocument?)d.Value));
        if (showMissing)
        {
            var existing = direct.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
            var missing = all.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal) && d.Key.AsSpan(prefix.Length).Contains('/'))
                .Select(d => prefix + d.Key[prefix.Length..].Split('/')[0])
                .Where(existing.Add)
                .Select(key => (Key: key, Document: (StoredDocument?)null));
            direct = direct.Concat(missing.ToList());
        }

        var documents = direct.Select(d => (d.Key, d.Document, Query: d.Document is null ? null : new QueryDocument($"{request.Database}/documents/{d.Key}", d.Document)))
            .Where(d => order.All(o => d.Query?.Value(o.Field) is not null || d.Document is null))
            .ToList();
        documents.Sort((a, b) =>
        {
            foreach (var o in order)
            {
                var c = ValueOrder.Compare(a.Query!.Value(o.Field)!, b.Query!.Value(o.Field)!);
                if (c != 0)
                {
                    return o.Descending ? -c : c;
                }
            }

            return ValueOrder.Utf8Order.Instance.Compare(a.Key, b.Key);
        });
        return [.. documents.Select(d => (d.Key, d.Document))];
    }

    /// <summary><c>orderBy</c> as the REST API spells it: <c>field [asc|desc], …</c>; descending by <c>__name__</c> is refused as the emulator refuses it.</summary>
    private static List<QueryOrder> ParseOrder(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var order = new List<QueryOrder>();
        foreach (var clause in text.Split(','))
        {
            var parts = clause.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || (parts.Length == 2 && parts[1].ToLowerInvariant() is not ("asc" or "desc")))
            {
                throw ErrorResponseException.InvalidArgument($"Invalid order by clause \"{text}\".");
            }

            ParsedFieldPath field;
            try
            {
                field = ParsedFieldPath.Parse(parts[0]);
            }
            catch (ErrorResponseException)
            {
                throw ErrorResponseException.InvalidArgument($"Invalid order by clause \"{text}\".");
            }

            var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            var entry = new QueryOrder(field, descending);
            if (entry.IsName && descending)
            {
                throw ErrorResponseException.FailedPrecondition("Firestore does not support descending key scans");
            }

            order.Add(entry);
        }

        return [.. order.Where(o => !o.IsName)];
    }
}
