namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    // Vectors whose distances are exact in binary floating point, so both servers print the same digits:
    // a (3,4), b (1,0), c (0,2), d a 3-dimensional vector, f a plain array, g without the field.
    private const string VectorData = """
        {"writes":[
        {"update":{"name":"{docs}/v/a","fields":{"e":{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"doubleValue":3},{"doubleValue":4}]}}}}},"tag":{"stringValue":"x"},"labels":{"arrayValue":{"values":[{"stringValue":"sea"}]}}}}},
        {"update":{"name":"{docs}/v/b","fields":{"e":{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"doubleValue":1},{"doubleValue":0}]}}}}},"tag":{"stringValue":"y"}}}},
        {"update":{"name":"{docs}/v/c","fields":{"e":{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"doubleValue":0},{"doubleValue":2}]}}}}},"tag":{"stringValue":"x"},"labels":{"arrayValue":{"values":[{"stringValue":"sky"},{"stringValue":"sea"}]}}}}},
        {"update":{"name":"{docs}/v/d","fields":{"e":{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"doubleValue":1},{"doubleValue":0},{"doubleValue":0}]}}}}},"tag":{"stringValue":"x"}}}},
        {"update":{"name":"{docs}/v/f","fields":{"e":{"arrayValue":{"values":[{"doubleValue":1},{"doubleValue":0}]}},"tag":{"stringValue":"x"}}}},
        {"update":{"name":"{docs}/v/g","fields":{"tag":{"stringValue":"x"}}}}]}
        """;

    private static IEnumerable<Scenario> Vectors() =>
    [
        RoundTrip("vector: a vector value reads back as the map it is", """{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"doubleValue":0.5},{"doubleValue":-1.25}]}}}}}"""),
        Write("vector: an integer inside a vector is refused", """{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"integerValue":"2"},{"doubleValue":0}]}}}}}"""),
        Write("vector: a map typed as something other than a vector is refused", """{"mapValue":{"fields":{"__type__":{"stringValue":"other"}}}}"""),
        Write("vector: a vector map without its value is refused", """{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"}}}}"""),
        S("vector: __type__ as a top-level field is refused", Commit(Set("c/a", """{"__type__":{"stringValue":"__vector__"}}"""))),
        Nearest("vector: EUCLIDEAN, nearest first, skipping other lengths and plain arrays", Near("EUCLIDEAN", "1,0", ""","limit":10,"distanceResultField":"dist" """)),
        Nearest("vector: COSINE distances", Near("COSINE", "1,0", ""","limit":10,"distanceResultField":"dist" """)),
        Nearest("vector: DOT_PRODUCT ranks the largest first", Near("DOT_PRODUCT", "1,1", ""","limit":10,"distanceResultField":"dist" """)),
        Nearest("vector: limit keeps the nearest", Near("EUCLIDEAN", "1,0", ""","limit":2""")),
        Nearest("vector: a COSINE distanceThreshold keeps distances at most it", Near("COSINE", "1,0", ""","limit":10,"distanceResultField":"dist","distanceThreshold":0.5""")),
        Nearest("vector: a DOT_PRODUCT distanceThreshold keeps products at least it", Near("DOT_PRODUCT", "1,1", ""","limit":10,"distanceResultField":"dist","distanceThreshold":2""")),
        Nearest("vector: an equality prefilter", Near("EUCLIDEAN", "1,0", ""","limit":10,"distanceResultField":"dist" """, """ "where":{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"x"}}},""")),
        Nearest("vector: an array-contains-any prefilter", Near("COSINE", "1,0", ""","limit":10,"distanceResultField":"dist" """, """ "where":{"fieldFilter":{"field":{"fieldPath":"labels"},"op":"ARRAY_CONTAINS_ANY","value":{"arrayValue":{"values":[{"stringValue":"sky"}]}}}},""")),
        Nearest("vector: a range prefilter, as a name prefix uses", Near("COSINE", "1,0", ""","limit":10,"distanceResultField":"dist" """, """ "where":{"compositeFilter":{"op":"AND","filters":[{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"GREATER_THAN_OR_EQUAL","value":{"stringValue":"x"}}},{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"LESS_THAN","value":{"stringValue":"x\uf8ff"}}}]}},""")),
        Nearest("vector: equality, array-contains-any and a range on a third field together, as search's options combine", Near("COSINE", "1,0", ""","limit":10,"distanceResultField":"dist" """, """ "where":{"compositeFilter":{"op":"AND","filters":[{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"x"}}},{"fieldFilter":{"field":{"fieldPath":"labels"},"op":"ARRAY_CONTAINS_ANY","value":{"arrayValue":{"values":[{"stringValue":"sea"}]}}}},{"fieldFilter":{"field":{"fieldPath":"__name__"},"op":"GREATER_THAN_OR_EQUAL","value":{"referenceValue":"{docs}/v/b"}}}]}},""")),
        Nearest("vector: a COSINE distanceThreshold of 0 keeps only the same direction", Near("COSINE", "6,8", ""","limit":10,"distanceResultField":"dist","distanceThreshold":0""")),
        Nearest("vector: an orderBy beside findNearest", Near("COSINE", "1,0", ""","limit":3,"distanceResultField":"dist" """, """ "orderBy":[{"field":{"fieldPath":"tag"},"direction":"ASCENDING"}],""")),
        Nearest("vector: a startAt cursor beside findNearest", Near("COSINE", "1,0", ""","limit":3""", """ "orderBy":[{"field":{"fieldPath":"__name__"},"direction":"ASCENDING"}],"startAt":{"values":[{"referenceValue":"{docs}/v/b"}],"before":true},""")),
        NearestDeparture("vector: a dotted distanceResultField is a field path, the distance nested", Near("EUCLIDEAN", "1,0", ""","limit":2,"distanceResultField":"scores.dist" """)),
        NearestDeparture("vector: a quoted distanceResultField is a field path, the quotes not part of the name", Near("EUCLIDEAN", "1,0", ""","limit":2,"distanceResultField":"`my-dist`" """)),
        Nearest("vector: a query vector longer than 2048 is refused", Near("EUCLIDEAN", string.Join(",", Enumerable.Repeat("1", 2049)), ""","limit":3""")),
        Nearest("vector: a query vector no stored vector matches in length finds nothing", Near("COSINE", "1,0,0,0", ""","limit":3""")),
        Nearest("vector: the distance field replaces a field of the same name", Near("EUCLIDEAN", "1,0", ""","limit":3,"distanceResultField":"tag" """)),
        Nearest("vector: select leaves the distance out unless selected", Near("EUCLIDEAN", "1,0", ""","limit":2,"distanceResultField":"dist" """, """ "select":{"fields":[{"fieldPath":"tag"}]},""")),
        Nearest("vector: a zero query vector has no COSINE distance", Near("COSINE", "0,0", ""","limit":3,"distanceResultField":"dist" """)),
        Nearest("vector: a limit above 1000 is refused", Near("EUCLIDEAN", "1,0", ""","limit":1001""")),
        Nearest("vector: no limit is refused", Near("EUCLIDEAN", "1,0", "")),
        Nearest("vector: a query limit beside findNearest is refused", Near("EUCLIDEAN", "1,0", ""","limit":3""", """ "limit":1,""")),
        Nearest("vector: an offset beside findNearest is refused", Near("EUCLIDEAN", "1,0", ""","limit":3""", """ "offset":1,""")),
        Nearest("vector: a plain array as the query vector is refused", """{"from":[{"collectionId":"v"}],"findNearest":{"vectorField":{"fieldPath":"e"},"queryVector":{"arrayValue":{"values":[{"doubleValue":1}]}},"distanceMeasure":"EUCLIDEAN","limit":3}}"""),
        Nearest("vector: an empty query vector is refused", """{"from":[{"collectionId":"v"}],"findNearest":{"vectorField":{"fieldPath":"e"},"queryVector":{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{}}}}},"distanceMeasure":"EUCLIDEAN","limit":3}}"""),
        Nearest("vector: no distance measure is refused", """{"from":[{"collectionId":"v"}],"findNearest":{"vectorField":{"fieldPath":"e"},"queryVector":{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[{"doubleValue":1},{"doubleValue":0}]}}}}},"limit":3}}"""),
    ];

    /// <summary>A structuredQuery over <c>v</c> with findNearest on <c>e</c>; <paramref name="before"/> adds query keys ahead of it.</summary>
    private static string Near(string measure, string vector, string rest, string before = "")
    {
        var values = string.Join(",", vector.Split(',').Select(v => $$"""{"doubleValue":{{v}}}"""));
        var queryVector = """{"mapValue":{"fields":{"__type__":{"stringValue":"__vector__"},"value":{"arrayValue":{"values":[""" + values + "]}}}}}";
        return $$"""{"from":[{"collectionId":"v"}],{{before}}"findNearest":{"vectorField":{"fieldPath":"e"},"queryVector":{{queryVector}},"distanceMeasure":"{{measure}}"{{rest}}""" + "}}";
    }

    private static Scenario Nearest(string name, string structuredQuery) =>
        S(name, Post(":commit", VectorData), Post(":runQuery", $$"""{"structuredQuery":{{structuredQuery}}}"""));

    /// <summary>
    /// The client libraries send <c>distanceResultField</c> as a formatted field path (Java's
    /// <c>FieldPath.fromDotSeparatedString</c>, Node.js's <c>FieldPath.fromArgument(…).formattedName</c>: <c>a.b</c>
    /// nests, <c>`my-dist`</c> quotes) and read the distance back by that path, so production parses it as one; the
    /// emulator writes a top-level field named by the literal text, quotes and dots included.
    /// </summary>
    private static Scenario NearestDeparture(string name, string structuredQuery) =>
        Departure(name, "the emulator names the distance field by distanceResultField's literal text; production parses it as a field path, as the client libraries send it",
            (200, null), Post(":commit", VectorData), Post(":runQuery", $$"""{"structuredQuery":{{structuredQuery}}}"""));
}
