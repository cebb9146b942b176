using System.Net;
using System.Text.Json;
using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

public class FirestoreCommitTests
{
    private const string Collection = "imageDescriptions";
    private const string Root = "projects/my-project/databases/(default)/documents";

    private const string CommitResponse = """
        {"writeResults":[
        {"updateTime":"2024-05-06T07:08:10.000001Z","transformResults":[{"timestampValue":"2024-05-06T07:08:10.000001Z"}]},
        {"updateTime":"2024-05-06T07:08:10.000001Z"},
        {},
        {"updateTime":"2024-05-06T07:08:10.000001Z"}],
        "commitTime":"2024-05-06T07:08:10.000001Z"}
        """;

    [Fact]
    public async Task CommitAsync_SendsTheDocumentedWriteShapes()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, Json.Lines(CommitResponse));
        var client = FakeFirestoreHandler.Client(handler);
        FirestoreWrite[] writes =
        [
            FirestoreWrite.Update(
                Collection,
                "photos%2Fcat.jpg",
                new DocumentFields().Set("status", "done").Set("usage", new DocumentFields().Set("inputTokens", 12L)),
                FirestorePrecondition.UpdateTime("2024-05-06T07:08:09.123456789Z"),
                serverTimestampFields: ["updatedAt"]),
            FirestoreWrite.Replace(
                Collection,
                "new.png",
                new DocumentFields().Set("status", "processing").Set("generation", 17L),
                FirestorePrecondition.MustNotExist,
                serverTimestampFields: ["createdAt", "updatedAt"]),
            FirestoreWrite.Delete(Collection, "old.png", FirestorePrecondition.Exists(true)),
            FirestoreWrite.Update(
                Collection,
                "x.png",
                new DocumentFields().Set("status", "failed").Set("odd name", 1),
                updateMask: ["status", "error"]),
        ];

        var result = await client.CommitAsync(writes, CancellationToken.None);

        const string expected = """
            {"writes":[
            {"update":{"name":"projects/my-project/databases/(default)/documents/imageDescriptions/photos%2Fcat.jpg",
            "fields":{"status":{"stringValue":"done"},"usage":{"mapValue":{"fields":{"inputTokens":{"integerValue":"12"}}}}}},
            "updateMask":{"fieldPaths":["status","usage"]},
            "updateTransforms":[{"fieldPath":"updatedAt","setToServerValue":"REQUEST_TIME"}],
            "currentDocument":{"updateTime":"2024-05-06T07:08:09.123456789Z"}},
            {"update":{"name":"projects/my-project/databases/(default)/documents/imageDescriptions/new.png",
            "fields":{"status":{"stringValue":"processing"},"generation":{"integerValue":"17"}}},
            "updateTransforms":[{"fieldPath":"createdAt","setToServerValue":"REQUEST_TIME"},
            {"fieldPath":"updatedAt","setToServerValue":"REQUEST_TIME"}],
            "currentDocument":{"exists":false}},
            {"delete":"projects/my-project/databases/(default)/documents/imageDescriptions/old.png",
            "currentDocument":{"exists":true}},
            {"update":{"name":"projects/my-project/databases/(default)/documents/imageDescriptions/x.png",
            "fields":{"status":{"stringValue":"failed"},"odd name":{"integerValue":"1"}}},
            "updateMask":{"fieldPaths":["status","error"]}}
            ]}
            """;
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"http://firestore.test/v1/{Root}:commit", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("Bearer token-1", request.Authorization);
        Assert.Equal(Json.Lines(expected), request.Body);

        Assert.Equal(4, result.WriteResults.Count);
        Assert.Equal("2024-05-06T07:08:10.000001Z", result.WriteResults[0].UpdateTimeRaw);
        Assert.Null(result.WriteResults[2].UpdateTimeRaw);
        Assert.Equal("2024-05-06T07:08:10.000001Z", result.WriteResults[1].UpdateTimeRaw);
    }

    [Fact]
    public void Update_DerivedMaskQuotesFieldNamesThatAreNotIdentifiers()
    {
        var write = FirestoreWrite.Update(Collection, "a", new DocumentFields().Set("status", "x").Set("odd name", 1).Set("a.b", 2));
        Assert.Equal(["status", "`odd name`", "`a.b`"], write.UpdateMask);
    }

    [Fact]
    public void Update_FieldThatIsAlsoAServerTimestamp_IsRejected() =>
        Assert.Throws<ArgumentException>(() => FirestoreWrite.Update(
            Collection, "a", new DocumentFields().Set("updatedAt", DateTimeOffset.UnixEpoch), serverTimestampFields: ["updatedAt"]));

    [Theory]
    [InlineData("a/b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public void Writes_RejectIdsFirestoreWouldRefuse(string id) =>
        Assert.ThrowsAny<ArgumentException>(() => FirestoreWrite.Delete(Collection, id));

    [Fact]
    public async Task CreateAsync_IsAReplaceThatMustNotExist_AndReturnsTheWriteResult()
    {
        var handler = new FakeFirestoreHandler().Respond(
            HttpStatusCode.OK,
            """{"writeResults":[{"updateTime":"2024-05-06T07:08:10.123456Z"}],"commitTime":"2024-05-06T07:08:10.123456Z"}""");
        var client = FakeFirestoreHandler.Client(handler);

        var result = await client.CreateAsync(Collection, "café+1.png", new DocumentFields().Set("status", "processing"), ["createdAt"], CancellationToken.None);

        Assert.Equal("2024-05-06T07:08:10.123456Z", result.UpdateTimeRaw);
        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!);
        var write = Assert.Single(body.RootElement.GetProperty("writes").EnumerateArray());
        Assert.Equal($"{Root}/{Collection}/café+1.png", write.GetProperty("update").GetProperty("name").GetString());
        Assert.False(write.TryGetProperty("updateMask", out _));
        Assert.False(write.GetProperty("currentDocument").GetProperty("exists").GetBoolean());
    }

    [Fact]
    public async Task UpdateAsync_SendsMergeMaskAndPrecondition()
    {
        var handler = new FakeFirestoreHandler().Respond(
            HttpStatusCode.OK,
            """{"writeResults":[{"updateTime":"2024-05-06T07:08:11Z"}],"commitTime":"2024-05-06T07:08:11Z"}""");
        var client = FakeFirestoreHandler.Client(handler);

        await client.UpdateAsync(
            Collection, "a.png", new DocumentFields().Set("status", "streaming"),
            FirestorePrecondition.UpdateTime("2024-05-06T07:08:10.5Z"), ["updatedAt"], CancellationToken.None);

        const string expected = """
            {"writes":[{"update":{"name":"projects/my-project/databases/(default)/documents/imageDescriptions/a.png",
            "fields":{"status":{"stringValue":"streaming"}}},"updateMask":{"fieldPaths":["status"]},
            "updateTransforms":[{"fieldPath":"updatedAt","setToServerValue":"REQUEST_TIME"}],
            "currentDocument":{"updateTime":"2024-05-06T07:08:10.5Z"}}]}
            """;
        Assert.Equal(Json.Lines(expected), Assert.Single(handler.Requests).Body);
    }
}
