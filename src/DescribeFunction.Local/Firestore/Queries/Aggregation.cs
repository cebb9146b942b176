using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// One aggregation of <c>runAggregationQuery</c>: <c>count</c> (optionally <c>upTo</c>), <c>sum</c> (an integer while
/// every summed value is an integer and the sum fits, else a double; non-numbers are skipped; NaN makes NaN), or
/// <c>avg</c> (a double, null when nothing numeric was found).
/// </summary>
internal sealed record Aggregation(string Alias, string Kind, ParsedFieldPath? Field, long? UpTo)
{
    public static List<Aggregation> ParseAll(JsonNode? node)
    {
        if (node is not JsonArray { Count: > 0 } aggregations)
        {
            throw ErrorResponseException.InvalidArgument("A structuredAggregationQuery needs at least one aggregation.");
        }

        var parsed = aggregations.Select((a, i) => Parse(a, i)).ToList();
        if (parsed.Select(a => a.Alias).Distinct(StringComparer.Ordinal).Count() != parsed.Count)
        {
            throw ErrorResponseException.InvalidArgument("Aggregation aliases must be unique.");
        }

        return parsed;
    }

    private static Aggregation Parse(JsonNode? node, int index)
    {
        if (node is not JsonObject aggregation || aggregation.Any(p => p.Key is not ("alias" or "count" or "sum" or "avg"))
            || aggregation.Count(p => p.Key != "alias") != 1)
        {
            throw ErrorResponseException.InvalidArgument("Each aggregation must be {\"alias\", one of count, sum, avg}.");
        }

        var alias = FirestoreRequest.Text(aggregation["alias"], "alias") ?? $"field_{index + 1}";
        var (kind, operand) = aggregation.First(p => p.Key != "alias");
        if (kind == "count")
        {
            var upTo = operand?["upTo"] switch
            {
                null => (long?)null,
                var u when u.GetValueKind() == JsonValueKind.String => long.Parse(u.GetValue<string>(), CultureInfo.InvariantCulture),
                var u => u.GetValue<long>(),
            };
            return upTo is <= 0
                ? throw ErrorResponseException.InvalidArgument("count.upTo must be positive.")
                : new Aggregation(alias, kind, null, upTo);
        }

        var field = FirestoreRequest.Text(operand?["field"]?["fieldPath"], $"{kind}.field.fieldPath")
            ?? throw ErrorResponseException.InvalidArgument($"{kind} needs a field.");
        return new Aggregation(alias, kind, ParsedFieldPath.Parse(field), null);
    }

    public JsonObject Compute(IReadOnlyList<QueryDocument> documents)
    {
        if (Kind == "count")
        {
            return new JsonObject { ["integerValue"] = Math.Min(documents.Count, UpTo ?? long.MaxValue).ToString(CultureInfo.InvariantCulture) };
        }

        var numbers = documents.Select(d => d.Value(Field!)).OfType<JsonObject>().Where(ValueOrder.IsNumber).ToList();
        if (Kind == "avg")
        {
            return numbers.Count == 0
                ? new JsonObject { ["nullValue"] = null }
                : new JsonObject { ["doubleValue"] = ValueNormalizer.DoubleNode(numbers.Sum(AsDouble) / numbers.Count) };
        }

        if (numbers.All(n => n.ContainsKey("integerValue")))
        {
            try
            {
                var sum = numbers.Aggregate(0L, (total, n) => checked(total + ValueOrder.Integer(n)));
                return new JsonObject { ["integerValue"] = sum.ToString(CultureInfo.InvariantCulture) };
            }
            catch (OverflowException)
            {
            }
        }

        return new JsonObject { ["doubleValue"] = ValueNormalizer.DoubleNode(numbers.Sum(AsDouble)) };
    }

    private static double AsDouble(JsonObject number) =>
        number.ContainsKey("integerValue") ? ValueOrder.Integer(number) : ValueOrder.Double(number);
}
