using DescribeFunction.Local.Firestore;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class FieldPathAndTimestampTests
{
    [Theory]
    [InlineData("usage.inputTokens", new[] { "usage", "inputTokens" })]
    [InlineData("_a1", new[] { "_a1" })]
    [InlineData("`odd-name`.`with.dot`.x", new[] { "odd-name", "with.dot", "x" })]
    [InlineData(@"`back\`tick\\`", new[] { @"back`tick\" })]
    public void Parse_SplitsSimpleAndQuotedSegments(string text, string[] segments) =>
        Assert.Equal(segments, ParsedFieldPath.Parse(text).Segments);

    [Theory]
    [InlineData("")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("1abc")]
    [InlineData("``")]
    [InlineData("a-b")]
    public void Parse_RejectsMalformedPaths(string text) =>
        Assert.Equal("INVALID_ARGUMENT", Assert.Throws<ErrorResponseException>(() => ParsedFieldPath.Parse(text)).Status);

    [Theory]
    [InlineData("2026-11-25T12:00:00.123456Z", "2026-11-25T12:00:00.123456Z")]
    [InlineData("2026-11-25T12:00:00Z", "2026-11-25T12:00:00Z")]
    [InlineData("2026-11-25T12:00:00.1Z", "2026-11-25T12:00:00.100Z")]
    [InlineData("2026-11-25T12:00:00.123456789Z", "2026-11-25T12:00:00.123456Z")]
    [InlineData("2026-11-25t14:30:00.000001+02:30", "2026-11-25T12:00:00.000001Z")]
    [InlineData("1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z")]
    public void Timestamp_ParsesRfc3339_AndFormatsZNormalized(string input, string expected)
    {
        Assert.True(StoredTimestamp.TryParse(input, out var micros, out _));
        Assert.Equal(expected, StoredTimestamp.Format(micros));
    }

    [Theory]
    [InlineData("2026-11-25 12:00:00Z")]
    [InlineData("2026-13-25T12:00:00Z")]
    [InlineData("2026-11-25T12:00:00")]
    [InlineData("2026-11-25T12:00:00.1234567890Z")]
    public void Timestamp_RejectsOtherForms(string input) =>
        Assert.False(StoredTimestamp.TryParse(input, out _, out _));
}
