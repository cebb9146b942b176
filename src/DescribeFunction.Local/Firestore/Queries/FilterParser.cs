using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>Parses a query's <c>where</c> (field, unary and composite filters; operators by name or by enum number).</summary>
internal static class FilterParser
{
    private static readonly string[] FieldOperators =
        ["OPERATOR_UNSPECIFIED", "LESS_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "EQUAL", "NOT_EQUAL", "ARRAY_CONTAINS", "IN", "ARRAY_CONTAINS_ANY", "NOT_IN"];

    private static readonly string[] UnaryOperators = ["OPERATOR_UNSPECIFIED", "", "IS_NAN", "IS_NULL", "IS_NOT_NAN", "IS_NOT_NULL"];
    private static readonly string[] CompositeOperators = ["OPERATOR_UNSPECIFIED", "AND", "OR"];

    public static QueryFilter Parse(JsonNode node, string where)
    {
        if (node is not JsonObject { Count: 1 } filter)
        {
            throw ErrorResponseException.InvalidArgument($"{where} must hold exactly one of fieldFilter, unaryFilter, compositeFilter.");
        }

        var (kind, inner) = filter.First();
        return (kind, inner) switch
        {
            ("fieldFilter", JsonObject f) => ParseField(f, where),
            ("unaryFilter", JsonObject u) => ParseUnary(u, where),
            ("compositeFilter", JsonObject c) => ParseComposite(c, where),
            _ => throw ErrorResponseException.InvalidArgument($"{where} has an unknown filter \"{kind}\"."),
        };
    }

    private static FieldFilter ParseField(JsonObject filter, string where)
    {
        var op = EnumValue.Parse(filter["op"], FieldOperators, $"{where}.fieldFilter.op");
        if (op is < 1 or > 10)
        {
            throw ErrorResponseException.InvalidArgument($"{where}.fieldFilter.op must be specified.");
        }

        var value = ValueNormalizer.Normalize(filter["value"], $"{where}.fieldFilter.value");
        return new FieldFilter(Field(filter, where), (FilterOperator)op, value);
    }

    private static FieldFilter ParseUnary(JsonObject filter, string where)
    {
        var op = EnumValue.Parse(filter["op"], UnaryOperators, $"{where}.unaryFilter.op");
        if (op is < 2 or > 5)
        {
            throw ErrorResponseException.InvalidArgument($"{where}.unaryFilter.op must be specified.");
        }

        return new FieldFilter(Field(filter, where), (FilterOperator)(100 + op), null);
    }

    private static CompositeFilter ParseComposite(JsonObject filter, string where)
    {
        var op = EnumValue.Parse(filter["op"], CompositeOperators, $"{where}.compositeFilter.op");
        if (op is not (1 or 2))
        {
            throw ErrorResponseException.InvalidArgument($"{where}.compositeFilter.op must be AND or OR.");
        }

        var filters = ((filter["filters"] as JsonArray) ?? []).Select((f, i) => Parse(f ?? new JsonObject(), $"{where}.filters[{i}]")).ToList();
        return new CompositeFilter(op == 2, filters);
    }

    private static ParsedFieldPath Field(JsonObject filter, string where) =>
        ParsedFieldPath.Parse(FirestoreRequest.Text(filter["field"]?["fieldPath"], $"{where}.field.fieldPath")
            ?? throw ErrorResponseException.InvalidArgument($"{where} needs a field {{\"fieldPath\"}}."));
}
