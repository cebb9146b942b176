using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Storage;
using DescribeFunction.Retries;
using DescribeFunction.Storage;

namespace DescribeFunction.Tests.Local.Storage;

/// <summary>The stand-in's objects.list and byte ranges, and the function's lister against them.</summary>
public sealed partial class StorageStandInTests
{
    // Pages of 100 rather than 1,000 make the same paths with a tenth of the objects.
    private StorageObjectLister Lister() => new(_http, _server.BaseAddress, tokenAccess: null, Backoff.None, pageSize: 100);

    private async Task<List<string>> ListAllAsync(string? prefix = null, string? glob = null)
    {
        var names = new List<string>();
        await foreach (var page in Lister().ListAsync("bucket", prefix, glob, CancellationToken.None))
        {
            names.AddRange(page.Select(o => o.Name!));
        }

        return names;
    }

    [Fact]
    public async Task List_IsInUtf8ByteOrder_WithEveryFieldTheBackfillReads()
    {
        foreach (var name in new[] { "b.jpg", "a/z.png", "a.jpg", "é.jpg", "Z.jpg", "a/b/c.jpg", "😀.png", "\uFF5E.png" })
        {
            _store.Put("bucket", name, "x"u8, "image/jpeg");
        }

        var json = JsonNode.Parse(await _http.GetStringAsync(new Uri(_server.BaseAddress, "storage/v1/b/bucket/o")))!;
        var items = json["items"]!.AsArray();

        Assert.Equal(["Z.jpg", "a.jpg", "a/b/c.jpg", "a/z.png", "b.jpg", "é.jpg", "\uFF5E.png", "😀.png"], items.Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal("storage#objects", json["kind"]!.GetValue<string>());
        Assert.Equal("1", items[0]!["size"]!.GetValue<string>());
        Assert.NotNull(items[0]!["generation"]);
        Assert.Null(json["nextPageToken"]);
    }

    [Fact]
    public async Task List_PagesByMaxResults_AndAProjectionWithoutNextPageTokenStopsPaging()
    {
        for (var i = 0; i < 5; i++)
        {
            _store.Put("bucket", $"o{i}", "x"u8, "image/png");
        }

        var first = JsonNode.Parse(await _http.GetStringAsync(new Uri(_server.BaseAddress, "storage/v1/b/bucket/o?maxResults=2&fields=nextPageToken,items(name)")))!;
        var token = first["nextPageToken"]!.GetValue<string>();
        var second = JsonNode.Parse(await _http.GetStringAsync(new Uri(_server.BaseAddress, $"storage/v1/b/bucket/o?maxResults=2&pageToken={Uri.EscapeDataString(token)}")))!;
        var projected = JsonNode.Parse(await _http.GetStringAsync(new Uri(_server.BaseAddress, "storage/v1/b/bucket/o?maxResults=2&fields=items(name,size)")))!;

        Assert.Equal(["o0", "o1"], first["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Single(first["items"]![0]!.AsObject());
        Assert.Equal(["o2", "o3"], second["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Null(projected["nextPageToken"]);
        Assert.Equal(2, projected["items"]![0]!.AsObject().Count);
    }

    [Fact]
    public async Task Lister_PagesThroughManyPages_WithPrefixAndMatchGlob()
    {
        for (var i = 0; i < 230; i++)
        {
            _store.Put("bucket", $"{(i % 2 == 0 ? "photos" : "docs")}/{i:D4}.{(i % 3 == 0 ? "png" : "jpg")}", "x"u8, "image/png");
        }

        var all = await ListAllAsync();
        var photos = await ListAllAsync(prefix: "photos/");
        var pngs = await ListAllAsync(glob: "**/*.png");

        Assert.Equal(230, all.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(115, photos.Count);
        Assert.All(photos, n => Assert.StartsWith("photos/", n, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 230).Count(i => i % 3 == 0), pngs.Count);
    }

    [Fact]
    public async Task Lister_MatchGlobPagesMayBeShortOrEmpty_AndPagingGoesOnUntilNoToken()
    {
        for (var i = 0; i < 250; i++)
        {
            _store.Put("bucket", $"n{i:D4}{(i == 240 ? ".gif" : ".jpg")}", "x"u8, "image/jpeg");
        }

        var pages = new List<int>();
        await foreach (var page in Lister().ListAsync("bucket", null, "*.gif", CancellationToken.None))
        {
            pages.Add(page.Count);
        }

        Assert.Equal([0, 0, 1], pages);
    }

    [Fact]
    public async Task Lister_RetriesTransientFailures_AndNamesAPermanentOne()
    {
        _store.Put("bucket", "a.jpg", "x"u8, "image/jpeg");
        _server.Faults.Add(new() { Status = 503, Count = 2, PathContains = "/o" });

        var names = await ListAllAsync();
        _server.Faults.Add(new() { Status = 403, PathContains = "/o" });
        var e = await Assert.ThrowsAsync<StorageListException>(async () => await ListAllAsync());

        Assert.Equal(["a.jpg"], names);
        Assert.Equal("Listing gs://bucket failed with HTTP 403 (the account needs roles/storage.objectViewer on the bucket).", e.Message);
    }

    [Fact]
    public async Task Media_HonoursASingleByteRange()
    {
        _store.Put("bucket", "r.bin", "0123456789"u8, "application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "storage/v1/b/bucket/o/r.bin?alt=media"));
        request.Headers.Range = new RangeHeaderValue(2, 4);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("234", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 2-4/10", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task ReadStartAsync_ReadsOnlyTheHeader()
    {
        _store.Put("bucket", "big.png", new byte[200_000], "image/png");
        var reader = StorageObjectReader.Create(_server.BaseAddress, credential: null, maxBytes: 1);

        var head = await reader.ReadStartAsync("bucket", "big.png", generation: null, 1024, CancellationToken.None);

        Assert.Equal(1024, head.Length);
    }
}
