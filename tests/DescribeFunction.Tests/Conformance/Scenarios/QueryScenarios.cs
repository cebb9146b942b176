namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    private const string QueryData = """
        {"writes":[
        {"update":{"name":"{docs}/q/a","fields":{"n":{"integerValue":"1"},"tag":{"stringValue":"x"},"arr":{"arrayValue":{"values":[{"integerValue":"1"},{"integerValue":"2"}]}},"m":{"mapValue":{"fields":{"k":{"integerValue":"2"}}}}}}},
        {"update":{"name":"{docs}/q/b","fields":{"n":{"doubleValue":2.5},"tag":{"stringValue":"y"},"arr":{"arrayValue":{"values":[{"integerValue":"2"},{"integerValue":"3"}]}},"m":{"mapValue":{"fields":{"k":{"integerValue":"1"}}}}}}},
        {"update":{"name":"{docs}/q/c","fields":{"n":{"integerValue":"3"},"tag":{"stringValue":"x"},"arr":{"arrayValue":{"values":[{"stringValue":"x"}]}}}}},
        {"update":{"name":"{docs}/q/d","fields":{"n":{"stringValue":"text"},"tag":{"nullValue":null}}}},
        {"update":{"name":"{docs}/q/e","fields":{"n":{"doubleValue":"NaN"},"tag":{"stringValue":"y"}}}},
        {"update":{"name":"{docs}/q/f","fields":{"tag":{"stringValue":"z"}}}},
        {"update":{"name":"{docs}/q/g","fields":{"n":{"nullValue":null},"tag":{"stringValue":"x"}}}},
        {"update":{"name":"{docs}/q/a/q/x","fields":{"n":{"integerValue":"10"}}}},
        {"update":{"name":"{docs}/other/y/q/z","fields":{"n":{"integerValue":"4"}}}}]}
        """;

    private static IEnumerable<Scenario> Queries() =>
    [
        Query("query: a whole collection, in name order", """{"from":[{"collectionId":"q"}]}"""),
        Query("query: under a document", """{"from":[{"collectionId":"q"}]}""", parent: "/q/a"),
        Query("query: allDescendants from the root is a collection group", """{"from":[{"collectionId":"q","allDescendants":true}]}"""),
        Query("query: allDescendants under a document", """{"from":[{"collectionId":"q","allDescendants":true}]}""", parent: "/other/y"),
        Query("query: a collection that does not exist", """{"from":[{"collectionId":"nothing"}]}"""),
        Query("query: EQUAL", Where("""{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"x"}}}""")),
        Query("query: EQUAL matches 2.5 and numbers across types", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"EQUAL","value":{"doubleValue":3.0}}}""")),
        Query("query: NOT_EQUAL leaves out missing fields and null", Where("""{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"NOT_EQUAL","value":{"stringValue":"x"}}}""")),
        Query("query: LESS_THAN stays within numbers", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"LESS_THAN","value":{"integerValue":"3"}}}""")),
        Query("query: LESS_THAN_OR_EQUAL", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"LESS_THAN_OR_EQUAL","value":{"integerValue":"3"}}}""")),
        Query("query: GREATER_THAN", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"GREATER_THAN","value":{"integerValue":"1"}}}""")),
        Query("query: GREATER_THAN_OR_EQUAL on strings", Where("""{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"GREATER_THAN_OR_EQUAL","value":{"stringValue":"y"}}}""")),
        Query("query: IN", Where("""{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"IN","value":{"arrayValue":{"values":[{"stringValue":"y"},{"stringValue":"z"}]}}}}""")),
        Query("query: NOT_IN", Where("""{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"NOT_IN","value":{"arrayValue":{"values":[{"stringValue":"x"}]}}}}""")),
        Query("query: ARRAY_CONTAINS", Where("""{"fieldFilter":{"field":{"fieldPath":"arr"},"op":"ARRAY_CONTAINS","value":{"integerValue":"2"}}}""")),
        Query("query: ARRAY_CONTAINS_ANY", Where("""{"fieldFilter":{"field":{"fieldPath":"arr"},"op":"ARRAY_CONTAINS_ANY","value":{"arrayValue":{"values":[{"integerValue":"3"},{"stringValue":"x"}]}}}}""")),
        Query("query: operators and directions as enum numbers under enum-encoding=int",
            """{"from":[{"collectionId":"q"}],"where":{"fieldFilter":{"field":{"fieldPath":"n"},"op":3,"value":{"integerValue":"1"}}},"orderBy":[{"field":{"fieldPath":"n"},"direction":2}]}""",
            query: "?$alt=json;enum-encoding=int"),
        Query("query: IS_NULL", Where("""{"unaryFilter":{"field":{"fieldPath":"n"},"op":"IS_NULL"}}""")),
        Query("query: IS_NAN", Where("""{"unaryFilter":{"field":{"fieldPath":"n"},"op":"IS_NAN"}}""")),
        Query("query: IS_NOT_NULL", Where("""{"unaryFilter":{"field":{"fieldPath":"n"},"op":"IS_NOT_NULL"}}""")),
        Query("query: IS_NOT_NAN", Where("""{"unaryFilter":{"field":{"fieldPath":"n"},"op":"IS_NOT_NAN"}}""")),
        Query("query: a nested field filter", Where("""{"fieldFilter":{"field":{"fieldPath":"m.k"},"op":"EQUAL","value":{"integerValue":"1"}}}""")),
        Query("query: a filter on __name__", Where("""{"fieldFilter":{"field":{"fieldPath":"__name__"},"op":"GREATER_THAN","value":{"referenceValue":"{docs}/q/c"}}}""")),
        Query("query: composite AND", Where("""{"compositeFilter":{"op":"AND","filters":[ {"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"x"}}}, {"fieldFilter":{"field":{"fieldPath":"n"},"op":"GREATER_THAN","value":{"integerValue":"0"}}}]}}""")),
        Query("query: composite OR", Where("""{"compositeFilter":{"op":"OR","filters":[ {"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"z"}}}, {"fieldFilter":{"field":{"fieldPath":"n"},"op":"EQUAL","value":{"integerValue":"1"}}}]}}""")),
        Query("query: OR nested in AND", Where("""{"compositeFilter":{"op":"AND","filters":[ {"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"x"}}}, {"compositeFilter":{"op":"OR","filters":[ {"fieldFilter":{"field":{"fieldPath":"n"},"op":"EQUAL","value":{"integerValue":"3"}}}, {"unaryFilter":{"field":{"fieldPath":"n"},"op":"IS_NULL"}}]}}]}}""")),
        Query("query: orderBy orders by value type then value", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"n"}}]}"""),
        Query("query: orderBy descending, then __name__ descending", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"tag"},"direction":"DESCENDING"}]}"""),
        Query("query: orderBy two fields", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"tag"}},{"field":{"fieldPath":"n"},"direction":"DESCENDING"}]}"""),
        QueryError("query: an explicit orderBy __name__ descending is refused", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"__name__"},"direction":"DESCENDING"}]}"""),
        Query("query: an inequality orders by its field first", Where("""{"fieldFilter":{"field":{"fieldPath":"tag"},"op":"GREATER_THAN","value":{"stringValue":"a"}}}""")),
        Query("query: limit", """{"from":[{"collectionId":"q"}],"limit":2}"""),
        QueryError("query: limit as an Int32Value object is refused", """{"from":[{"collectionId":"q"}],"limit":{"value":1}}"""),
        Query("query: offset reports skippedResults", """{"from":[{"collectionId":"q"}],"offset":5}"""),
        Query("query: offset beyond the results", """{"from":[{"collectionId":"q"}],"offset":50}"""),
        Query("query: offset and limit", """{"from":[{"collectionId":"q"}],"offset":1,"limit":2}"""),
        Query("query: startAt a value", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"n"}}],"startAt":{"values":[{"integerValue":"1"}],"before":true}}"""),
        Query("query: startAfter a value", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"n"}}],"startAt":{"values":[{"integerValue":"1"}]}}"""),
        Query("query: endAt and endBefore", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"n"}}],"endAt":{"values":[{"doubleValue":2.5}],"before":true}}"""),
        QueryError("query: a cursor with a document name needs an explicit __name__ order", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"tag"}}],"startAt":{"values":[{"stringValue":"x"},{"referenceValue":"{docs}/q/c"}]}}"""),
        Query("query: a descending order, then __name__ descending, with a cursor past a document", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"tag"},"direction":"DESCENDING"},{"field":{"fieldPath":"__name__"},"direction":"DESCENDING"}],"startAt":{"values":[{"stringValue":"x"},{"referenceValue":"{docs}/q/c"}]}}"""),
        Query("query: a cursor with a document name after an explicit __name__ order", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"tag"}},{"field":{"fieldPath":"__name__"}}],"startAt":{"values":[{"stringValue":"x"},{"referenceValue":"{docs}/q/c"}]}}"""),
        QueryError("query: a cursor on __name__ without orderBy is refused", """{"from":[{"collectionId":"q"}],"startAt":{"values":[{"referenceValue":"{docs}/q/c"}],"before":true}}"""),
        Query("query: select keeps only the listed fields", """{"from":[{"collectionId":"q"}],"select":{"fields":[{"fieldPath":"tag"},{"fieldPath":"m.k"}]}}"""),
        Query("query: select with no fields returns names only", """{"from":[{"collectionId":"q"}],"select":{"fields":[]}}"""),
        Query("query: select __name__", """{"from":[{"collectionId":"q"}],"select":{"fields":[{"fieldPath":"__name__"}]},"limit":1}"""),
        QueryError("query: IN with more than 30 values is refused", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"IN","value":{"arrayValue":{"values":[""" + string.Join(",", Enumerable.Range(0, 31).Select(i => Int(i))) + "]}}}}")),
        QueryError("query: IN with a non-array value is refused", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"IN","value":{"integerValue":"1"}}}""")),
        Query("query: an order filter on null matches nothing", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"LESS_THAN","value":{"nullValue":null}}}""")),
        QueryError("query: a cursor with more values than orderBy is refused", """{"from":[{"collectionId":"q"}],"orderBy":[{"field":{"fieldPath":"n"}}],"startAt":{"values":[{"integerValue":"1"},{"referenceValue":"{docs}/q/a"},{"integerValue":"1"}]}}"""),
        QueryError("query: a negative limit is refused", """{"from":[{"collectionId":"q"}],"limit":-1}"""),
        QueryError("query: two collections in from are refused", """{"from":[{"collectionId":"q"},{"collectionId":"c"}]}"""),
        QueryError("query: an operator name that does not exist is refused", Where("""{"fieldFilter":{"field":{"fieldPath":"n"},"op":"LIKE","value":{"integerValue":"1"}}}""")),
        QueryError("query: an empty composite filter matches everything", Where("""{"compositeFilter":{"op":"AND","filters":[]}}""")),
        QueryError("query: NOT_IN with NOT_EQUAL is refused", Where("""{"compositeFilter":{"op":"AND","filters":[ {"fieldFilter":{"field":{"fieldPath":"tag"},"op":"NOT_IN","value":{"arrayValue":{"values":[{"stringValue":"x"}]}}}}, {"fieldFilter":{"field":{"fieldPath":"n"},"op":"NOT_EQUAL","value":{"integerValue":"1"}}}]}}""")),
        S("query: no structuredQuery is refused", Post(":runQuery", "{}")),
        NameRange("query: a name prefix range to the raised last character holds emoji and full-width names", "users/alice0"),
        NameRange("query: a name prefix range to U+F8FF leaves emoji and full-width names out", "users/alice/\uf8ff"),
    ];

    private static string Where(string filter) => $$"""{"from":[{"collectionId":"q"}],"where":{{filter}}""" + "}";

    // Object names whose next character after the prefix lies in every plane, and neighbours that do not start with it.
    private const string PrefixData = """
        {"writes":[
        {"update":{"name":"{docs}/p/1","fields":{"name":{"stringValue":"users/alice/a.jpg"}}}},
        {"update":{"name":"{docs}/p/2","fields":{"name":{"stringValue":"users/alice/😀.jpg"}}}},
        {"update":{"name":"{docs}/p/3","fields":{"name":{"stringValue":"users/alice/Ｆ.jpg"}}}},
        {"update":{"name":"{docs}/p/4","fields":{"name":{"stringValue":"users/alice0.jpg"}}}},
        {"update":{"name":"{docs}/p/5","fields":{"name":{"stringValue":"users/alicd/😀.jpg"}}}}]}
        """;

    private static Scenario NameRange(string name, string upper) => S(name, Post(":commit", PrefixData), Post(":runQuery", """
        {"structuredQuery":{"from":[{"collectionId":"p"}],"where":{"compositeFilter":{"op":"AND","filters":[
        {"fieldFilter":{"field":{"fieldPath":"name"},"op":"GREATER_THAN_OR_EQUAL","value":{"stringValue":"users/alice/"}}},
        {"fieldFilter":{"field":{"fieldPath":"name"},"op":"LESS_THAN","value":{"stringValue":"UPPER"}}}]}},"orderBy":[{"field":{"fieldPath":"name"}}]}}
        """.Replace("UPPER", upper, StringComparison.Ordinal)));

    private static Scenario Query(string name, string structuredQuery, string parent = "", string query = "") =>
        S(name, Post(":commit", QueryData), Post($"{parent}:runQuery{query}", $$"""{"structuredQuery":{{structuredQuery}}}"""));

    private static Scenario QueryError(string name, string structuredQuery) => Query(name, structuredQuery);
}
