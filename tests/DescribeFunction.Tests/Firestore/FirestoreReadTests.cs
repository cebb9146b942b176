using System.Net;
using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

public class FirestoreReadTests
{
    private const string Root = "projects/my-project/databases/(default)/documents";

    private const string Document = """
        {"name":"projects/my-project/databases/(default)/documents/imageDescriptions/photos%2Fcat.jpg",
        "fields":{"status":{"stringValue":"done"},"generation":{"integerValue":"1717171717171717"},
        "usage":{"mapValue":{"fields":{"inputTokens":{"integerValue":"12"}}}}},
        "createTime":"2024-05-06T07:08:09.000001Z",
        "updateTime":"2024-05-06T07:08:09.123456789Z"}
        """;

    [Fact]
    public async Task GetAsync_ParsesTheDocumentAndKeepsTheRawUpdateTime()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, Json.Lines(Document));
        var client = FakeFirestoreHandler.Client(handler);

        var document = await client.GetAsync("imageDescriptions", "photos%2Fcat.jpg", CancellationToken.None);

        Assert.NotNull(document);
        Assert.Equal("photos%2Fcat.jpg", document.Id);
        Assert.Equal("done", document.Fields.GetString("status"));
        Assert.Equal(1717171717171717L, document.Fields.GetInt64("generation"));
        Assert.Equal(12L, document.Fields.GetMap("usage")!.GetInt64("inputTokens"));
        Assert.Equal("2024-05-06T07:08:09.123456789Z", document.UpdateTimeRaw);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567), document.UpdateTime);
        Assert.Equal(FirestorePrecondition.UpdateTime("2024-05-06T07:08:09.123456789Z"), document.Unchanged);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Null(request.Body);
    }

    [Theory]
    [InlineData("photos%2Fcat.jpg", "photos%252Fcat.jpg")]
    [InlineData("My File #1?.png", "My%20File%20%231%3F.png")]
    [InlineData("%2E%2E", "%252E%252E")]
    [InlineData("café+日.jpg", "caf%C3%A9%2B%E6%97%A5.jpg")]
    [InlineData("%23abc", "%2523abc")]
    public async Task GetAsync_EscapesTheIdInTheUrlPath(string id, string expectedSegment)
    {
        var handler = new FakeFirestoreHandler().RespondError(HttpStatusCode.NotFound, "NOT_FOUND", "Document not found.");
        var client = FakeFirestoreHandler.Client(handler);

        Assert.Null(await client.GetAsync("imageDescriptions", id, CancellationToken.None));

        var uri = Assert.Single(handler.Requests).Uri;
        Assert.Equal($"/v1/{Root}/imageDescriptions/{expectedSegment}", uri.AbsolutePath);
        Assert.Equal($"http://firestore.test/v1/{Root}/imageDescriptions/{expectedSegment}", uri.AbsoluteUri);
    }

    [Fact]
    public async Task BatchGetAsync_ReturnsRequestOrderWithNullForMissing()
    {
        var found = Json.Lines(Document);
        var handler = new FakeFirestoreHandler().Respond(
            HttpStatusCode.OK,
            $$$"""
            [{"missing":"{{{Root}}}/imageDescriptions/b.png","readTime":"2024-05-06T07:08:10Z"},
            {"found":{{{found}}},"readTime":"2024-05-06T07:08:10Z"}]
            """);
        var client = FakeFirestoreHandler.Client(handler);

        var documents = await client.BatchGetAsync(
            [("imageDescriptions", "b.png"), ("imageDescriptions", "photos%2Fcat.jpg"), ("imageDescriptions", "b.png")],
            CancellationToken.None);

        Assert.Equal(3, documents.Count);
        Assert.Null(documents[0]);
        Assert.Equal("done", documents[1]!.Fields.GetString("status"));
        Assert.Null(documents[2]);
        var request = Assert.Single(handler.Requests);
        Assert.Equal($"http://firestore.test/v1/{Root}:batchGet", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(
            $$$"""{"documents":["{{{Root}}}/imageDescriptions/b.png","{{{Root}}}/imageDescriptions/photos%2Fcat.jpg"]}""",
            request.Body);
    }

    [Fact]
    public async Task BatchGetAsync_NothingRequested_SendsNothing()
    {
        var handler = new FakeFirestoreHandler();
        var client = FakeFirestoreHandler.Client(handler);

        Assert.Empty(await client.BatchGetAsync([], CancellationToken.None));
        Assert.Empty(handler.Requests);
    }
}
