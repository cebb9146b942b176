using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;
using static DescribeFunction.Tests.Describing.FakeChatEndpoint;

namespace DescribeFunction.Tests.Describing;

/// <summary>Structured mode on the wire: the response_format sent, the JSON assembled, parsed and reported as prose.</summary>
public sealed class ImageDescriberStructuredTests : IAsyncLifetime
{
    private FakeChatEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await StartAsync();

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    private Task<DescriptionResult> DescribeAsync(bool structured, IProgress<DescribeProgress>? progress = null)
    {
        var options = DescriberHarness.Options(_endpoint, output: structured ? DescribeOutput.Structured : DescribeOutput.Text);
        return DescriberHarness.Create(options, new FakeTokenAccess()).DescribeAsync(DescriberHarness.AnyImage, progress, CancellationToken.None);
    }

    private FakeChatEndpoint StreamAnswer(params string[] pieces) =>
        _endpoint.ThenStream([.. pieces.Select(p => Chunk(content: p)), Chunk(content: "", finish: "stop"), UsageChunk(prompt: 300, completion: 40)]);

    [Fact]
    public async Task StructuredRequest_CarriesTheDefaultSchemaAsStrictJsonSchema()
    {
        StreamAnswer(SchemaSamples.ValidDefaultAnswer);

        await DescribeAsync(structured: true);

        var body = Assert.Single(_endpoint.Requests).Json;
        var format = body["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.Equal("image_description", (string?)format["json_schema"]!["name"]);
        Assert.True((bool?)format["json_schema"]!["strict"]);
        Assert.Equal(StructuredSchema.Default.Json.ToString(), format["json_schema"]!["schema"]!.ToJsonString());
        Assert.True((bool?)body["stream"]);
        Assert.EndsWith(ImageDescriber.StructuredInstruction, (string?)body["messages"]![0]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextRequest_HasNoResponseFormatAndTheTextInstruction()
    {
        _endpoint.ThenStream(Chunk(content: "Fine.", finish: "stop"));

        var result = await DescribeAsync(structured: false);

        var body = Assert.Single(_endpoint.Requests).Json.AsObject();
        Assert.False(body.ContainsKey("response_format"));
        Assert.Equal(ImageDescriber.SystemInstruction, (string?)body["messages"]![0]!["content"]);
        Assert.Null(result.Structured);
        Assert.Equal("Fine.", result.Text);
    }

    [Fact]
    public async Task StructuredStream_IsAssembledParsedAndTheDescriptionBecomesTheText()
    {
        var answer = SchemaSamples.ValidDefaultAnswer;
        StreamAnswer(answer[..10], answer[10..31], answer[31..]);

        var result = await DescribeAsync(structured: true);

        Assert.Equal("A red boat on a calm lake.", result.Text);
        Assert.Equal(["boat", "lake"], result.Structured!.Labels);
        Assert.Equal("A red boat on a lake.", result.Structured.AltText);
        Assert.Equal(5, result.Chunks);
    }

    [Fact]
    public async Task StructuredStream_ReportsTheGrowingDescriptionNotTheJson()
    {
        var answer = SchemaSamples.ValidDefaultAnswer;
        StreamAnswer(answer[..10], answer[10..22], answer[22..31], answer[31..]);
        var reports = new List<DescribeProgress>();

        await DescribeAsync(structured: true, new CallbackProgress(reports.Add));

        Assert.Equal(["A red ", "A red boat on a", "A red boat on a calm lake."], reports.Select(r => r.Text));
        Assert.Equal(["A red ", "boat on a", " calm lake."], reports.Select(r => r.Delta));
    }

    [Fact]
    public async Task StructuredStream_ThatIsNotJson_FailsAsInvalidOutputWithTheRawText()
    {
        StreamAnswer("A red boat ", "on a calm lake.");

        var error = await Assert.ThrowsAsync<DescribeException>(() => DescribeAsync(structured: true));

        Assert.Equal("invalid-structured-output", error.Code);
        Assert.False(error.IsTransient);
        Assert.Equal("A red boat on a calm lake.", error.RawOutput);
    }
}
