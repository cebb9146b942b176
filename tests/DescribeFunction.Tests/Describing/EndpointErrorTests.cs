using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

public sealed class EndpointErrorTests
{
    [Theory]
    [InlineData("""{"error":{"code":404,"message":"Model not found.","status":"NOT_FOUND"}}""", "Model not found.")]
    [InlineData("""[{"error":{"code":400,"message":"Bad image.","status":"INVALID_ARGUMENT"}}]""", "Bad image.")]
    [InlineData("""{"error":{"message":"Invalid key.","type":"invalid_request_error","code":"invalid_api_key"}}""", "Invalid key.")]
    [InlineData("""{"error":"plain words"}""", "plain words")]
    [InlineData("""{"error":{"code":500}}""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void ReadMessage_FindsTheMessageInKnownShapes(string body, string? expected) =>
        Assert.Equal(expected, EndpointError.ReadMessage(BinaryData.FromString(body)));

    [Fact]
    public void ReadMessage_TruncatesVeryLongMessages()
    {
        var message = EndpointError.ReadMessage(BinaryData.FromString("{\"error\":{\"message\":\"" + new string('x', 5000) + "\"}}"));

        Assert.Equal(1001, message!.Length);
    }
}
