namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    private static IEnumerable<Scenario> Aggregations() =>
    [
        Aggregate("aggregate: count", """[{"alias":"total","count":{}}]"""),
        Aggregate("aggregate: count with up_to", """[{"alias":"capped","count":{"upTo":"2"}}]"""),
        Aggregate("aggregate: count without an alias", """[{"count":{}}]"""),
        Aggregate("aggregate: sum of integers and doubles skips other types", """[{"alias":"s","sum":{"field":{"fieldPath":"n"}}}]""", """ where":{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"IN","value":{"arrayValue":{"values":[{"stringValue":"x"},{"stringValue":"y"}]}}}}"""),
        Aggregate("aggregate: sum of integers only stays an integer", """[{"alias":"s","sum":{"field":{"fieldPath":"m.k"}}}]"""),
        Aggregate("aggregate: avg", """[{"alias":"a","avg":{"field":{"fieldPath":"m.k"}}}]"""),
        Aggregate("aggregate: avg of nothing is null", """[{"alias":"a","avg":{"field":{"fieldPath":"missing"}}}]"""),
        Aggregate("aggregate: sum with NaN is NaN", """[{"alias":"s","sum":{"field":{"fieldPath":"n"}}}]"""),
        Aggregate("aggregate: several at once over a filtered, limited query",
            """[{"alias":"c","count":{}},{"alias":"s","sum":{"field":{"fieldPath":"n"}}},{"alias":"a","avg":{"field":{"fieldPath":"n"}}}]""",
            """ where":{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"x"}}},"limit":2"""),
        Aggregate("aggregate: count of a nested field NOT_EQUAL a number leaves out documents without the field",
            """[{"alias":"count","count":{}}]""",
            """ where":{"fieldFilter":{"field":{"fieldPath":"m.k"},"op":"NOT_EQUAL","value":{"integerValue":"2"}}}"""),
        Aggregate("aggregate: a duplicate alias is refused", """[{"alias":"x","count":{}},{"alias":"x","count":{}}]"""),
        Aggregate("aggregate: no aggregations is refused", "[]"),
        Aggregate("aggregate: sum over an integer overflow becomes a double", """[{"alias":"s","sum":{"field":{"fieldPath":"big"}}}]""",
            data: """{"writes":[{"update":{"name":"{docs}/q/a","fields":{"big":{"integerValue":"9223372036854775807"}}}},{"update":{"name":"{docs}/q/b","fields":{"big":{"integerValue":"1"}}}}]}"""),
    ];

    private static Scenario Aggregate(string name, string aggregations, string where = "", string? data = null) =>
        S(name, Post(":commit", data ?? QueryData), Post(":runAggregationQuery", $$$"""
            {"structuredAggregationQuery":{"structuredQuery":{"from":[{"collectionId":"q"}]{{{(where.Length > 0 ? "," + where : "")}}}},"aggregations":{{{aggregations}}}}}
            """));
}
