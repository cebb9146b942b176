namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    private static IEnumerable<Scenario> Values() =>
    [
        RoundTrip("value: every type reads back as written", """{"mapValue":{"fields":{ "n":{"nullValue":null},"b":{"booleanValue":true},"i":{"integerValue":"-42"},"d":{"doubleValue":1.5}, "s":{"stringValue":"héllo"},"t":{"timestampValue":"2020-05-06T07:08:09.123456Z"},"y":{"bytesValue":"AAEC"}, "r":{"referenceValue":"projects/x/databases/(default)/documents/c/d"},"g":{"geoPointValue":{"latitude":1.5,"longitude":-2.25}}, "a":{"arrayValue":{"values":[{"integerValue":"1"},{"stringValue":"two"}]}},"e":{"arrayValue":{}},"m":{"mapValue":{}}}}}"""),
        RoundTrip("value: nullValue as NULL_VALUE and as 0", """{"arrayValue":{"values":[{"nullValue":"NULL_VALUE"},{"nullValue":0}]}}"""),
        RoundTrip("value: an integer as a JSON number", """{"integerValue":17}"""),
        RoundTrip("value: an integer string with an exponent", """{"integerValue":"1e3"}"""),
        RoundTrip("value: an integer string with a sign and a zero fraction", """{"arrayValue":{"values":[{"integerValue":"+7"},{"integerValue":"2.0"},{"integerValue":"-0"}]}}"""),
        Write("value: an integer with a fraction is refused", """{"integerValue":"1.5"}"""),
        Write("value: an integer beyond int64 is refused", """{"integerValue":"9223372036854775808"}"""),
        RoundTrip("value: the int64 limits", """{"arrayValue":{"values":[{"integerValue":"9223372036854775807"},{"integerValue":"-9223372036854775808"}]}}"""),
        RoundTrip("value: NaN and infinities", """{"arrayValue":{"values":[{"doubleValue":"NaN"},{"doubleValue":"Infinity"},{"doubleValue":"-Infinity"}]}}"""),
        RoundTrip("value: -0.0 is stored as 0", """{"doubleValue":-0.0}"""),
        RoundTrip("value: a double as a string", """{"doubleValue":"2.5e1"}"""),
        Write("value: a misspelt NaN is refused", """{"doubleValue":"nan"}"""),
        Write("value: a double beyond range is refused", """{"doubleValue":1e400}"""),
        RoundTrip("value: a zero geo point coordinate is left out", """{"geoPointValue":{"latitude":0,"longitude":12.5}}"""),
        Write("value: a latitude beyond 90 is refused", """{"geoPointValue":{"latitude":90.5,"longitude":0}}"""),
        RoundTrip("value: a timestamp with an offset is stored in UTC", """{"timestampValue":"2020-01-01T10:00:00.5+02:00"}"""),
        RoundTrip("value: a timestamp with nanoseconds", """{"timestampValue":"2020-01-01T00:00:00.123456789Z"}"""),
        Write("value: a timestamp before year 1 is refused", """{"timestampValue":"0000-12-31T00:00:00Z"}"""),
        Write("value: a malformed timestamp is refused", """{"timestampValue":"yesterday"}"""),
        RoundTrip("value: url-safe base64 bytes", """{"bytesValue":"-_8"}"""),
        Write("value: bytes that are not base64 are refused", """{"bytesValue":"not base64!"}"""),
        Write("value: a reference that is not a document name is refused", """{"referenceValue":"c/a"}"""),
        Write("value: an array directly in an array is refused", """{"arrayValue":{"values":[{"arrayValue":{}}]}}"""),
        Write("value: two value types in one value are refused", """{"integerValue":"1","stringValue":"x"}"""),
        Write("value: an unknown value type is refused", """{"fancyValue":"x"}"""),
        Write("value: an empty value is refused", "{}"),
        Write("value: maps 20 deep are accepted", Nest(20)),
        Write("value: maps 21 deep are refused", Nest(21)),
        S("value: a reserved field name is refused", Commit(Set("c/a", """{"__name__":{"integerValue":"1"}}"""))),
        S("value: an empty field name is refused", Commit(Set("c/a", """{"":{"integerValue":"1"}}"""))),
        S("id: 1500 bytes is accepted", Commit(Set("c/" + new string('a', 1500), V(Int(1))))),
        S("id: 1501 bytes is refused", Commit(Set("c/" + new string('a', 1501), V(Int(1))))),
        S("id: \".\" is refused", Commit(Set("c/.", V(Int(1))))),
        S("id: \"..\" is refused", Commit(Set("c/..", V(Int(1))))),
        S("id: __x__ is refused", Commit(Set("c/__x__", V(Int(1))))),
        S("id: a collection id __x__ is refused", Commit(Set("__x__/a", V(Int(1))))),
        Write("size: a string of 1,048,487 bytes is accepted", Str(new string('s', 1_048_487))),
        Write("size: a string of 1,048,488 bytes is refused", Str(new string('s', 1_048_488))),
        S("size: a document over 1 MiB is refused", Commit(Set("c/a", $$"""{"a":{{Str(new string('a', 600_000))}},"b":{{Str(new string('b', 600_000))}}}"""))),
    ];

    private static string Nest(int depth) =>
        Enumerable.Range(0, depth).Aggregate(Int(1), (value, _) => """{"mapValue":{"fields":{"x":""" + value + "}}}");
}
