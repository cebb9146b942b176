using System.ClientModel;
using System.Text;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Faults;
using OpenAI;
using OpenAI.Chat;

namespace DescribeFunction.Tests.Local.Describer;

/// <summary>The describer's stream as the real OpenAI .NET client reads it, and its faults as raw SSE.</summary>
public sealed class StreamingTests(DescriberFixture fixture) : IClassFixture<DescriberFixture>, IDisposable
{
    private static readonly Uri SunsetUri = new("gs://samples/sunset-landscape.jpg");

    public void Dispose() => fixture.Server.Faults.Clear();

    [Fact]
    public async Task OpenAIClient_StreamAssemblesToNonStreamingText_WithStopAndUsage()
    {
        var client = Client("v1/");
        var expected = (await client.CompleteChatAsync(Messages())).Value;

        var (text, finish, usage, _) = await ReadStreamAsync(client.CompleteChatStreamingAsync(Messages()));

        Assert.Equal(expected.Content[0].Text, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(expected.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
        Assert.EndsWith("(Described offline by the DescribeFunction stand-in.)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIClient_OnVertexShapedEndpoint_Streams()
    {
        var client = Client("v1/projects/local-project/locations/global/endpoints/openapi");

        var (text, finish, _, _) = await ReadStreamAsync(client.CompleteChatStreamingAsync(Messages()));

        Assert.StartsWith("A landscape JPEG image", text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.EndsWith("/v1/projects/local-project/locations/global/endpoints/openapi/chat/completions", fixture.Log.Requests[^1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIClient_ImagePartFromUri_PercentEncodesTheObjectName()
    {
        // The trap the function must avoid: CreateImagePart(Uri) sends Uri.AbsoluteUri, so the name that reaches
        // the endpoint is not the object's name.
        var client = Client("v1/");
        var messages = new List<ChatMessage> { new UserChatMessage(ChatMessageContentPart.CreateImagePart(new Uri("gs://samples/My Photo.jpg"))) };

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(messages));

        Assert.Equal(400, error.Status);
        Assert.Contains("gs://samples/My%20Photo.jpg", fixture.Log.ImageUrls);
    }

    [Fact]
    public async Task MaxOutputTokens_StopsWithLength()
    {
        var client = Client("v1/");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 4 };

        var (text, finish, usage, chunks) = await ReadStreamAsync(client.CompleteChatStreamingAsync(Messages(), options));

        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.Equal(4, chunks);
        Assert.Equal(4, usage!.OutputTokenCount);
        Assert.Equal("A landscape JPEG image,", text);
    }

    [Fact]
    public async Task CutAfterChunks_BreaksTheStreamAfterThatManyChunks()
    {
        fixture.Server.Faults.Add(new FaultPlan { CutAfterChunks = 3 });
        var client = Client("v1/");
        var received = 0;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in client.CompleteChatStreamingAsync(Messages()))
            {
                received += update.ContentUpdate.Count;
            }
        });

        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal(3, received);
    }

    [Theory]
    [InlineData("MAX_TOKENS")]
    [InlineData("")]
    public async Task FinishReasonFault_IsDeliveredVerbatimInRawSse(string reason)
    {
        var fault = new JsonObject { ["finishReason"] = reason }.ToJsonString();

        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body(SunsetUri.OriginalString, stream: true), faultHeader: fault);
        var sse = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var finish = JsonNode.Parse(events[^3]["data: ".Length..])!["choices"]![0]!["finish_reason"]!.GetValue<string>();
        Assert.Equal(reason, finish);
        var usage = JsonNode.Parse(events[^2]["data: ".Length..])!;
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.True(usage["usage"]!["completion_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task FinishReasonMaxTokens_MakesTheOpenAIClientThrow()
    {
        // Documents the library behaviour the function has to survive (docs/architecture.md, step 6: why the chunks are assembled by hand).
        fixture.Server.Faults.Add(new FaultPlan { FinishReason = "MAX_TOKENS" });
        var client = Client("v1/");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReadStreamAsync(client.CompleteChatStreamingAsync(Messages())));
    }

    [Fact]
    public async Task RawStream_FirstChunkCarriesRole_AndEveryEventIsDataLine()
    {
        using var response = await fixture.PostAsync(DescriberFixture.OpenAIPath, DescriberFixture.Body(SunsetUri.OriginalString, stream: true));
        var sse = await response.Content.ReadAsStringAsync();

        var events = sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        var first = JsonNode.Parse(events[0]["data: ".Length..])!;
        Assert.Equal("chat.completion.chunk", first["object"]!.GetValue<string>());
        Assert.Equal("assistant", first["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(events[1]["data: ".Length..])!["choices"]![0]!["delta"]!["role"]);
    }

    private ChatClient Client(string endpoint) =>
        new("google/gemini-3.8-flash", new ApiKeyCredential("test-token"), new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, endpoint) });

    private static List<ChatMessage> Messages() =>
    [
        new UserChatMessage(ChatMessageContentPart.CreateTextPart("Describe this image."), ChatMessageContentPart.CreateImagePart(SunsetUri)),
    ];

    private static async Task<(string Text, ChatFinishReason? Finish, ChatTokenUsage? Usage, int Chunks)> ReadStreamAsync(
        AsyncCollectionResult<StreamingChatCompletionUpdate> updates)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var chunks = 0;
        await foreach (var update in updates)
        {
            foreach (var part in update.ContentUpdate)
            {
                chunks++;
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        return (text.ToString(), finish, usage, chunks);
    }
}
