using OpenAI;
using OpenAI.Chat;
using static DescribeFunction.Tests.Describing.FakeChatEndpoint;

namespace DescribeFunction.Tests.Describing;

/// <summary>
/// Pins the OpenAI library behaviour ImageDescriber works around: if this starts failing after an upgrade, the
/// library's own streaming enumerator may be usable again.
/// </summary>
public sealed class LibraryLimitationsTests : IAsyncLifetime
{
    private FakeChatEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await StartAsync();

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    [Fact]
    public async Task LibraryStreamingEnumerator_ThrowsOnVertexFinishReason()
    {
        _endpoint.ThenStream(Chunk(content: "Text"), Chunk(finish: "MAX_TOKENS"), UsageChunk(prompt: 1, completion: 2));
        var client = new ChatClient("m", new System.ClientModel.ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = _endpoint.BaseUrl });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var update in client.CompleteChatStreamingAsync([ChatMessage.CreateUserMessage("hi")]))
            {
                _ = update.FinishReason;
            }
        });
    }
}
