using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Firestore;

public sealed partial class FirestoreClient
{
    private const int ListPageSize = 300;

    /// <summary>
    /// Every document of one collection (a subcollection path such as <c>describeUsage/{id}/shards</c> too), paging
    /// until the server sends no <c>nextPageToken</c>; a page may hold fewer documents than asked for. Each document
    /// returned is one billed read, so this suits small collections.
    /// </summary>
    public async Task<IReadOnlyList<FirestoreDocument>> ListAsync(string collection, CancellationToken cancellationToken)
    {
        FirestorePaths.ValidateCollection(collection);
        var documents = new List<FirestoreDocument>();
        string? pageToken = null;
        do
        {
            var query = $"?pageSize={ListPageSize.ToString(CultureInfo.InvariantCulture)}" +
                (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            using var response = await SendAsync(
                HttpMethod.Get, _paths.CollectionUrlPath(collection) + query, null,
                $"list of {collection}", notFoundIsNull: false, cancellationToken);
            var root = response!.RootElement;
            if (root.TryGetProperty("documents", out var page) && page.ValueKind == JsonValueKind.Array)
            {
                documents.AddRange(page.EnumerateArray().Select(FirestoreDocument.Parse));
            }

            pageToken = root.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String
                && next.GetString() is { Length: > 0 } token ? token : null;
        }
        while (pageToken is not null);

        return documents;
    }
}
