using DescribeFunction.Describing;
using static DescribeFunction.Tests.Describing.FakeChatEndpoint;

namespace DescribeFunction.Tests.Describing;

public sealed class ImageDescriberStreamingTests : IAsyncLifetime
{
    private FakeChatEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await StartAsync();

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private Task<DescriptionResult> DescribeAsync(IProgress<DescribeProgress>? progress = null) =>
        DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess())
            .DescribeAsync(DescriberHarness.AnyImage, progress, CancellationToken.None);

    [Fact]
    public async Task Stream_AssemblesTextChunksFinishReasonAndUsage()
    {
        _endpoint.ThenStream(
            Chunk(content: "", role: true, model: "google/gemini-3.8-flash-001"),
            Chunk(content: "A tabby cat"),
            Chunk(content: " sleeps on a "),
            Chunk(content: "red sofa.", finish: "stop"),
            UsageChunk(prompt: 1290, completion: 11, reasoning: 40));

        var result = await DescribeAsync();

        Assert.Equal("A tabby cat sleeps on a red sofa.", result.Text);
        Assert.Equal(5, result.Chunks);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal("stop", result.RawFinishReason);
        Assert.Equal(1290, result.InputTokens);
        Assert.Equal(11, result.OutputTokens);
        Assert.Equal(40, result.ReasoningTokens);
        Assert.Equal("google/gemini-3.8-flash-001", result.Model);
        Assert.NotNull(result.TimeToFirstToken);
        Assert.InRange(result.TimeToFirstToken.Value, TimeSpan.Zero, result.Total);
    }

    [Fact]
    public async Task Stream_ToleratesChunksWithoutChoicesAndMissingFinishReason()
    {
        _endpoint.ThenStream(
            """{"id":"x","object":"chat.completion.chunk","model":"m1"}""",
            Chunk(content: "Snow"),
            """{"id":"x","object":"chat.completion.chunk","choices":[]}""",
            Chunk(content: " falls."),
            UsageChunk(prompt: 5, completion: 3, withEmptyChoices: false));

        var result = await DescribeAsync();

        Assert.Equal("Snow falls.", result.Text);
        Assert.Equal(5, result.Chunks);
        Assert.Null(result.FinishReason);
        Assert.Null(result.RawFinishReason);
        Assert.Equal(5, result.InputTokens);
        Assert.Equal(3, result.OutputTokens);
        Assert.Equal("m1", result.Model);
    }

    [Fact]
    public async Task Stream_WithoutModelOrUsage_ReportsRequestedModel()
    {
        _endpoint.ThenStream("""{"choices":[{"index":0,"delta":{"content":"Hi."},"finish_reason":"stop"}]}""");

        var result = await DescribeAsync();

        Assert.Equal("Hi.", result.Text);
        Assert.Equal("google/gemini-test", result.Model);
        Assert.Null(result.InputTokens);
        Assert.Null(result.OutputTokens);
    }

    [Theory]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("STOP", "stop")]
    [InlineData("", null)]
    [InlineData("SOMETHING_NEW", "other")]
    public async Task NonStandardFinishReason_KeepsTextAndLaterUsage(string raw, string? normalized)
    {
        _endpoint.ThenStream(
            Chunk(content: "A lighthouse at dusk, its lamp"),
            Chunk(content: " just lit", finish: raw),
            UsageChunk(prompt: 900, completion: 8192));

        var result = await DescribeAsync();

        Assert.Equal("A lighthouse at dusk, its lamp just lit", result.Text);
        Assert.Equal(raw, result.RawFinishReason);
        Assert.Equal(normalized, result.FinishReason);
        Assert.Equal(900, result.InputTokens);
        Assert.Equal(8192, result.OutputTokens);
    }

    [Fact]
    public async Task Progress_ReceivesEachDeltaInOrderWithTextSoFar()
    {
        _endpoint.ThenStream(Chunk(content: "One"), Chunk(content: ""), Chunk(content: " two"), Chunk(content: " three.", finish: "stop"));
        var reports = new List<DescribeProgress>();

        await DescribeAsync(new CallbackProgress(reports.Add));

        Assert.Equal(["One", " two", " three."], reports.Select(r => r.Delta));
        Assert.Equal(["One", "One two", "One two three."], reports.Select(r => r.Text));
        Assert.Equal([1, 3, 4], reports.Select(r => r.Chunks));
    }

    [Fact]
    public async Task Cancellation_PropagatesAsOperationCanceled()
    {
        var holdOpen = new TaskCompletionSource();
        _endpoint.Then(async ctx =>
        {
            await WriteEventsAsync(ctx, [Chunk(content: "Partial")], done: false);
            await holdOpen.Task.WaitAsync(ctx.RequestAborted);
        });
        using var cts = new CancellationTokenSource();
        var describer = DescriberHarness.Create(DescriberHarness.Options(_endpoint), new FakeTokenAccess());

        var progress = new CallbackProgress(_ => cts.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => describer.DescribeAsync(DescriberHarness.AnyImage, progress, cts.Token));
        holdOpen.TrySetResult();
    }
}
