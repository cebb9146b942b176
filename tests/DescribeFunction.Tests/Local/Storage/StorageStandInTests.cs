using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Tests.Local.Storage;

public sealed partial class StorageStandInTests : IAsyncLifetime, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "storage-tests-" + Guid.NewGuid().ToString("N"));
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
    public async Task GetObject_ReturnsCloudStorageShapedMetadata()
    {
        var stored = _store.Put("bucket", "photos/a.jpg", "hello"u8, "image/jpeg");

        var json = await GetJsonAsync("storage/v1/b/bucket/o/photos%2Fa.jpg");

        Assert.Equal("storage#object", json["kind"]!.GetValue<string>());
        Assert.Equal("photos/a.jpg", json["name"]!.GetValue<string>());
        Assert.Equal("bucket", json["bucket"]!.GetValue<string>());
        Assert.Equal(stored.Generation.ToString(CultureInfo.InvariantCulture), json["generation"]!.GetValue<string>());
        Assert.Equal("1", json["metageneration"]!.GetValue<string>());
        Assert.Equal("5", json["size"]!.GetValue<string>());
        Assert.Equal("image/jpeg", json["contentType"]!.GetValue<string>());
        Assert.Equal("XUFAKrxLKna5cZ2REBfFkg==", json["md5Hash"]!.GetValue<string>());
        Assert.Equal($"bucket/photos/a.jpg/{stored.Generation}", json["id"]!.GetValue<string>());
        Assert.Contains("/o/photos%2Fa.jpg?generation=", json["mediaLink"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("Z", json["timeCreated"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObjectName_IsPercentDecodedExactlyOnce()
    {
        _store.Put("bucket", "My%20File #1.jpg", "literal"u8, "image/jpeg");
        _store.Put("bucket", "My File #1.jpg", "decoded"u8, "image/jpeg");

        var json = await GetJsonAsync("storage/v1/b/bucket/o/My%2520File%20%231.jpg");

        Assert.Equal("My%20File #1.jpg", json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AltMedia_ReturnsBytesAndContentType()
    {
        _store.Put("bucket", "dir/b.png", [1, 2, 3], "image/png");

        using var response = await _http.GetAsync(Url("storage/v1/b/bucket/o/dir%2Fb.png?alt=media"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 1, 2, 3 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Generation_MatchingIsServed_OtherIs404()
    {
        var stored = _store.Put("bucket", "g.jpg", "x"u8, "image/jpeg");

        using var match = await _http.GetAsync(Url($"storage/v1/b/bucket/o/g.jpg?alt=media&generation={stored.Generation}"));
        using var other = await _http.GetAsync(Url($"storage/v1/b/bucket/o/g.jpg?alt=media&generation={stored.Generation - 1}"));

        Assert.Equal(HttpStatusCode.OK, match.StatusCode);
        await AssertNotFoundAsync(other, "No such object: bucket/g.jpg");
    }

    [Fact]
    public async Task MissingObject_IsGoogleShaped404()
    {
        using var response = await _http.GetAsync(Url("storage/v1/b/bucket/o/nothing%2Fhere.jpg"));

        await AssertNotFoundAsync(response, "No such object: bucket/nothing/here.jpg");
    }

    [Fact]
    public async Task MediaUpload_StoresBytesReadableBack()
    {
        using var content = new ByteArrayContent([9, 8, 7]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/gif");

        using var upload = await _http.PostAsync(Url("upload/storage/v1/b/bucket/o?uploadType=media&name=up%2Floaded%20one.gif"), content);
        var uploaded = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal("up/loaded one.gif", uploaded["name"]!.GetValue<string>());
        Assert.Equal(new byte[] { 9, 8, 7 }, _store.ReadBytes("bucket", "up/loaded one.gif"));
        Assert.Equal("image/gif", _store.GetMetadata("bucket", "up/loaded one.gif")!.ContentType);
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue() =>
        // CRC-32C of "123456789" is 0xE3069283.
        Assert.Equal(Convert.ToBase64String(new byte[] { 0xE3, 0x06, 0x92, 0x83 }), Crc32C.ToBase64("123456789"u8));

    private Uri Url(string relative) => new(_server.BaseAddress, relative);

    private async Task<JsonNode> GetJsonAsync(string relative)
    {
        using var response = await _http.GetAsync(Url(relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(404, error["code"]!.GetValue<int>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
    }
}
