using System.ClientModel;
using System.Text;
using System.Text.Json;
using DescribeFunction.Describing.Structured;
using DescribeFunction.Local.Faults;
using OpenAI;
using OpenAI.Chat;

namespace DescribeFunction.Tests.Local.Describer;

/// <summary>The describer's answers to response_format json_schema, read by the real OpenAI client and checked with the function's own validator.</summary>
public sealed class StructuredAnswerTests(DescriberFixture fixture) : IClassFixture<DescriberFixture>, IDisposable
{
    public void Dispose() => fixture.Server.Faults.Clear();

    [Theory]
    [InlineData("sunset-landscape.jpg", new[] { "photo", "landscape", "orange", "fictional optics fo-35 horizon" })]
    [InlineData("blue-white-portrait.png", new[] { "graphic", "portrait", "blue", "white" })]
    [InlineData("green-yellow-square.webp", new[] { "graphic", "square", "green", "yellow" })]
    public async Task DefaultSchema_AnswerValidatesAndIsFilledFromTheImage(string file, string[] expectedLabels)
    {
        var (json, chunks) = await StreamAsync(file, StructuredSchema.Default);

        var output = StructuredOutputParser.Parse(json, StructuredSchema.Default, "stop");
        Assert.All(expectedLabels, label => Assert.Contains(label, output.Labels!));
        Assert.Equal(output.Labels, output.Value.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.InRange(output.Labels!.Count, 1, 10);
        Assert.StartsWith("A " + expectedLabels[1] + " " + expectedLabels[0] + " in ", output.AltText, StringComparison.Ordinal);
        Assert.InRange(output.AltText!.Length, 1, StructuredOutputParser.MaxAltTextLength);
        Assert.Equal("", output.VisibleText);
        Assert.False(output.ContainsPeople);
        Assert.Equal(await fixture.DescribeAsync($"gs://{DescriberFixture.Bucket}/{file}"), output.Description);
        Assert.True(chunks > 10, $"The answer came in {chunks} chunks; it should stream in many.");
    }

    [Fact]
    public async Task SameImageAndSchema_AnswerIdentically()
    {
        var (first, _) = await StreamAsync("sunset-landscape.jpg", StructuredSchema.Default);
        var (second, _) = await StreamAsync("sunset-landscape.jpg", StructuredSchema.Default);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task UnknownCustomSchema_GetsAValueOfTheRightTypeForEveryProperty()
    {
        var path = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.schema.json");
        await File.WriteAllTextAsync(path, SchemaSamples.Receipt);
        var schema = StructuredSchema.Load(path);
        File.Delete(path);

        var (json, _) = await StreamAsync("blue-white-portrait.png", schema);

        using var document = JsonDocument.Parse(json);
        Assert.Empty(SchemaValidator.Validate(document.RootElement, schema.Root));
        Assert.Equal("EUR", document.RootElement.GetProperty("currency").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task InvalidStructuredOutputFault_AnswersInProse()
    {
        fixture.Server.Faults.Add(new FaultPlan { InvalidStructuredOutput = true });

        var (text, _) = await StreamAsync("sunset-landscape.jpg", StructuredSchema.Default);

        Assert.StartsWith("A landscape JPEG image", text, StringComparison.Ordinal);
        var error = Assert.Throws<DescribeFunction.Describing.DescribeException>(() => StructuredOutputParser.Parse(text, StructuredSchema.Default, "stop"));
        Assert.Equal(StructuredOutputParser.InvalidCode, error.Code);
    }

    [Fact]
    public async Task SchemaMissingFromJsonSchemaFormat_IsABadRequest()
    {
        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body(
            "gs://samples/sunset-landscape.jpg", extra: "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}}"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("response_format.json_schema.schema", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(string Text, int Chunks)> StreamAsync(string file, StructuredSchema schema)
    {
        var client = new ChatClient("google/gemini-3.8-flash", new ApiKeyCredential("test-token"), new OpenAIClientOptions
        {
            Endpoint = new Uri(fixture.Server.BaseAddress, DescriberFixture.VertexPath.Replace("/chat/completions", "", StringComparison.Ordinal)),
        });
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schema.Name, schema.Json, jsonSchemaIsStrict: true) };
        List<ChatMessage> messages =
        [
            new UserChatMessage(ChatMessageContentPart.CreateTextPart("Describe this image."), ChatMessageContentPart.CreateImagePart(new Uri($"gs://{DescriberFixture.Bucket}/{file}"))),
        ];
        var text = new StringBuilder();
        var chunks = 0;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ContentUpdate)
            {
                chunks++;
                text.Append(part.Text);
            }
        }

        Assert.Contains("json_schema", fixture.Log.Requests[^1].ResponseFormat ?? "", StringComparison.Ordinal);
        return (text.ToString(), chunks);
    }
}
