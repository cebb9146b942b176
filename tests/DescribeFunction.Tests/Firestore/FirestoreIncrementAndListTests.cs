using System.Net;
using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

/// <summary>The REST client's <c>increment</c> writes (what the usage ledger sends) and collection listing (how it is read).</summary>
public class FirestoreIncrementAndListTests
{
    private const string Root = "projects/my-project/databases/(default)/documents";

    [Fact]
    public async Task CommitAsync_IncrementBesideAPreconditionedUpdate_SendsOneAtomicCommitInTheLibrariesShape()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, Json.Lines("""
            {"writeResults":[{"updateTime":"2026-12-01T10:00:00.000001Z","transformResults":[{"timestampValue":"2026-12-01T10:00:00.000001Z"}]},
            {"updateTime":"2026-12-01T10:00:00.000001Z","transformResults":[{"integerValue":"3"},{"integerValue":"812"}]}],
            "commitTime":"2026-12-01T10:00:00.000001Z"}
            """));
        var client = FakeFirestoreHandler.Client(handler);
        FirestoreWrite[] writes =
        [
            FirestoreWrite.Update("imageDescriptions", "cat.png", new DocumentFields().Set("status", "done"), FirestorePrecondition.UpdateTime("2026-12-01T09:59:59.5Z"), ["updatedAt"]),
            FirestoreWrite.Increment("describeUsage/2026-12-01_google%2Fgemini-3.8-flash/shards", "7", [KeyValuePair.Create("images", 1L), KeyValuePair.Create("inputTokens", 812L)]),
        ];

        var result = await client.CommitAsync(writes, CancellationToken.None);

        const string expected = """
            {"writes":[
            {"update":{"name":"projects/my-project/databases/(default)/documents/imageDescriptions/cat.png","fields":{"status":{"stringValue":"done"}}},
            "updateMask":{"fieldPaths":["status"]},
            "updateTransforms":[{"fieldPath":"updatedAt","setToServerValue":"REQUEST_TIME"}],
            "currentDocument":{"updateTime":"2026-12-01T09:59:59.5Z"}},
            {"update":{"name":"projects/my-project/databases/(default)/documents/describeUsage/2026-12-01_google%2Fgemini-3.8-flash/shards/7","fields":{}},
            "updateMask":{"fieldPaths":[]},
            "updateTransforms":[{"fieldPath":"images","increment":{"integerValue":"1"}},{"fieldPath":"inputTokens","increment":{"integerValue":"812"}}]}
            ]}
            """;
        Assert.Equal(Json.Lines(expected), Assert.Single(handler.Requests).Body);
        Assert.Equal(2, result.WriteResults.Count);
    }

    [Fact]
    public void Increment_WithoutFieldsOrWithARepeatedField_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => FirestoreWrite.Increment("c", "d", []));
        Assert.Throws<ArgumentException>(() => FirestoreWrite.Increment("c", "d", [KeyValuePair.Create("a", 1L), KeyValuePair.Create("a", 2L)]));
    }

    [Fact]
    public async Task ListAsync_PagesUntilNoToken_AndEscapesEachSegmentOnce()
    {
        var handler = new FakeFirestoreHandler()
            .Respond(HttpStatusCode.OK, $$"""{"documents":[{{Shard("0", 4)}},{{Shard("1", 5)}}],"nextPageToken":"page+2"}""")
            .Respond(HttpStatusCode.OK, $$"""{"documents":[{{Shard("2", 6)}}]}""");
        var client = FakeFirestoreHandler.Client(handler);

        var documents = await client.ListAsync("describeUsage/2026-12-01_google%2Fgemini-3.8-flash/shards", CancellationToken.None);

        Assert.Equal([4L, 5L, 6L], documents.Select(d => d.Fields.GetInt64("images")));
        Assert.Equal(
            [
                $"http://firestore.test/v1/{Root}/describeUsage/2026-12-01_google%252Fgemini-3.8-flash/shards?pageSize=300",
                $"http://firestore.test/v1/{Root}/describeUsage/2026-12-01_google%252Fgemini-3.8-flash/shards?pageSize=300&pageToken=page%2B2",
            ],
            handler.Requests.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task ListAsync_EmptyCollection_IsAnEmptyList()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, "{}");

        var documents = await FakeFirestoreHandler.Client(handler).ListAsync("describeUsage/day/shards", CancellationToken.None);

        Assert.Empty(documents);
    }

    private static string Shard(string id, long images) =>
        $$$"""{"name":"{{{Root}}}/describeUsage/2026-12-01_google%2Fgemini-3.8-flash/shards/{{{id}}}","fields":{"images":{"integerValue":"{{{images}}}"}},"createTime":"2026-12-01T00:00:01Z","updateTime":"2026-12-01T10:00:00Z"}""";
}
