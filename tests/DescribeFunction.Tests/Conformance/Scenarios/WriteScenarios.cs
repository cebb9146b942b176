namespace DescribeFunction.Tests.Conformance;

public static partial class ConformanceScenarios
{
    private const string Nested = """{"status":{"stringValue":"streaming"},"usage":{"mapValue":{"fields":{"in":{"integerValue":"1"},"out":{"integerValue":"2"}}}},"odd-name":{"stringValue":"q"},"error":{"stringValue":"old"}}""";

    private static IEnumerable<Scenario> Writes() =>
    [
        S("commit: a set replaces every field", Commit(Set("c/a", Nested)), Commit(Set("c/a", V(Int(1)))), Get("/c/a")),
        S("commit: an update mask changes only its paths, nested and backquoted",
            Commit(Set("c/a", Nested)),
            Commit(Set("c/a", """{"status":{"stringValue":"done"},"usage":{"mapValue":{"fields":{"in":{"integerValue":"10"}}}},"odd-name":{"stringValue":"new"},"ignored":{"stringValue":"x"}}""",
                """ updateMask":{"fieldPaths":["status","usage.in","`odd-name`","error"]}""")),
            Get("/c/a")),
        S("commit: a mask on a missing document creates it", Commit(Set("c/a", V(Int(1)), """ updateMask":{"fieldPaths":["v","w.x"]}""")), Get("/c/a")),
        S("commit: an invalid mask path is refused", Commit(Set("c/a", V(Int(1)), """ updateMask":{"fieldPaths":["v.`unterminated"]}"""))),
        S("commit: a mask path with a backquoted dot", Commit(Set("c/a", """{"a.b":{"integerValue":"1"},"a":{"mapValue":{"fields":{"b":{"integerValue":"2"}}}}}""", """ updateMask":{"fieldPaths":["`a.b`"]}""")), Get("/c/a")),
        S("commit: exists=false on an existing document is ALREADY_EXISTS", Commit(Set("c/a", V(Int(1)))), Commit(Set("c/a", V(Int(2)), """ currentDocument":{"exists":false}"""))),
        S("commit: exists=true on a missing document is NOT_FOUND", Commit(Set("c/a", V(Int(1)), """ currentDocument":{"exists":true}"""))),
        S("commit: a matching updateTime precondition succeeds",
            Commit(Set("c/a", V(Int(1)))), Commit(Set("c/a", V(Int(2)), """ currentDocument":{"updateTime":"{$0.writeResults[0].updateTime}"}""")), Get("/c/a")),
        S("commit: a stale updateTime precondition is FAILED_PRECONDITION",
            Commit(Set("c/a", V(Int(1)))), Commit(Set("c/a", V(Int(2)))), Commit(Set("c/a", V(Int(3)), """ currentDocument":{"updateTime":"{$0.writeResults[0].updateTime}"}"""))),
        S("commit: an updateTime precondition on a missing document", Commit(Set("c/a", V(Int(1)), """ currentDocument":{"updateTime":"2020-01-01T00:00:00Z"}"""))),
        S("commit: exists and updateTime together are refused", Commit(Set("c/a", V(Int(1)), """ currentDocument":{"exists":true,"updateTime":"2020-01-01T00:00:00Z"}"""))),
        S("commit: a delete of a missing document succeeds", Commit(Remove("c/missing"))),
        S("commit: a delete with exists=true on a missing document is NOT_FOUND", Commit(Remove("c/missing", """ currentDocument":{"exists":true}"""))),
        S("commit: a delete removes the document", Commit(Set("c/a", V(Int(1)))), Commit(Remove("c/a")), Get("/c/a")),
        S("commit: all or nothing when a later write fails",
            Commit(Set("c/a", V(Int(1))), Set("c/b", V(Int(2)), """ currentDocument":{"exists":true}""")), Get("/c/a")),
        S("commit: two writes to one document apply in order", Commit(Set("c/a", V(Int(1))), Set("c/a", """{"w":{"integerValue":"2"}}""", """ updateMask":{"fieldPaths":["w"]}""")), Get("/c/a")),
        S("commit: a write that changes nothing keeps the update time", Commit(Set("c/a", V(Int(1)))), Commit(Set("c/a", V(Int(1)))), Get("/c/a")),
        S("commit: an empty commit", Post(":commit", """{"writes":[]}"""), Post(":commit", "{}")),
        S("commit: a write with two operations is refused", Post(":commit", """{"writes":[{"update":{"name":"{docs}/c/a"},"delete":"{docs}/c/a"}]}""")),
        S("commit: a write with no operation is refused", Post(":commit", """{"writes":[{"currentDocument":{"exists":true}}]}""")),
        S("commit: an unknown body field is refused", Post(":commit", """{"writes":[],"bogus":1}""")),
        S("commit: a collection name is refused", Post(":commit", """{"writes":[{"update":{"name":"{docs}/c"}}]}""")),
        Departure(
            "commit: a document of another project is refused",
            "the emulator lets a request for one project write another project's documents; production refuses the name",
            (400, "INVALID_ARGUMENT"),
            Post(":commit", """{"writes":[{"update":{"name":"projects/someone-else/databases/(default)/documents/c/a","fields":{}}}]}""")),
        S("patch: upserts with an update mask from the query string", Patch("/c/a", """{"fields":{"v":{"integerValue":"1"}}}"""),
            Patch("/c/a?updateMask.fieldPaths=w", """{"fields":{"v":{"integerValue":"9"},"w":{"integerValue":"2"}}}""")),
        S("patch: currentDocument.exists=true on a missing document is NOT_FOUND", Patch("/c/a?currentDocument.exists=true", """{"fields":{}}""")),
        S("patch: mask.fieldPaths limits the answer", Patch("/c/a?mask.fieldPaths=v", """{"fields":{"v":{"integerValue":"1"},"w":{"integerValue":"2"}}}""")),
        Departure(
            "patch: a currentDocument.updateTime precondition in the query string",
            "the emulator compares a query-string currentDocument.updateTime with 0 and refuses every update; production compares it with the stored update time",
            (200, null),
            Patch("/c/a", """{"fields":{"v":{"integerValue":"1"}}}"""),
            Patch("/c/a?currentDocument.updateTime={$0.updateTime}", """{"fields":{"v":{"integerValue":"2"}}}""")),
        S("patch: on a collection path is refused", Patch("/c", """{"fields":{}}""")),
        S("create: with a documentId", Post("/c?documentId=a", """{"fields":{"v":{"integerValue":"1"}}}"""), Get("/c/a")),
        S("create: an existing document is ALREADY_EXISTS", Post("/c?documentId=a", """{"fields":{}}"""), Post("/c?documentId=a", """{"fields":{}}""")),
        S("create: without a documentId generates one", new RestStep("POST", "/c", """{"fields":{"v":{"integerValue":"1"}}}""") { Opaque = ["name"] }),
        S("delete: removes the document", Patch("/c/a", """{"fields":{}}"""), Delete("/c/a"), Get("/c/a")),
        S("delete: currentDocument.exists=true on a missing document is NOT_FOUND", Delete("/c/a?currentDocument.exists=true")),
    ];
}
