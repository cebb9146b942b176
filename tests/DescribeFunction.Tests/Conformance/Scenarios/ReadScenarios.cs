namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    private const string ThreeDocs = """
        {"writes":[
        {"update":{"name":"{docs}/c/a","fields":{"n":{"integerValue":"1"},"s":{"stringValue":"x"}}}},
        {"update":{"name":"{docs}/c/b","fields":{"n":{"integerValue":"2"},"m":{"mapValue":{"fields":{"k":{"booleanValue":true},"j":{"nullValue":null}}}}}}},
        {"update":{"name":"{docs}/c/c","fields":{"n":{"integerValue":"3"}}}}]}
        """;

    private static IEnumerable<Scenario> Reads() =>
    [
        S("get: a missing document is NOT_FOUND", Get("/c/missing")),
        S("get: a written document reads back with its times", Post(":commit", ThreeDocs), Get("/c/b")),
        S("get: mask.fieldPaths keeps only those fields, nested too", Post(":commit", ThreeDocs), Get("/c/b?mask.fieldPaths=n&mask.fieldPaths=m.k&mask.fieldPaths=nothing")),
        S("get: an invalid mask path is refused", Post(":commit", ThreeDocs), Get("/c/b?mask.fieldPaths=a..b")),
        S("get: a reserved id in the path is refused", Get("/c/__x__")),
        S("get: a subcollection document", Commit(Set("c/a/sub/x", V(Int(1)))), Get("/c/a/sub/x"), Get("/c/a")),
        S("get: a literal %2F in an id, sent as %252F", Commit(Set("c/a%2Fb", """{"v":{"stringValue":"slash"}}""")), Get("/c/a%252Fb")),
        Departure(
            "get: %2F in a URL id names an id with a slash",
            "the emulator decodes %2F into a path separator and lists collection c/a/b; production takes the id \"a/b\", which is invalid",
            (400, "INVALID_ARGUMENT"),
            Get("/c/a%2Fb")),
        Departure(
            "get: no credential is UNAUTHENTICATED",
            "the emulator enforces no auth; production answers 401 to a request without credentials",
            (401, "UNAUTHENTICATED"),
            new RestStep("GET", "/c/a", Authorization: null)),
        S("batchGet: found and missing, in request order", Post(":commit", ThreeDocs),
            Post(":batchGet", """{"documents":["{docs}/c/missing","{docs}/c/a"]}""")),
        S("batchGet: a repeated name is answered once", Post(":commit", ThreeDocs),
            Post(":batchGet", """{"documents":["{docs}/c/a","{docs}/c/a"]}""")),
        S("batchGet: with a mask", Post(":commit", ThreeDocs),
            Post(":batchGet", """{"documents":["{docs}/c/b"],"mask":{"fieldPaths":["m.k"]}}""")),
        Departure(
            "batchGet: a name in another project is refused",
            "the emulator answers a document of another project as missing; production refuses a name outside the request's database",
            (400, "INVALID_ARGUMENT"),
            Post(":batchGet", """{"documents":["projects/other/databases/(default)/documents/c/a"]}""")),
        S("batchGet: a collection name is refused", Post(":batchGet", """{"documents":["{docs}/c"]}""")),
        S("batchGet: no documents is an empty answer", Post(":batchGet", """{"documents":[]}""")),
    ];

    private static IEnumerable<Scenario> Listings() =>
    [
        S("list: an empty collection", Get("/empty")),
        S("list: documents in id order", Post(":commit", ThreeDocs), Get("/c")),
        S("list: pages follow nextPageToken", Post(":commit", ThreeDocs), Get("/c?pageSize=2"), Get("/c?pageSize=2&pageToken={$1.nextPageToken}")),
        S("list: with a mask", Post(":commit", ThreeDocs), Get("/c?mask.fieldPaths=n")),
        S("list: orderBy a field, descending", Post(":commit", ThreeDocs), Get("/c?orderBy=n%20desc")),
        S("list: orderBy leaves out documents without the field", Post(":commit", ThreeDocs), Get("/c?orderBy=s")),
        S("list: showMissing includes documents that only have subcollections",
            Commit(Set("c/a", V(Int(1))), Set("c/b/sub/x", V(Int(2)))), Get("/c?showMissing=true")),
        S("list: a subcollection under a document", Commit(Set("c/a/sub/x", V(Int(1))), Set("c/b/sub/y", V(Int(2)))), Get("/c/a/sub")),
        S("list: a page token that is not one is INVALID_ARGUMENT", Post(":commit", ThreeDocs), Get("/c?pageToken=bm90LWEtdG9rZW4")),
        S("list: showMissing with orderBy is refused", Get("/c?showMissing=true&orderBy=n")),
        S("list: orderBy __name__ descending is refused", Get("/c?orderBy=__name__%20desc")),
        S("list: an invalid orderBy is refused", Get("/c?orderBy=a..b")),
        Departure(
            "list: a malformed page token is INVALID_ARGUMENT",
            "the emulator answers 500 INTERNAL to a page token it did not issue; production answers 400",
            (400, "INVALID_ARGUMENT"),
            Post(":commit", ThreeDocs), Get("/c?pageToken=%21%21%21")),
        S("listCollectionIds: at the root", Commit(Set("b/x", V(Int(1))), Set("a/x", V(Int(1))), Set("a/x/deep/y", V(Int(1)))),
            Post(":listCollectionIds", "{}")),
        S("listCollectionIds: under a document", Commit(Set("a/x/two/y", V(Int(1))), Set("a/x/one/y", V(Int(1))), Set("a/z/three/y", V(Int(1)))),
            Post("/a/x:listCollectionIds", "{}")),
        S("listCollectionIds: pages", Commit(Set("b/x", V(Int(1))), Set("a/x", V(Int(1))), Set("c/x", V(Int(1)))),
            Post(":listCollectionIds", """{"pageSize":2}"""), Post(":listCollectionIds", """{"pageSize":2,"pageToken":"{$1.nextPageToken}"}""")),
    ];
}
