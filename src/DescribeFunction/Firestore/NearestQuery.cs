using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>One <c>where</c> condition of a query: a field, an operator as the REST API spells it, and a value.</summary>
public sealed record FieldCondition(string Field, string Op, object? Value)
{
    public const string Equal = "EQUAL";
    public const string GreaterThanOrEqual = "GREATER_THAN_OR_EQUAL";
    public const string LessThan = "LESS_THAN";
    public const string ArrayContainsAny = "ARRAY_CONTAINS_ANY";
}

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
            WriteWhere(w);
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

    private void WriteWhere(Utf8JsonWriter w)
    {
        if (Conditions.Count == 0)
        {
            return;
        }

        w.WriteStartObject("where");
        if (Conditions.Count == 1)
        {
            WriteCondition(w, Conditions[0]);
        }
        else
        {
            w.WriteStartObject("compositeFilter");
            w.WriteString("op", "AND");
            w.WriteStartArray("filters");
            foreach (var condition in Conditions)
            {
                w.WriteStartObject();
                WriteCondition(w, condition);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter w, FieldCondition condition)
    {
        w.WriteStartObject("fieldFilter");
        w.WriteStartObject("field");
        w.WriteString("fieldPath", FieldPath.Quote(condition.Field));
        w.WriteEndObject();
        w.WriteString("op", condition.Op);
        w.WritePropertyName("value");
        FirestoreValue.Write(w, condition.Value);
        w.WriteEndObject();
    }
}
