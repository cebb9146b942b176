using System.Text.Json;

namespace DescribeFunction.Firestore;

public sealed partial class FirestoreClient
{
    private const string CountAlias = "count";

    /// <summary>
    /// How many documents of a collection match the conditions: one <c>runAggregationQuery</c> with a <c>count</c>,
    /// billed by the index entries it reads rather than by the documents.
    /// </summary>
    public async Task<long> CountAsync(string collection, IReadOnlyList<FieldCondition> conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        FirestorePaths.ValidateCollection(collection);
        using var response = await SendAsync(
            HttpMethod.Post, $"{_paths.DocumentsRoot}:runAggregationQuery", CountBody(collection, conditions),
            $"count of {collection}", notFoundIsNull: false, cancellationToken);
        foreach (var item in response!.RootElement.EnumerateArray())
        {
            if (item.TryGetProperty("result", out var result)
                && result.GetProperty("aggregateFields").TryGetProperty(CountAlias, out var count)
                && FirestoreValue.Read(count) is long n)
            {
                return n;
            }
        }

        throw new FormatException($"A count of {collection} returned no aggregation result.");
    }

    private static byte[] CountBody(string collection, IReadOnlyList<FieldCondition> conditions)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("structuredAggregationQuery");
            w.WriteStartObject("structuredQuery");
            w.WriteStartArray("from");
            w.WriteStartObject();
            w.WriteString("collectionId", collection);
            w.WriteEndObject();
            w.WriteEndArray();
            FieldConditions.WriteWhere(w, conditions);
            w.WriteEndObject();
            w.WriteStartArray("aggregations");
            w.WriteStartObject();
            w.WriteString("alias", CountAlias);
            w.WriteStartObject("count");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}
