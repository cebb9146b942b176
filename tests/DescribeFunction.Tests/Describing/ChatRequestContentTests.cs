using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json.Nodes;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;
using OpenAI;
using OpenAI.Chat;

namespace DescribeFunction.Tests.Describing;

/// <summary>
/// The hand-written request body against the one the OpenAI library's convenience method
/// (<c>CompleteChatStreamingAsync</c>) sends for the same messages and options: the same JSON, whatever the mode.
/// </summary>
public sealed class ChatRequestContentTests
{
    private static readonly byte[] SmallImage = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 250, 251, 252, 253, 254, 255, 62, 63];

    public static TheoryData<string, bool> Modes => new()
    {
        { "text", true },
        { "text", false },
        { "structured", true },
        { "tuned", true },
        { "tuned", false },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Body_IsTheJsonTheLibrarySendsForTheSameRequest(string mode, bool inline)
    {
        var settings = Settings(mode);
        var request = inline
            ? DescribeRequest.ForInlineImage(BinaryData.FromBytes(SmallImage), "image/png")
            : DescribeRequest.ForGcsObject("bkt", "photos/a.jpg");

        var ours = JsonNode.Parse(await WriteAsync(ChatRequestContent.Create(request, settings, StructuredSchema.For(settings))));
        var library = JsonNode.Parse(await LibraryBodyAsync(request, settings));

        Assert.True(JsonNode.DeepEquals(library, ours), $"library: {library?.ToJsonString()}\nours:    {ours?.ToJsonString()}");
    }

    [Fact]
    public async Task Body_InlineImage_IsTheDataUrlOfTheBytes()
    {
        var body = JsonNode.Parse(await WriteAsync(ChatRequestContent.Create(DescribeRequest.ForInlineImage(BinaryData.FromBytes(SmallImage), "image/png"), Settings("text"), schema: null)));

        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(SmallImage), (string?)body!["messages"]![1]!["content"]![1]!["image_url"]!["url"]);
    }

    [Theory]
    [InlineData("My File %20 #1?.jpg")]
    [InlineData("fotos/été.png")]
    public async Task Body_GcsUri_NamesTheObjectExactly(string objectName)
    {
        var body = JsonNode.Parse(await WriteAsync(ChatRequestContent.Create(DescribeRequest.ForGcsObject("bkt", objectName), Settings("text"), schema: null)));

        Assert.Equal("gs://bkt/" + objectName, (string?)body!["messages"]![1]!["content"]![1]!["image_url"]!["url"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(49_152)]
    [InlineData(200_001)]
    public async Task WriteToAsync_WritesTheComputedLengthEveryTime(int imageBytes)
    {
        var image = new byte[imageBytes];
        new Random(imageBytes).NextBytes(image);
        using var content = ChatRequestContent.Create(DescribeRequest.ForInlineImage(BinaryData.FromBytes(image), "image/jpeg"), Settings("text"), schema: null);

        var first = await WriteAsync(content);
        var again = await WriteAsync(content);

        Assert.True(content.TryComputeLength(out var length));
        Assert.Equal(length, first.Length);
        Assert.Equal(first, again);
        var url = (string?)JsonNode.Parse(first)!["messages"]![1]!["content"]![1]!["image_url"]!["url"];
        Assert.Equal(image, Convert.FromBase64String(url!["data:image/jpeg;base64,".Length..]));
    }

    private static ModelSettings Settings(string mode) => mode switch
    {
        "structured" => new ModelSettings { DescribePrompt = "Describe it.", DescribeOutput = DescribeOutput.Structured },
        "tuned" => new ModelSettings { DescribePrompt = "Say \"what\" you see.", DescribeTemperature = 0.7f, DescribeReasoningEffort = "Low", DescribeMaxOutputTokens = 99 },
        _ => new ModelSettings { DescribePrompt = "Describe it." },
    };

    private static async Task<byte[]> WriteAsync(BinaryContent content)
    {
        using var buffer = new MemoryStream();
        await content.WriteToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>What the describer sent before it wrote its own body: the convenience method over the same inputs.</summary>
    private static async Task<byte[]> LibraryBodyAsync(DescribeRequest request, ModelSettings settings)
    {
        var capture = new CapturingHandler();
        var client = new ChatClient(settings.DescribeModel, new ApiKeyCredential("test"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:9/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(capture)),
        });
        var image = request.GcsUri is { } gs
            ? ChatMessageContentPart.CreateImagePart(new Uri(gs))
            : ChatMessageContentPart.CreateImagePart(request.ImageBytes!, request.MediaType!);
        List<ChatMessage> messages =
        [
            ChatMessage.CreateSystemMessage(StructuredSchema.For(settings) is null ? ImageDescriber.SystemInstruction : ImageDescriber.SystemInstruction + ImageDescriber.StructuredInstruction),
            ChatMessage.CreateUserMessage(ChatMessageContentPart.CreateTextPart(settings.DescribePrompt), image),
        ];
        var options = new ChatCompletionOptions { MaxOutputTokenCount = settings.DescribeMaxOutputTokens, Temperature = settings.DescribeTemperature };
        if (StructuredSchema.For(settings) is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schema.Name, schema.Json, jsonSchemaIsStrict: true);
        }

        if (settings.DescribeReasoningEffort is { } effort)
        {
#pragma warning disable OPENAI001
            options.ReasoningEffortLevel = new ChatReasoningEffortLevel(effort.Trim().ToLowerInvariant());
#pragma warning restore OPENAI001
        }

        await foreach (var _ in client.CompleteChatStreamingAsync(messages, options))
        {
        }

        return capture.Body ?? throw new InvalidOperationException("The library sent no request.");
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("data: [DONE]\n\n", System.Text.Encoding.UTF8, "text/event-stream") };
        }
    }
}
