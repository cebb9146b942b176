using System.Net;
using System.Text.Json;
using DescribeFunction.Events;
using DescribeFunction.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Hosting;

public sealed class EventDeliveryTests : IAsyncLifetime
{
    private readonly RecordingProcessor _processor = new();
    private RunningFunction _function = null!;

    public async Task InitializeAsync() =>
        _function = await RunningFunction.StartAsync(processor: _processor);

    public async Task DisposeAsync() => await _function.DisposeAsync();

    [Fact]
    public async Task BinaryStructuredAndLegacy_YieldTheSameStorageObjectData()
    {
        var data = StorageEvents.Data("photos/cat.jpg");
        foreach (var request in new[] { StorageEvents.Binary(data, "objects/photos/cat.jpg"), StorageEvents.Structured(data), StorageEvents.Legacy(data, "photos/cat.jpg") })
        {
            var response = await _function.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var events = _processor.Events.ToArray();
        Assert.Equal(3, events.Length);
        var json = events.Select(e => JsonSerializer.Serialize(e.Data, EventJsonContext.Default.StorageObjectData)).Distinct().ToArray();
        Assert.Single(json);
        Assert.All(events, e =>
        {
            Assert.Equal(StorageEvent.Finalized, e.Type);
            Assert.Equal("evt-1", e.Id);
            Assert.Equal("//storage.googleapis.com/projects/_/buckets/test-bucket", e.Source);
            Assert.Equal("test-bucket", e.Bucket);
            Assert.Equal(DateTimeOffset.Parse("2026-11-25T12:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture), e.Time);
        });
        Assert.Equal("objects/photos/cat.jpg", events[2].Subject);
        var first = events[0].Data;
        Assert.Equal("photos/cat.jpg", first.Name);
        Assert.Equal(1700000000000001, first.Generation);
        Assert.Equal(1234, first.Size);
        Assert.Equal("image/jpeg", first.ContentType);
        Assert.Equal("test", first.Metadata!["origin"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Int64Fields_AcceptStringsAndNumbers(bool asStrings)
    {
        var data = StorageEvents.Data("n.png", generation: 9007199254740993, size: 5_000_000_000, int64AsStrings: asStrings);
        var response = await _function.Client.SendAsync(StorageEvents.Binary(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivered = Assert.Single(_processor.Events).Data;
        Assert.Equal(9007199254740993, delivered.Generation);
        Assert.Equal(5_000_000_000, delivered.Size);
        Assert.Equal(1, delivered.Metageneration);
    }

    [Fact]
    public async Task PercentEncodedSubject_IsDecodedAndNameComesFromData()
    {
        const string name = "My File 100%/фото #1?.jpg";
        var request = StorageEvents.Binary(StorageEvents.Data(name), subject: "objects/" + Uri.EscapeDataString(name));
        var response = await _function.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivered = Assert.Single(_processor.Events);
        Assert.Equal("objects/" + name, delivered.Subject);
        Assert.Equal(name, delivered.Data.Name);
    }

    [Fact]
    public async Task DeletedEvents_GoToTheProcessor()
    {
        var response = await _function.Client.SendAsync(StorageEvents.Binary(StorageEvents.Data("gone.jpg"), type: "google.cloud.storage.object.v1.deleted"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("google.cloud.storage.object.v1.deleted", Assert.Single(_processor.Events).Type);
    }

    [Theory]
    [InlineData("google.cloud.storage.object.v1.archived")]
    [InlineData("google.cloud.storage.object.v1.metadataUpdated")]
    [InlineData("google.cloud.pubsub.topic.v1.messagePublished")]
    public async Task OtherEventTypes_AreAcknowledgedWithoutDescribing(string type)
    {
        var response = await _function.Client.SendAsync(StorageEvents.Binary(StorageEvents.Data("a.jpg"), type: type));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(_processor.Events);
    }

    [Theory]
    [InlineData("/robots.txt")]
    [InlineData("/favicon.ico")]
    public async Task RobotsAndFavicon_AreNotFound(string path)
    {
        var request = StorageEvents.Binary(StorageEvents.Data("a.jpg"));
        request.RequestUri = new Uri(path, UriKind.Relative);
        var response = await _function.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_processor.Events);
    }

    [Fact]
    public async Task AnyOtherPath_AcceptsEvents()
    {
        var request = StorageEvents.Binary(StorageEvents.Data("a.jpg"));
        request.RequestUri = new Uri("/some/trigger/path?x=1", UriKind.Relative);
        var response = await _function.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_processor.Events);
    }

    [Fact]
    public async Task FiftyConcurrentEvents_AreAllHandled()
    {
        _processor.Delay = TimeSpan.FromMilliseconds(50);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            _function.Client.SendAsync(StorageEvents.Binary(StorageEvents.Data($"img-{i}.jpg"), id: $"evt-{i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"img-{i}.jpg").Order(), _processor.Events.Select(e => e.Data.Name).Order());
    }
}
