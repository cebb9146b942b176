namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    private const string Numbers = """{"i":{"integerValue":"10"},"d":{"doubleValue":2.5},"s":{"stringValue":"x"},"big":{"integerValue":"9223372036854775800"},"neg":{"integerValue":"-9223372036854775800"}}""";
    private const string Lists = """{"a":{"arrayValue":{"values":[{"integerValue":"1"},{"doubleValue":1.0},{"stringValue":"x"},{"doubleValue":"NaN"},{"nullValue":null}]}},"s":{"stringValue":"not a list"}}""";

    private static IEnumerable<Scenario> Transforms() =>
    [
        S("transform: REQUEST_TIME by name", Commit(Set("c/a", V(Int(1)), """ updateTransforms":[{"fieldPath":"at","setToServerValue":"REQUEST_TIME"}]""")), Get("/c/a")),
        S("transform: REQUEST_TIME as 1 under $alt=json;enum-encoding=int",
            Post(":commit?$alt=json;enum-encoding=int", $$"""{"writes":[{{Set("c/a", V(Int(1)), """ updateTransforms":[{"fieldPath":"at","setToServerValue":1}]""")}}]}""")),
        S("transform: REQUEST_TIME as 1 under $alt=json%3Benum-encoding=int",
            Post(":commit?$alt=json%3Benum-encoding=int", $$"""{"writes":[{{Set("c/a", V(Int(1)), """ updateTransforms":[{"fieldPath":"at","setToServerValue":1}]""")}}]}""")),
        S("transform: SERVER_VALUE_UNSPECIFIED is refused", Commit(TransformOnly("c/a", """{"fieldPath":"at","setToServerValue":"SERVER_VALUE_UNSPECIFIED"}"""))),
        S("transform: two REQUEST_TIME fields share the request's time",
            Commit(Set("c/a", "{}", """ updateTransforms":[{"fieldPath":"x","setToServerValue":"REQUEST_TIME"},{"fieldPath":"m.y","setToServerValue":"REQUEST_TIME"}]""")), Get("/c/a")),
        S("transform: increment on a missing document sets the operand", Commit(TransformOnly("c/a", """{"fieldPath":"n","increment":{"integerValue":"3"}}""")), Get("/c/a")),
        S("transform: increment integers, doubles, mixed, non-numeric, overflow",
            Commit(Set("c/a", Numbers)),
            Commit(TransformOnly("c/a", """
                {"fieldPath":"i","increment":{"integerValue":"5"}},{"fieldPath":"d","increment":{"integerValue":"1"}},
                {"fieldPath":"s","increment":{"doubleValue":0.5}},{"fieldPath":"big","increment":{"integerValue":"100"}},
                {"fieldPath":"neg","increment":{"integerValue":"-100"}},{"fieldPath":"new","increment":{"doubleValue":-1.5}}
                """)),
            Get("/c/a")),
        S("transform: increment with a string operand is refused", Commit(TransformOnly("c/a", """{"fieldPath":"n","increment":{"stringValue":"1"}}"""))),
        S("transform: maximum and minimum, mixed types and equal operands",
            Commit(Set("c/a", Numbers)),
            Commit(TransformOnly("c/a", """
                {"fieldPath":"i","maximum":{"doubleValue":10.0}},{"fieldPath":"d","maximum":{"integerValue":"3"}},
                {"fieldPath":"s","minimum":{"integerValue":"1"}},{"fieldPath":"big","minimum":{"doubleValue":1.5}},
                {"fieldPath":"new","maximum":{"integerValue":"4"}}
                """)),
            Get("/c/a")),
        S("transform: maximum and minimum with NaN",
            Commit(Set("c/a", Numbers)),
            Commit(TransformOnly("c/a", """{"fieldPath":"i","maximum":{"doubleValue":"NaN"}},{"fieldPath":"d","minimum":{"doubleValue":"NaN"}}"""))),
        S("transform: minimum of -0.0 on a missing field", Commit(TransformOnly("c/a", """{"fieldPath":"z","minimum":{"doubleValue":-0.0}}""")), Get("/c/a")),
        S("transform: appendMissingElements keeps order, skips equal values (1 == 1.0, NaN == NaN)",
            Commit(Set("c/a", Lists)),
            Commit(TransformOnly("c/a", """
                {"fieldPath":"a","appendMissingElements":{"values":[{"integerValue":"2"},{"doubleValue":1},{"doubleValue":"NaN"},{"nullValue":null},{"integerValue":"2"}]}},
                {"fieldPath":"s","appendMissingElements":{"values":[{"stringValue":"y"}]}},
                {"fieldPath":"new","appendMissingElements":{"values":[{"booleanValue":true}]}}
                """)),
            Get("/c/a")),
        S("transform: removeAllFromArray removes every equal value",
            Commit(Set("c/a", Lists)),
            Commit(TransformOnly("c/a", """
                {"fieldPath":"a","removeAllFromArray":{"values":[{"integerValue":"1"},{"doubleValue":"NaN"},{"nullValue":null}]}},
                {"fieldPath":"s","removeAllFromArray":{"values":[{"stringValue":"y"}]}},
                {"fieldPath":"new","removeAllFromArray":{"values":[]}}
                """)),
            Get("/c/a")),
        S("transform: updateTransforms apply after the update and its mask",
            Commit(Set("c/a", Numbers)),
            Commit(Set("c/a", """{"i":{"integerValue":"100"}}""", """ updateMask":{"fieldPaths":["i"]},"updateTransforms":[{"fieldPath":"i","increment":{"integerValue":"1"}},{"fieldPath":"m.n","increment":{"integerValue":"1"}}]""")),
            Get("/c/a")),
        S("transform: the same field twice applies both", Commit(TransformOnly("c/a", """{"fieldPath":"n","increment":{"integerValue":"1"}},{"fieldPath":"n","increment":{"integerValue":"1"}}"""))),
        S("transform: a transform-only write with exists=true on a missing document", Commit(TransformOnly("c/a", """{"fieldPath":"n","increment":{"integerValue":"1"}}""", """ currentDocument":{"exists":true}"""))),
        S("transform: an empty fieldTransforms is refused", Commit(TransformOnly("c/a", ""))),
        S("transform: a transform without an operation is refused", Commit(TransformOnly("c/a", """{"fieldPath":"n"}"""))),
        S("transform: a transform with two operations is refused", Commit(TransformOnly("c/a", """{"fieldPath":"n","increment":{"integerValue":"1"},"maximum":{"integerValue":"1"}}"""))),
        S("transform: sharded counters in one commit, as the usage ledger writes them",
            Commit(
                TransformOnly("u/day/shards/0", """{"fieldPath":"images","increment":{"integerValue":"1"}},{"fieldPath":"inputTokens","increment":{"integerValue":"258"}}"""),
                Set("d/photo", V(Str("done")), """ updateTransforms":[{"fieldPath":"updatedAt","setToServerValue":"REQUEST_TIME"}]""")),
            Commit(TransformOnly("u/day/shards/0", """{"fieldPath":"images","increment":{"integerValue":"1"}},{"fieldPath":"inputTokens","increment":{"integerValue":"300"}}""")),
            Get("/u/day/shards/0")),
    ];
}
