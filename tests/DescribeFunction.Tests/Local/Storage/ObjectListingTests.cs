using System.Net;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Tests.Local.Storage;

/// <summary><c>objects.list</c> on the storage stand-in, as the gallery (and any JSON API client) pages through it.</summary>
public sealed class ObjectListingTests : IAsyncLifetime, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "listing-tests-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private LocalBucketStore _store = null!;
    private StandInServer _server = null!;

    public async Task InitializeAsync()
    {
        _store = new LocalBucketStore(_root);
        _server = await StorageStandIn.StartAsync(_store);
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task List_ReturnsEveryObjectInLexicographicOrderWithItsMetadata()
    {
        foreach (var name in new[] { "b.png", "a/z.png", "a/ü #?%.png", "A.png" })
        {
            _store.Put("bucket", name, "x"u8, "image/png");
        }

        var page = await ListAsync("bucket", "");

        Assert.Equal("storage#objects", page["kind"]!.GetValue<string>());
        Assert.Equal(["A.png", "a/z.png", "a/ü #?%.png", "b.png"], Names(page));
        Assert.Null(page["nextPageToken"]);
        var item = page["items"]![0]!;
        Assert.Equal("bucket", item["bucket"]!.GetValue<string>());
        Assert.Equal("1", item["size"]!.GetValue<string>());
        Assert.Equal("image/png", item["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithPrefixAndMaxResults_PagesUntilNoTokenIsLeft()
    {
        foreach (var name in new[] { "p/1", "p/2", "p/3", "q/1" })
        {
            _store.Put("bucket", name, "x"u8, "image/png");
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListAsync("bucket", "prefix=p%2F&maxResults=2" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            names.AddRange(Names(page));
            token = page["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(["p/1", "p/2", "p/3"], names);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task List_OfAnEmptyOrUnknownBucket_HasNoItems()
    {
        var page = await ListAsync("nothing-here", "");

        Assert.Empty(Names(page));
    }

    [Theory]
    [InlineData("pageToken=%%%")]
    [InlineData("maxResults=0")]
    [InlineData("maxResults=many")]
    public async Task List_WithABadParameter_IsA400(string query)
    {
        using var response = await _http.GetAsync(new Uri(_server.BaseAddress, $"storage/v1/b/bucket/o?{query}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonNode> ListAsync(string bucket, string query)
    {
        using var response = await _http.GetAsync(new Uri(_server.BaseAddress, $"storage/v1/b/{bucket}/o?{query}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static List<string> Names(JsonNode page) =>
        [.. (page["items"]?.AsArray() ?? []).Select(i => i!["name"]!.GetValue<string>())];
}
