using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// <c>structuredQuery.findNearest</c>: an exact nearest-neighbour search over the documents the query's filters keep
/// (the prefilter). Documents whose field is not a vector of the query's length are left out, as Firestore does;
/// COSINE and EUCLIDEAN rank the smallest distance first, DOT_PRODUCT the largest; <c>distanceThreshold</c> keeps
/// distances at most (DOT_PRODUCT: at least) the threshold; <c>distanceResultField</c> adds each distance to its document.
/// </summary>
internal sealed record FindNearest(ParsedFieldPath VectorField, double[] QueryVector, string Measure, int Limit, ParsedFieldPath? ResultField, double? Threshold)
{
    public const int MaxLimit = 1000;
    private static readonly string[] Keys = ["vectorField", "queryVector", "distanceMeasure", "limit", "distanceResultField", "distanceThreshold"];
    private static readonly string[] Measures = ["DISTANCE_MEASURE_UNSPECIFIED", "EUCLIDEAN", "COSINE", "DOT_PRODUCT"];

    public static FindNearest Parse(JsonNode? node)
    {
        if (node is not JsonObject nearest || nearest.Any(p => !Keys.Contains(p.Key)))
        {
            throw ErrorResponseException.InvalidArgument($"findNearest must be an object with only {string.Join(", ", Keys)}.");
        }

        var field = FirestoreRequest.Text(nearest["vectorField"]?["fieldPath"], "findNearest.vectorField.fieldPath") ?? "";
        if (field.Length == 0)
        {
            throw ErrorResponseException.InvalidArgument("Invalid empty property path string.");
        }

        var measure = nearest["distanceMeasure"] is { } m ? EnumValue.Parse(m, Measures, "findNearest.distanceMeasure") : 0;
        if (measure == 0)
        {
            throw ErrorResponseException.InvalidArgument("Unknown Distance Measure.");
        }

        var limit = nearest["limit"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            JsonObject o when o["value"] is JsonValue inner && inner.TryGetValue<int>(out var n) => n,
            _ => 0,
        };
        if (limit is < 1 or > MaxLimit)
        {
            throw ErrorResponseException.InvalidArgument($"FindNearest.limit must be a positive integer of no more than {MaxLimit}");
        }

        var query = ValueNormalizer.Normalize(nearest["queryVector"], "findNearest.queryVector");
        var vector = VectorValue.Read(query) ?? throw ErrorResponseException.InvalidArgument("Query Value must be of type vector.");
        if (vector.Length == 0)
        {
            throw ErrorResponseException.InvalidArgument("Cannot have a zero length vector.");
        }

        var resultField = FirestoreRequest.Text(nearest["distanceResultField"], "findNearest.distanceResultField");
        double? threshold = nearest["distanceThreshold"] switch
        {
            null => null,
            JsonObject o => o["value"]?.GetValue<double>(),
            var t => t.GetValue<double>(),
        };
        return new FindNearest(ParsedFieldPath.Parse(field), vector, Measures[measure], limit,
            resultField is { Length: > 0 } ? ParsedFieldPath.Parse(resultField) : null, threshold);
    }

    /// <summary>The nearest documents among <paramref name="candidates"/>, each with its distance.</summary>
    public IReadOnlyList<(QueryDocument Document, double Distance)> Rank(IEnumerable<QueryDocument> candidates)
    {
        var descending = Measure == "DOT_PRODUCT";
        var ranked = candidates
            .Select(d => (Document: d, Vector: VectorValue.ReadStored(d.Value(VectorField))))
            .Where(d => d.Vector is { } v && v.Length == QueryVector.Length)
            .Select(d => (d.Document, Distance: Distance(d.Vector!)))
            .Where(d => Threshold is not { } t || (descending ? d.Distance >= t : d.Distance <= t))
            .ToList();
        ranked.Sort((a, b) =>
        {
            var c = descending ? b.Distance.CompareTo(a.Distance) : a.Distance.CompareTo(b.Distance);
            return c != 0 ? c : string.CompareOrdinal(a.Document.Name, b.Document.Name);
        });
        return ranked.Take(Limit).ToList();
    }

    /// <summary>The document as returned: with its distance in <see cref="ResultField"/> when one is named.</summary>
    public QueryDocument WithDistance(QueryDocument document, double distance)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (ResultField is not { } field)
        {
            return document;
        }

        var fields = (JsonObject)document.Stored.Fields.DeepClone();
        FieldAccess.Remove(fields, field);
        FieldAccess.Set(fields, field, VectorValue.Double(distance));
        return document with { Stored = document.Stored with { Fields = fields } };
    }

    private double Distance(double[] v)
    {
        double dot = 0, a = 0, b = 0, squares = 0;
        for (var i = 0; i < v.Length; i++)
        {
            dot += v[i] * QueryVector[i];
            a += v[i] * v[i];
            b += QueryVector[i] * QueryVector[i];
            squares += (v[i] - QueryVector[i]) * (v[i] - QueryVector[i]);
        }

        return Measure switch
        {
            "EUCLIDEAN" => Math.Sqrt(squares),
            "DOT_PRODUCT" => dot,
            _ => 1 - (dot / (Math.Sqrt(a) * Math.Sqrt(b))),
        };
    }
}
