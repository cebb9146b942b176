using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>
/// A vector search: <c>structuredQuery.findNearest</c> {<c>vectorField</c>, <c>queryVector</c>, <c>distanceMeasure</c>,
/// <c>limit</c> (1–1000), <c>distanceResultField</c>, <c>distanceThreshold</c>} over one collection, with the
/// conditions as prefilters (production needs a composite vector index for each combination of them).
/// </summary>
public sealed record NearestQuery(string Collection, string VectorField, FirestoreVector QueryVector, int Limit)
{
    public const int MaxLimit = 1000;

    /// <summary><c>COSINE</c>, <c>EUCLIDEAN</c> or <c>DOT_PRODUCT</c>.</summary>
    public string DistanceMeasure { get; init; } = "COSINE";

    /// <summary>The field each result carries its distance in.</summary>
    public string? DistanceResultField { get; init; }

    public double? DistanceThreshold { get; init; }

    public IReadOnlyList<FieldCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The field paths each result carries (a projection), or null for whole documents. A projection must name the
    /// <see cref="DistanceResultField"/> too, or the distance is left out like any other unselected field.
    /// </summary>
    public IReadOnlyList<string>? Select { get; init; }

    /// <summary>The <c>runQuery</c> request body.</summary>
    public byte[] ToRequestBody()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("structuredQuery");
            w.WriteStartArray("from");
            w.WriteStartObject();
            w.WriteString("collectionId", Collection);
            w.WriteEndObject();
            w.WriteEndArray();
            if (Select is { } select)
            {
                w.WriteStartObject("select");
                w.WriteStartArray("fields");
                foreach (var field in select)
                {
                    w.WriteStartObject();
                    w.WriteString("fieldPath", field);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            FieldConditions.WriteWhere(w, Conditions);
            w.WriteStartObject("findNearest");
            w.WriteStartObject("vectorField");
            w.WriteString("fieldPath", FieldPath.Quote(VectorField));
            w.WriteEndObject();
            w.WritePropertyName("queryVector");
            FirestoreValue.Write(w, QueryVector);
            w.WriteString("distanceMeasure", DistanceMeasure);
            w.WriteNumber("limit", Limit);
            if (DistanceResultField is { } resultField)
            {
                w.WriteString("distanceResultField", FieldPath.Quote(resultField));
            }

            if (DistanceThreshold is { } threshold)
            {
                w.WriteNumber("distanceThreshold", threshold);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}
