using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>POST …/documents[/{document}]:listCollectionIds</c>: the ids of the collections directly under the parent, in order, paged.</summary>
internal sealed class ListCollectionIds : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "listCollectionIds" && target != FirestoreTarget.Collection;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyObject("pageSize", "pageToken", "readTime");
        FirestoreRequest.RefuseReadTime(body.ContainsKey("readTime"));
        var pageSize = body["pageSize"] switch
        {
            null => 0,
            var n when n.GetValueKind() == JsonValueKind.Number && n.AsValue().TryGetValue<int>(out var size) && size >= 0 => size,
            var n when n.GetValueKind() == JsonValueKind.String && int.TryParse(n.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) => size,
            _ => throw ErrorResponseException.InvalidArgument("pageSize must be a non-negative integer."),
        };
        var parent = request.Path;
        var prefix = parent.Segments.Count == 0 ? "" : parent.Relative + "/";
        var ids = request.Store.Documents(request.Database)
            .Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(d => d.Key[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(ValueOrder.Utf8Order.Instance)
            .ToList();
        var offset = PageToken.Offset(FirestoreRequest.Text(body["pageToken"], "pageToken"));
        var page = ids.Skip(offset).Take(pageSize > 0 ? pageSize : int.MaxValue).ToList();
        var result = new JsonObject();
        if (page.Count > 0)
        {
            result["collectionIds"] = new JsonArray([.. page.Select(id => JsonValue.Create(id))]);
        }

        if (ids.Count > offset + page.Count)
        {
            result["nextPageToken"] = PageToken.Create(offset + page.Count);
        }

        return Task.FromResult<JsonNode>(result);
    }
}
