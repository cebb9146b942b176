using System.Net;
using System.Text;
using DescribeFunction.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Hosting;

public sealed class BadInputTests : IAsyncLifetime
{
    private readonly RecordingProcessor _processor = new();
    private RunningFunction _function = null!;

    public async Task InitializeAsync() =>
        _function = await RunningFunction.StartAsync(processor: _processor);

    public async Task DisposeAsync() => await _function.DisposeAsync();

    public static TheoryData<string, string?, string> StructuredAndLegacyBodies => new()
    {
        { "{not json", "application/cloudevents+json", "not valid JSON" },
        { "{not json", "application/json", "not valid JSON" },
        { """{"specversion":"1.0","source":"//s","type":"google.cloud.storage.object.v1.finalized","data":{}}""", "application/cloudevents+json", "id" },
        { """{"specversion":"1.0","id":"1","type":"google.cloud.storage.object.v1.finalized","data":{}}""", "application/cloudevents+json", "source" },
        { """{"specversion":"1.0","id":"1","source":"//s","data":{}}""", "application/cloudevents+json", "type" },
        { """{"id":"1","source":"//s","type":"t","data":{}}""", "application/cloudevents+json", "specversion" },
        { """{"specversion":"9.9","id":"1","source":"//s","type":"t","data":{}}""", "application/cloudevents+json", "9.9" },
        { """{"specversion":"1.0","id":"1","source":"//s","type":"google.cloud.storage.object.v1.finalized","data":[1,2]}""", "application/cloudevents+json", "JSON object" },
        { """{"specversion":"1.0","id":"1","source":"//s","type":"google.cloud.storage.object.v1.finalized","data":"text"}""", "application/cloudevents+json", "JSON object" },
        { """{"specversion":"1.0","id":"1","source":"//s","type":"google.cloud.storage.object.v1.finalized","data":{"generation":"abc"}}""", "application/cloudevents+json", "not a storage object" },
        { """{"context":{"eventId":"1","eventType":"google.pubsub.topic.publish","resource":"projects/p/topics/t"},"data":{}}""", "application/json", "google.pubsub.topic.publish" },
        { """{"context":{"eventId":"1","eventType":"google.storage.object.finalize","resource":"projects/_/buckets/b/objects/o"},"data":5}""", "application/json", "data" },
        { "[]", "application/json", "JSON object" },
        { "<xml/>", "text/xml", "text/xml" },
        { "hello", null, "Content-Type" },
        { "[]", "application/cloudevents-batch+json", "Batched" },
    };

    [Theory]
    [MemberData(nameof(StructuredAndLegacyBodies))]
    public async Task MalformedRequests_Get400WithOneLineReason(string body, string? contentType, string reasonPart)
    {
        var response = await _function.Client.SendAsync(StorageEvents.Raw(body, contentType));

        await AssertRejectedAsync(response, reasonPart);
    }

    [Fact]
    public async Task EmptyBody_Gets400()
    {
        var response = await _function.Client.SendAsync(StorageEvents.Raw("", "application/cloudevents+json"));

        await AssertRejectedAsync(response, "empty");
    }

    [Fact]
    public async Task OversizedBody_Gets400()
    {
        var big = new string('x', CloudEventsLimit + 10);
        var response = await _function.Client.SendAsync(StorageEvents.Binary($$"""{"name":"{{big}}"}"""));

        await AssertRejectedAsync(response, "bytes");
    }

    [Fact]
    public async Task OversizedChunkedBody_Gets400()
    {
        var request = StorageEvents.Binary("{}");
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', CloudEventsLimit + 10))));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        var response = await _function.Client.SendAsync(request);

        await AssertRejectedAsync(response, "bytes");
    }

    [Theory]
    [InlineData("ce-specversion", "0.1", "0.1")]
    [InlineData("ce-time", "yesterday", "ce-time")]
    public async Task BadBinaryHeaders_Get400(string header, string value, string reasonPart)
    {
        var request = StorageEvents.Binary(StorageEvents.Data("a.jpg"));
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
        var response = await _function.Client.SendAsync(request);

        await AssertRejectedAsync(response, reasonPart);
    }

    [Theory]
    [InlineData("ce-id")]
    [InlineData("ce-source")]
    [InlineData("ce-type")]
    public async Task BinaryEventMissingRequiredAttribute_Gets400(string header)
    {
        var request = StorageEvents.Binary(StorageEvents.Data("a.jpg"));
        request.Headers.Remove(header);
        var response = await _function.Client.SendAsync(request);

        await AssertRejectedAsync(response, header[3..]);
    }

    [Fact]
    public async Task BinaryEventWithWrongDataContentType_Gets400()
    {
        var request = StorageEvents.Binary(StorageEvents.Data("a.jpg"));
        request.Content = new StringContent("name=a.jpg", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _function.Client.SendAsync(request);

        await AssertRejectedAsync(response, "application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task GetRequest_Gets400()
    {
        var response = await _function.Client.GetAsync(new Uri("/", UriKind.Relative));

        await AssertRejectedAsync(response, "POST");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    public async Task JsonContentTypes_WithOrWithoutCharset_AreAccepted(string contentType)
    {
        var request = StorageEvents.Binary(StorageEvents.Data("a.jpg"));
        request.Content!.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var response = await _function.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private const int CloudEventsLimit = DescribeFunction.Events.CloudEventRequestReader.MaxBodyBytes;

    private async Task AssertRejectedAsync(HttpResponseMessage response, string reasonPart)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Contains(reasonPart, StringComparison.OrdinalIgnoreCase), text);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        Assert.Empty(_processor.Events);

        // The process is still serving.
        var healthy = await _function.Client.SendAsync(StorageEvents.Binary(StorageEvents.Data("after.jpg")));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        _processor.Events.Clear();
    }
}
