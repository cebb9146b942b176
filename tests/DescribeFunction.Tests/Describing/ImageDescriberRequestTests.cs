using DescribeFunction.Describing;
using static DescribeFunction.Tests.Describing.FakeChatEndpoint;

namespace DescribeFunction.Tests.Describing;

/// <summary>What reaches the wire: the request body, the image URL and the credentials.</summary>
public sealed class ImageDescriberRequestTests : IAsyncLifetime
{
    private FakeChatEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await StartAsync();

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private FakeChatEndpoint OkStream() => _endpoint.ThenStream(Chunk(content: "Fine.", finish: "stop"));

    [Fact]
    public async Task Request_CarriesModelOptionsStreamFlagsAndMessages()
    {
        OkStream();
        var options = DescriberHarness.Options(_endpoint, temperature: 0.25f, reasoningEffort: "Low");

        await DescriberHarness.Create(options, new FakeTokenAccess())
            .DescribeAsync(DescribeRequest.ForGcsObject("bkt", "a.jpg"), null, CancellationToken.None);

        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/projects/test-project/locations/global/endpoints/openapi/chat/completions", request.Path);
        var body = request.Json;
        Assert.Equal("google/gemini-test", (string?)body["model"]);
        Assert.Equal(1234, (int?)body["max_completion_tokens"]);
        Assert.Null(body["max_tokens"]);
        Assert.Equal(0.25, (double)body["temperature"]!, 3);
        Assert.Equal("low", (string?)body["reasoning_effort"]);
        Assert.True((bool?)body["stream"]);
        Assert.True((bool?)body["stream_options"]?["include_usage"]);

        var messages = body["messages"]!.AsArray();
        Assert.Equal(2, messages.Count);
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal(ImageDescriber.SystemInstruction, (string?)messages[0]!["content"]);
        Assert.Equal("user", (string?)messages[1]!["role"]);
        var content = messages[1]!["content"]!.AsArray();
        Assert.Equal("text", (string?)content[0]!["type"]);
        Assert.Equal("Describe it.", (string?)content[0]!["text"]);
        Assert.Equal("image_url", (string?)content[1]!["type"]);
        Assert.Equal("gs://bkt/a.jpg", (string?)content[1]!["image_url"]!["url"]);
    }

    [Fact]
    public async Task Request_WithoutOptionalSettings_OmitsTemperatureAndReasoningEffort()
    {
        OkStream();

        await DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess())
            .DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None);

        var body = Assert.Single(_endpoint.Requests).Json.AsObject();
        Assert.False(body.ContainsKey("temperature"));
        Assert.False(body.ContainsKey("reasoning_effort"));
    }

    [Theory]
    [InlineData("My File %20 #1?.jpg")]
    [InlineData("фото/кот.png")]
    [InlineData("a+b&c=d;e[1] 100%.webp")]
    public async Task GcsObjectName_ReachesTheWireExactly(string objectName)
    {
        OkStream();

        await DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess())
            .DescribeAsync(DescribeRequest.ForGcsObject("b", objectName), null, CancellationToken.None);

        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal("gs://b/" + objectName, ImageUrl(request));
        Assert.DoesNotContain(new Uri("gs://b/" + objectName).AbsoluteUri, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineImage_IsSentAsBase64DataUrl()
    {
        OkStream();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00];

        await DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess())
            .DescribeAsync(DescribeRequest.ForInlineImage(BinaryData.FromBytes(png), "image/png"), null, CancellationToken.None);

        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), ImageUrl(Assert.Single(_endpoint.Requests)));
    }

    [Fact]
    public async Task BearerToken_IsFetchedForEveryRequest()
    {
        OkStream();
        OkStream();
        var tokens = new FakeTokenAccess();
        var describer = DescriberHarness.Create(DescriberHarness.Options(_endpoint), tokens);

        await describer.DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None);
        await describer.DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], _endpoint.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task BearerToken_IsFetchedAgainForTheLibrarysRetry()
    {
        _endpoint.Then(ctx =>
        {
            ctx.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        OkStream();

        var result = await DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess(), maxRetries: 1)
            .DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None);

        Assert.Equal("Fine.", result.Text);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _endpoint.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ApiKey_IsSentAsBearerWithoutAGoogleCredential()
    {
        OkStream();

        await DescriberHarness.Create(DescriberHarness.Options(_endpoint, apiKey: "sk-test-key"), tokens: null)
            .DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None);

        Assert.Equal("Bearer sk-test-key", Assert.Single(_endpoint.Requests).Authorization);
    }

    private static string? ImageUrl(RecordedRequest request) =>
        (string?)request.Json["messages"]![1]!["content"]![1]!["image_url"]!["url"];
}
