using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.EndToEnd;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>The gallery's endpoints over HTTP: what the page reads and what it may upload.</summary>
public sealed class GalleryEndpointTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private GalleryWithFunction _gallery = null!;

    private Uri Gallery => _gallery.Gallery.BaseAddress;

    public async Task InitializeAsync() =>
        _gallery = await GalleryWithFunction.StartAsync(new Dictionary<string, string?> { ["MAX_OBJECT_BYTES"] = "1048576" });

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync() => await _gallery.DisposeAsync();

    [Fact]
    public async Task Upload_OverTheFunctionsSizeLimit_IsRefusedNamingTheLimitAndNothingIsStored()
    {
        using var body = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        body.Headers.ContentType = new("image/png");

        using var response = await _http.PostAsync(new Uri(Gallery, "api/upload?name=big.png"), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.Equal("big.png is 1.0 MiB; the gallery takes files up to 1 MiB (MAX_OBJECT_BYTES, the largest object the function describes).", error);
        Assert.Null(_gallery.Environment.BucketStore.GetMetadata(LocalEnvironment.Bucket, "big.png"));
    }

    [Fact]
    public async Task Upload_StoresTheObjectAndTheFunctionDescribesIt()
    {
        const string name = "dir/50% #1? ü.png";
        var bytes = DescribeEndToEndTests.Sample("blue-white-portrait.png");
        using var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new("image/png");

        using var response = await _http.PostAsync(new Uri(Gallery, "api/upload?name=" + Uri.EscapeDataString(name)), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await WaitForItemAsync(name, i => i["status"]!.GetValue<string>() == "done", "the uploaded image to be done");
        Assert.Equal(name, item["document"]!["name"]!.GetValue<string>());
        using var image = await _http.GetAsync(new Uri(Gallery, item["image"]!.GetValue<string>()));
        Assert.Equal(bytes, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        using var thumbnail = await _http.GetAsync(new Uri(Gallery, item["thumbnail"]!.GetValue<string>()));
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Items_ShowWhatTheFunctionSkipsWithItsReason()
    {
        _gallery.Environment.BucketStore.Put(LocalEnvironment.Bucket, "readme.txt", "hello"u8, "text/plain");

        var item = await WaitForItemAsync("readme.txt", _ => true, "readme.txt to be listed");

        Assert.Equal("skipped", item["status"]!.GetValue<string>());
        Assert.Equal("The function skips it: content type 'text/plain' is not one of IMAGE_CONTENT_TYPES.", item["reason"]!.GetValue<string>());
        Assert.Null(item["document"]);
        using var thumbnail = await _http.GetAsync(new Uri(Gallery, item["thumbnail"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, thumbnail.StatusCode);
    }

    [Fact]
    public async Task Events_StartWithASnapshotThenSendTheTilesThatChange()
    {
        using var stream = await _http.GetStreamAsync(new Uri(Gallery, "api/events"));
        using var reader = new StreamReader(stream);
        Assert.Equal("snapshot", await NextEventAsync(reader));

        _gallery.Environment.BucketStore.Put(LocalEnvironment.Bucket, "later.txt", "x"u8, "text/plain");

        Assert.Equal("changes", await NextEventAsync(reader));
    }

    [Fact]
    public async Task Search_WithEmbeddingsOff_Is409SayingWhy_AndConfigTellsThePageToFilterByWords()
    {
        var config = JsonNode.Parse(await _http.GetStringAsync(new Uri(Gallery, "api/config")))!;
        using var response = await _http.GetAsync(new Uri(Gallery, "api/search?q=boats"));

        Assert.False(config["search"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(
            "Search by meaning is off because the function's EMBEDDING_MODEL is blank; the search box filters by words.",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    // The page's scripts share one global scope: a name defined twice silently replaces the first (a second notice()
    // once hid every refusal), so each top-level function, const and let is defined once across all of them.
    [Fact]
    public async Task Scripts_DefineEachTopLevelNameOnce()
    {
        var page = await _http.GetStringAsync(Gallery);
        var scripts = Regex.Matches(page, "<script src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var names = new List<string>();
        foreach (var script in scripts)
        {
            var text = await _http.GetStringAsync(new Uri(Gallery, script));
            names.AddRange(Regex.Matches(text, @"^(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
        }

        Assert.Contains("assets/gallery-search.js", scripts);
        Assert.Contains("notice", names);
        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    private async Task<JsonNode> WaitForItemAsync(string name, Func<JsonNode, bool> condition, string what)
    {
        JsonNode? found = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (found is null || !condition(found))
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > Deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline.TotalSeconds} s waiting for {what}; last seen: {found?.ToJsonString() ?? "nothing"}.");
            }

            await Task.Delay(50);
            var items = JsonNode.Parse(await _http.GetStringAsync(new Uri(Gallery, "api/items")))!.AsArray();
            found = items.FirstOrDefault(i => i!["name"]!.GetValue<string>() == name);
        }

        return found;
    }

    private static async Task<string> NextEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                return line["event: ".Length..];
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
