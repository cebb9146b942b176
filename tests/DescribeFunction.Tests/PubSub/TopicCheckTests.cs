using System.Net;
using DescribeFunction.PubSub;
using DescribeFunction.Retries;
using DescribeFunction.Tests.Firestore;

namespace DescribeFunction.Tests.PubSub;

/// <summary>
/// <see cref="PubSubClient.CheckTopicAsync"/> on the wire, as <c>doctor</c> asks: on Pub/Sub, testIamPermissions
/// (a publisher may not get the topic); on the emulator, which has no IAM, a get.
/// </summary>
public sealed class TopicCheckTests
{
    private const string Topic = "projects/my-project/topics/notices";

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"permissions":["pubsub.topics.publish"]}""", TopicAccess.Publishable)]
    [InlineData(HttpStatusCode.OK, "{}", TopicAccess.NotPermitted)]
    [InlineData(HttpStatusCode.NotFound, """{"error":{"status":"NOT_FOUND","message":"Resource not found"}}""", TopicAccess.Missing)]
    public async Task OnPubSub_AsksTestIamPermissions(HttpStatusCode status, string body, TopicAccess expected)
    {
        var handler = new FakeFirestoreHandler().Respond(status, body);
        var client = new PubSubClient(new HttpClient(handler), new Uri("http://pubsub.test/v1/"), new SequenceAuth("t1"), Backoff.None);

        Assert.Equal(expected, await client.CheckTopicAsync(Topic, CancellationToken.None));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://pubsub.test/v1/projects/my-project/topics/notices:testIamPermissions", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer t1", request.Authorization);
        Assert.Contains("pubsub.topics.publish", request.Body!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, TopicAccess.Publishable)]
    [InlineData(HttpStatusCode.NotFound, TopicAccess.Missing)]
    public async Task OnTheEmulator_GetsTheTopic(HttpStatusCode status, TopicAccess expected)
    {
        var handler = new FakeFirestoreHandler().Respond(status, $$"""{"name":"{{Topic}}"}""");
        var client = PubSubClient.Create("127.0.0.1:8085", credential: null, new HttpClient(handler));

        Assert.Equal(expected, await client.CheckTopicAsync(Topic, CancellationToken.None));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8085/v1/projects/my-project/topics/notices", request.Uri.AbsoluteUri);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task AnotherAnswer_IsOneSentenceNamingTheTopic()
    {
        var handler = new FakeFirestoreHandler().RespondError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", "Pub/Sub API has not been used in project 1");
        var client = new PubSubClient(new HttpClient(handler), new Uri("http://pubsub.test/v1/"), new SequenceAuth("t1"), Backoff.None);

        var e = await Assert.ThrowsAsync<PubSubException>(() => client.CheckTopicAsync(Topic, CancellationToken.None));

        Assert.Equal($"Asking Pub/Sub about {Topic} failed with HTTP 403 (PERMISSION_DENIED): Pub/Sub API has not been used in project 1.", e.Message);
    }
}
