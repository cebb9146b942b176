using System.Net;
using System.Text.Json;
using DescribeFunction.PubSub;
using DescribeFunction.Retries;
using DescribeFunction.Tests.Firestore;

namespace DescribeFunction.Tests.PubSub;

/// <summary>The REST publish call on the wire: the URL, the body, the token, and which failures are tried again.</summary>
public sealed class PubSubClientTests
{
    private const string Topic = "projects/my-project/topics/notices";

    private static PubSubMessage Message => new(new byte[] { 1, 2, 3 }, new Dictionary<string, string> { ["status"] = "done" });

    private static PubSubClient Client(FakeFirestoreHandler handler, SequenceAuth? auth) =>
        new(new HttpClient(handler), new Uri("http://pubsub.test/v1/"), auth, Backoff.None);

    [Fact]
    public async Task PublishAsync_PostsBase64DataAndAttributesWithABearerToken()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, """{"messageIds":["42"]}""");

        var id = await Client(handler, new SequenceAuth("t1")).PublishAsync(Topic, Message, CancellationToken.None);

        Assert.Equal("42", id);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://pubsub.test/v1/projects/my-project/topics/notices:publish", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer t1", request.Authorization);
        using var body = JsonDocument.Parse(request.Body!);
        var message = Assert.Single(body.RootElement.GetProperty("messages").EnumerateArray().ToArray());
        Assert.Equal("AQID", message.GetProperty("data").GetString());
        Assert.Equal("done", message.GetProperty("attributes").GetProperty("status").GetString());
    }

    [Fact]
    public async Task PublishAsync_ToTheEmulator_SendsNoToken()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, """{"messageIds":["1"]}""");
        var client = PubSubClient.Create("127.0.0.1:8085", credential: null, new HttpClient(handler));

        await client.PublishAsync(Topic, Message, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8085/v1/projects/my-project/topics/notices:publish", request.Uri.AbsoluteUri);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task PublishAsync_NoAnswerAnd503_AreTriedAgain()
    {
        var handler = new FakeFirestoreHandler()
            .FailToConnect()
            .RespondError(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE", "try later")
            .Respond(HttpStatusCode.OK, """{"messageIds":["7"]}""");

        Assert.Equal("7", await Client(handler, null).PublishAsync(Topic, Message, CancellationToken.None));
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task PublishAsync_Unreachable_FailsTransientAfterFourTries()
    {
        var handler = new FakeFirestoreHandler().FailToConnect().FailToConnect().FailToConnect().FailToConnect();

        var error = await Assert.ThrowsAsync<PubSubException>(() => Client(handler, null).PublishAsync(Topic, Message, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task PublishAsync_PermissionDenied_FailsAtOnceNamingTheTopic()
    {
        var handler = new FakeFirestoreHandler().RespondError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", "User not authorized to perform this action.");

        var error = await Assert.ThrowsAsync<PubSubException>(() => Client(handler, null).PublishAsync(Topic, Message, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Single(handler.Requests);
        Assert.Equal($"Publishing to {Topic} failed with HTTP 403 (PERMISSION_DENIED): User not authorized to perform this action.", error.Message);
    }

    [Fact]
    public async Task PublishAsync_AnAttributeOver1024Bytes_IsRefusedBeforeSending()
    {
        var handler = new FakeFirestoreHandler();
        var message = new PubSubMessage(new byte[1], new Dictionary<string, string> { ["objectName"] = new('é', 513) });

        var error = await Assert.ThrowsAsync<PubSubException>(() => Client(handler, null).PublishAsync(Topic, message, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Empty(handler.Requests);
        Assert.Contains("the attribute objectName is longer than 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Violation_DataOverTenMegabytesAsBase64_IsNamed()
    {
        Assert.Null(PubSubLimits.Violation(new PubSubMessage(new byte[7_000_000], new Dictionary<string, string>())));
        Assert.Contains("10000000-byte request limit", PubSubLimits.Violation(new PubSubMessage(new byte[7_600_000], new Dictionary<string, string>())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notices", "projects/p-123456/topics/notices")]
    [InlineData("projects/other-project/topics/t-1", "projects/other-project/topics/t-1")]
    public void TopicName_Resolve_ExpandsATopicIdInTheFunctionsProject(string setting, string expected) =>
        Assert.Equal(expected, TopicName.Resolve(setting, "p-123456"));
}
