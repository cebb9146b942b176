using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>One orderBy entry, the explicit ones and those Firestore adds (inequality fields, then <c>__name__</c>).</summary>
internal sealed record QueryOrder(ParsedFieldPath Field, bool Descending)
{
    public bool IsName => Field.Segments is ["__name__"];
}

internal sealed record QueryCursor(IReadOnlyList<JsonObject> Values, bool Before);

/// <summary>A parsed, validated <c>StructuredQuery</c>.</summary>
internal sealed record StructuredQuery(
    string CollectionId,
    bool AllDescendants,
    QueryFilter? Where,
    IReadOnlyList<QueryOrder> ExplicitOrder,
    QueryCursor? StartAt,
    QueryCursor? EndAt,
    int Offset,
    int? Limit,
    IReadOnlyList<ParsedFieldPath>? Select)
{
    private static readonly string[] Keys = ["select", "from", "where", "orderBy", "startAt", "endAt", "offset", "limit", "findNearest"];

    /// <summary>A vector search in place of the order, cursors, offset and limit.</summary>
    public FindNearest? Nearest { get; init; }
    private static readonly string[] Directions = ["DIRECTION_UNSPECIFIED", "ASCENDING", "DESCENDING"];

    /// <summary>
    /// The order results come in: the explicit orderBy, then every inequality field not already in it (by field path),
    /// then <c>__name__</c>, each added one in the direction of the last explicit order.
    /// </summary>
    public IReadOnlyList<QueryOrder> EffectiveOrder()
    {
        var order = ExplicitOrder.ToList();
        var descending = order.Count > 0 && order[^1].Descending;
        var inequalities = (Where?.InequalityFields() ?? [])
            .Where(f => order.All(o => !SameField(o.Field, f)))
            .DistinctBy(f => string.Join('\u0000', f.Segments))
            .OrderBy(f => string.Join('\u0000', f.Segments), StringComparer.Ordinal);
        order.AddRange(inequalities.Select(f => new QueryOrder(f, descending)));
        if (!order.Any(o => o.IsName))
        {
            order.Add(new QueryOrder(ParsedFieldPath.Parse("__name__"), descending));
        }

        return order;
    }

    public static StructuredQuery Parse(JsonNode? node, string database)
    {
        if (node is not JsonObject query || query.Any(p => !Keys.Contains(p.Key)))
        {
            throw ErrorResponseException.InvalidArgument($"structuredQuery must be an object with only {string.Join(", ", Keys)}.");
        }

        if (query["from"] is not JsonArray { Count: 1 } from || from[0] is not JsonObject selector
            || selector.Any(p => p.Key is not ("collectionId" or "allDescendants")))
        {
            throw ErrorResponseException.InvalidArgument("A query must select exactly one collection in from.");
        }

        var collectionId = FirestoreRequest.Text(selector["collectionId"], "from.collectionId") ?? "";
        var allDescendants = selector["allDescendants"]?.GetValueKind() == JsonValueKind.True;
        var where = query["where"] is { } w ? FilterParser.Parse(w, "where") : null;
        var order = ((query["orderBy"] as JsonArray) ?? []).Select(ParseOrder).ToList();
        var parsed = new StructuredQuery(
            collectionId,
            allDescendants,
            where,
            order,
            Cursor(query["startAt"], "startAt"),
            Cursor(query["endAt"], "endAt"),
            Count(query["offset"], "offset") ?? 0,
            Count(query["limit"], "limit"),
            query["select"] is JsonObject select ? Projection(select) : null)
        {
            Nearest = query["findNearest"] is { } nearest ? FindNearest.Parse(nearest) : null,
        };
        QueryRules.Check(parsed, database);
        return parsed;
    }

    private static QueryOrder ParseOrder(JsonNode? node)
    {
        if (node is not JsonObject order || order["field"]?["fieldPath"] is not { } path)
        {
            throw ErrorResponseException.InvalidArgument("Each orderBy needs a field {\"fieldPath\"}.");
        }

        var direction = order["direction"] is { } d ? EnumValue.Parse(d, Directions, "orderBy.direction") : 1;
        return new QueryOrder(ParsedFieldPath.Parse(FirestoreRequest.Text(path, "orderBy.field.fieldPath")!), direction == 2);
    }

    private static QueryCursor? Cursor(JsonNode? node, string where)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject cursor || cursor.Any(p => p.Key is not ("values" or "before")))
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be {{\"values\": [...], \"before\": bool}}.");
        }

        var values = ((cursor["values"] as JsonArray) ?? []).Select((v, i) => ValueNormalizer.Normalize(v, $"{where}.values[{i}]")).ToList();
        return new QueryCursor(values, cursor["before"]?.GetValueKind() == JsonValueKind.True);
    }

    /// <summary>A count as proto JSON spells an int32 (or an Int32Value, which is the bare number): a number or a numeric string.</summary>
    private static int? Count(JsonNode? node, string where)
    {
        return node switch
        {
            null => null,
            _ when node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var n) => n,
            _ when node.GetValueKind() == JsonValueKind.String && int.TryParse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => throw ErrorResponseException.InvalidArgument($"{where} must be a 32-bit integer."),
        };
    }

    private static List<ParsedFieldPath> Projection(JsonObject select) =>
        [.. ((select["fields"] as JsonArray) ?? []).Select(f => ParsedFieldPath.Parse(FirestoreRequest.Text(f?["fieldPath"], "select.fields.fieldPath") ?? ""))];

    public static bool SameField(ParsedFieldPath a, ParsedFieldPath b) => a.Segments.SequenceEqual(b.Segments, StringComparer.Ordinal);
}
