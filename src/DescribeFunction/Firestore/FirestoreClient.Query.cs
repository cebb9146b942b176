using System.Text.Json;

namespace DescribeFunction.Firestore;

public sealed partial class FirestoreClient
{
    /// <summary>
    /// Runs a vector search (<c>runQuery</c> with <c>findNearest</c>) and returns the documents nearest first. A missing
    /// vector index is FAILED_PRECONDITION, surfaced as a <see cref="FirestoreException"/> with that status.
    /// </summary>
    public async Task<IReadOnlyList<FirestoreDocument>> FindNearestAsync(NearestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        FirestorePaths.ValidateCollection(query.Collection);
        using var response = await SendAsync(
            HttpMethod.Post, $"{_paths.DocumentsRoot}:runQuery", query.ToRequestBody(),
            $"vector search of {query.Collection}", notFoundIsNull: false, cancellationToken);
        var documents = new List<FirestoreDocument>();
        foreach (var item in response!.RootElement.EnumerateArray())
        {
            if (item.TryGetProperty("document", out var document) && document.ValueKind == JsonValueKind.Object)
            {
                documents.Add(FirestoreDocument.Parse(document));
            }
        }

        return documents;
    }
}
