using System.Net;
using System.Net.Sockets;
using DescribeFunction.Describing;
using static DescribeFunction.Tests.Describing.FakeChatEndpoint;

namespace DescribeFunction.Tests.Describing;

public sealed class ImageDescriberErrorTests : IAsyncLifetime
{
    private FakeChatEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await StartAsync();

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private Task<DescribeException> DescribeFailsAsync() => Assert.ThrowsAsync<DescribeException>(
        () => DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess())
            .DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None));

    [Fact]
    public async Task TooManyRequests_IsTransientWithTheEndpointsMessage()
    {
        _endpoint.ThenError(429, """{"error":{"code":429,"message":"Resource exhausted. Please try again later.","status":"RESOURCE_EXHAUSTED"}}""");

        var ex = await DescribeFailsAsync();

        Assert.Equal("endpoint-429", ex.Code);
        Assert.Equal(429, ex.HttpStatus);
        Assert.True(ex.IsTransient);
        Assert.Equal("Resource exhausted. Please try again later.", ex.EndpointMessage);
        Assert.Contains("Resource exhausted", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("39s", 39_000)]
    [InlineData("0.250s", 250)]
    [InlineData("1.000340012s", 1000.340012)]
    public async Task TooManyRequests_CarriesGooglesRetryInfoDelay(string retryDelay, double milliseconds)
    {
        _endpoint.ThenError(429, $$$"""
            [{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED",
            "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"},
            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"{{{retryDelay}}}"}]}}]
            """);

        var ex = await DescribeFailsAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ex.RetryAfter);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task TooManyRequests_WithoutRetryInfo_HasNoDelay()
    {
        _endpoint.ThenError(429, """{"error":{"code":429,"message":"Resource exhausted.","status":"RESOURCE_EXHAUSTED"}}""");

        Assert.Null((await DescribeFailsAsync()).RetryAfter);
    }

    [Fact]
    public async Task TooManyRequests_IsNotRetriedByTheLibrary_SoTheOneRetryPathCanHonourItsDelay()
    {
        _endpoint.ThenError(429, """{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED"}}""");
        _endpoint.ThenError(429, """{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED"}}""");
        var options = DescriberHarness.Options(_endpoint);
        var client = ChatClientFactory.Create(options, projectId: null, new FakeTokenAccess());

        await Assert.ThrowsAsync<DescribeException>(() => new ImageDescriber(client, options).DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None));

        Assert.Single(_endpoint.Requests);
    }

    [Fact]
    public async Task BadRequest_IsPermanent_ArrayShapedGoogleError()
    {
        _endpoint.ThenError(400, """[{"error":{"code":400,"message":"No such object: b/My%20File.pdf","status":"INVALID_ARGUMENT"}}]""");

        var ex = await DescribeFailsAsync();

        Assert.Equal("endpoint-400", ex.Code);
        Assert.False(ex.IsTransient);
        Assert.Equal("No such object: b/My%20File.pdf", ex.EndpointMessage);
    }

    [Fact]
    public async Task Forbidden_OpenAIShapedError_IsPermanent()
    {
        _endpoint.ThenError(403, """{"error":{"message":"Permission denied on resource project p.","type":"invalid_request_error","code":null}}""");

        var ex = await DescribeFailsAsync();

        Assert.Equal("endpoint-403", ex.Code);
        Assert.False(ex.IsTransient);
        Assert.Equal("Permission denied on resource project p.", ex.EndpointMessage);
    }

    [Fact]
    public async Task ServerError_WithoutJsonBody_IsTransient()
    {
        _endpoint.ThenError(502, "<html>Bad gateway</html>");

        var ex = await DescribeFailsAsync();

        Assert.Equal("endpoint-502", ex.Code);
        Assert.True(ex.IsTransient);
        Assert.Null(ex.EndpointMessage);
    }

    [Fact]
    public async Task StreamCutMidway_IsTransient()
    {
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _endpoint.ThenCut(bothRead.Task, Chunk(content: "The first half"), Chunk(content: " of a sentence"));
        var progress = new CallbackProgress(p =>
        {
            if (p.Chunks == 2)
            {
                bothRead.TrySetResult();
            }
        });

        var ex = await Assert.ThrowsAsync<DescribeException>(
            () => DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess())
                .DescribeAsync(DescriberHarness.AnyImage, progress, CancellationToken.None));

        Assert.Equal("stream-interrupted", ex.Code);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task StalledStream_TimesOutAsTransient()
    {
        // The network timeout also bounds each read of the stream. A first, complete request warms both ends up so
        // that only the deliberate stall can use up the timeout.
        var release = new TaskCompletionSource();
        _endpoint.ThenStream(Chunk(content: "Warm.", finish: "stop"));
        _endpoint.Then(async ctx =>
        {
            await WriteEventsAsync(ctx, [Chunk(content: "Before the stall")], done: false);
            await release.Task.WaitAsync(ctx.RequestAborted);
        });
        var describer = DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess(), networkTimeout: TimeSpan.FromSeconds(1));
        await describer.DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<DescribeException>(
            () => describer.DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None));
        release.TrySetResult();

        Assert.Equal("endpoint-timeout", ex.Code);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task ErrorEventMidStream_UsesItsStatus()
    {
        _endpoint.ThenStream(Chunk(content: "Begun"), """{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}""");

        var ex = await DescribeFailsAsync();

        Assert.Equal("endpoint-503", ex.Code);
        Assert.True(ex.IsTransient);
        Assert.Equal("The model is overloaded.", ex.EndpointMessage);
    }

    [Fact]
    public async Task MalformedChunk_IsPermanentBadChunk()
    {
        _endpoint.ThenStream(Chunk(content: "Ok"), "{not json");

        var ex = await DescribeFailsAsync();

        Assert.Equal("bad-chunk", ex.Code);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task EndlessEvent_IsPermanentBadChunk_WithoutReadingItAll()
    {
        var sent = 0L;
        _endpoint.Then(async ctx =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.WriteAsync("data: {\"x\":\"", ctx.RequestAborted);
            var block = new string('a', 64 * 1024);
            // Up to 64 MiB on one line, unless the reader stops first.
            for (var i = 0; i < 1024 && !ctx.RequestAborted.IsCancellationRequested; i++)
            {
                await ctx.Response.WriteAsync(block, ctx.RequestAborted);
                sent += block.Length;
            }
        });

        var ex = await DescribeFailsAsync();

        Assert.Equal("bad-chunk", ex.Code);
        Assert.False(ex.IsTransient);
        Assert.Contains("over 1 MiB", ex.Message, StringComparison.Ordinal);
        Assert.True(Interlocked.Read(ref sent) < 64L * 1024 * 1024, "the reader stopped before the endpoint's 64 MiB");
    }

    [Fact]
    public async Task OutputCapSpentOnThinking_IsEmptyDescription()
    {
        _endpoint.ThenStream(Chunk(role: true), Chunk(finish: "MAX_TOKENS"), UsageChunk(prompt: 800, completion: 1234, reasoning: 1234));

        var ex = await DescribeFailsAsync();

        Assert.Equal("empty-description", ex.Code);
        Assert.False(ex.IsTransient);
        Assert.Contains("DESCRIBE_MAX_OUTPUT_TOKENS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1234", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTextWithStop_IsEmptyDescription()
    {
        _endpoint.ThenStream(Chunk(content: "  "), Chunk(finish: "stop"));

        var ex = await DescribeFailsAsync();

        Assert.Equal("empty-description", ex.Code);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("SAFETY")]
    [InlineData("content_filter")]
    [InlineData("PROHIBITED_CONTENT")]
    public async Task SafetyBlockWithoutText_IsPermanentBlocked(string reason)
    {
        _endpoint.ThenStream(Chunk(finish: reason), UsageChunk(prompt: 700, completion: 0));

        var ex = await DescribeFailsAsync();

        Assert.Equal("blocked", ex.Code);
        Assert.False(ex.IsTransient);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEndpoint_IsTransient()
    {
        var options = DescriberHarness.Options(_endpoint, baseUrl: new Uri($"http://127.0.0.1:{ClosedPort()}/v1"));

        var ex = await Assert.ThrowsAsync<DescribeException>(
            () => DescriberHarness.Create(options, new FakeTokenAccess())
                .DescribeAsync(DescriberHarness.AnyImage, null, CancellationToken.None));

        Assert.Equal("endpoint-unreachable", ex.Code);
        Assert.True(ex.IsTransient);
        Assert.Null(ex.HttpStatus);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
