using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class ValidationTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    public static TheoryData<string> InvalidIds => new()
    {
        ".",
        "..",
        "__reserved__",
        "__x__",
        new string('a', 1501),
        new string('é', 751),
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task Commit_WithInvalidDocumentId_IsInvalidArgument(string id)
    {
        var reply = await firestore.CommitAsync(Update(Name(NewCollection(), id), new JsonObject { ["a"] = StringValue("x") }));

        AssertInvalid(reply, "id");
    }

    [Fact]
    public async Task Commit_IdOfExactly1500Bytes_IsAccepted()
    {
        var reply = await firestore.CommitAsync(Update(Name(NewCollection(), new string('a', 1500)), new JsonObject { ["a"] = StringValue("x") }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task Commit_NameWithSlashInId_HasWrongSegmentCount_IsInvalidArgument()
    {
        var reply = await firestore.CommitAsync(Update(Name(NewCollection(), "photos/cat.jpg"), new JsonObject { ["a"] = StringValue("x") }));

        AssertInvalid(reply, "'/'");
    }

    [Fact]
    public async Task Patch_WithPercentEncodedSlashInId_IsInvalidArgument()
    {
        var reply = await firestore.SendAsync(HttpMethod.Patch, $"{DatabaseUrl()}/documents/{NewCollection()}/photos%2Fcat.jpg", new JsonObject());

        AssertInvalid(reply, "'/'");
    }

    [Theory]
    [InlineData("%2E")]
    [InlineData("%2E%2E")]
    [InlineData("__x__")]
    public async Task Patch_WithInvalidIdInUrl_IsInvalidArgument(string encodedId)
    {
        var reply = await firestore.SendAsync(HttpMethod.Patch, $"{DatabaseUrl()}/documents/{NewCollection()}/{encodedId}", new JsonObject());

        AssertInvalid(reply, "id");
    }

    [Fact]
    public async Task StringValue_OverTheLimit_IsInvalidArgument_AndAtTheLimitIsAccepted()
    {
        var collection = NewCollection();

        var tooLong = await firestore.CommitAsync(Update(Name(collection, "a"), new JsonObject { ["s"] = StringValue(new string('x', 1_048_488)) }));
        var atLimit = await firestore.CommitAsync(Update(Name(collection, "b"), new JsonObject { ["s"] = StringValue(new string('x', 1_048_487)) }));

        AssertInvalid(tooLong, "1048487");
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
    }

    [Fact]
    public async Task Document_OverOneMebibyte_IsInvalidArgument()
    {
        var fields = new JsonObject
        {
            ["a"] = StringValue(new string('x', 600_000)),
            ["b"] = StringValue(new string('y', 600_000)),
        };

        var reply = await firestore.CommitAsync(Update(Name(NewCollection(), "big"), fields));

        AssertInvalid(reply, "1,048,576");
    }

    public static TheoryData<string> InvalidValues => new()
    {
        """{}""",
        """{"stringValue": "a", "integerValue": "1"}""",
        """{"integerValue": "1.5"}""",
        """{"integerValue": "9223372036854775808"}""",
        """{"stringValue": 5}""",
        """{"booleanValue": "true"}""",
        """{"timestampValue": "yesterday"}""",
        """{"bytesValue": "not base64!"}""",
        """{"referenceValue": "x/y"}""",
        """{"geoPointValue": {"latitude": 91, "longitude": 0}}""",
        """{"arrayValue": {"values": [{"arrayValue": {}}]}}""",
        """{"mapValue": {"fields": {"__x__": {"nullValue": null}}}}""",
        """{"unknownValue": 1}""",
        "\"plain\"",
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Value_NotExactlyOneValidType_IsInvalidArgument(string value)
    {
        var reply = await firestore.CommitAsync(Update(Name(NewCollection(), "doc"), new JsonObject { ["v"] = JsonNode.Parse(value) }));

        AssertInvalid(reply, "");
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("my-field")]
    [InlineData("`unterminated")]
    public async Task UpdateMask_WithInvalidFieldPath_IsInvalidArgument(string fieldPath)
    {
        var write = Update(Name(NewCollection(), "doc"), new JsonObject { ["a"] = StringValue("x") });
        write["updateMask"] = new JsonObject { ["fieldPaths"] = new JsonArray(fieldPath) };

        AssertInvalid(await firestore.CommitAsync(write), "field path");
    }

    [Fact]
    public async Task MalformedJsonBody_IsInvalidArgument()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, CommitUrl()) { Content = content };
        request.Headers.Authorization = new("Bearer", "owner");

        using var response = await firestore.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_ARGUMENT", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertInvalid(Reply reply, string messagePart)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("INVALID_ARGUMENT", reply.ErrorStatus);
        Assert.Equal(400, reply.ErrorCode);
        Assert.Contains(messagePart, reply.ErrorMessage, StringComparison.Ordinal);
    }
}
