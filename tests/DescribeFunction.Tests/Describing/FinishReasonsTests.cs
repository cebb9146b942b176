using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

public sealed class FinishReasonsTests
{
    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("STOP", "stop")]
    [InlineData("length", "length")]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("MALFORMED_FUNCTION_CALL", "other")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_MapsToOpenAIVocabulary(string? raw, string? expected) =>
        Assert.Equal(expected, FinishReasons.Normalize(raw));
}
