using System.Text.Json;
using DescribeFunction.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DescribeFunction.Tests.Logging;

public class CloudLoggingFormatterTests
{
    [Fact]
    public void Write_EmitsOneJsonLineWithSeverityTraceAndProperties()
    {
        var formatter = new CloudLoggingFormatter(new StaticOptions(new CloudLoggingFormatterOptions { ProjectId = "proj-1" }));
        var scopes = new LoggerExternalScopeProvider();
        using var trace = scopes.Push(new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", true));
        using var scope = scopes.Push(new[] { new KeyValuePair<string, object?>("Generation", 1700000000000001L) });
        var state = new[] { new KeyValuePair<string, object?>("ObjectName", "a/b.jpg"), new KeyValuePair<string, object?>("{OriginalFormat}", "x {ObjectName}") };
        using var writer = new StringWriter();

        formatter.Write(new LogEntry<KeyValuePair<string, object?>[]>(LogLevel.Warning, "cat", default, state, null, (s, _) => "described a/b.jpg"), scopes, writer);

        var line = writer.ToString();
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Single(line.TrimEnd('\n').Split('\n'));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("WARNING", root.GetProperty("severity").GetString());
        Assert.Equal("described a/b.jpg", root.GetProperty("message").GetString());
        Assert.Equal("projects/proj-1/traces/0af7651916cd43dd8448eb211c80319c", root.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal("b7ad6b7169203331", root.GetProperty("logging.googleapis.com/spanId").GetString());
        Assert.True(root.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean());
        Assert.Equal("a/b.jpg", root.GetProperty("objectName").GetString());
        Assert.Equal(1700000000000001L, root.GetProperty("generation").GetInt64());
        Assert.False(root.TryGetProperty("{OriginalFormat}", out _));
    }

    [Fact]
    public void Write_LoneSurrogatesFromARequest_AreReplacedNotThrown()
    {
        var formatter = new CloudLoggingFormatter(new StaticOptions(new CloudLoggingFormatterOptions()));
        var state = new[] { new KeyValuePair<string, object?>("Reason", "bad \ud800 header") };
        using var writer = new StringWriter();

        formatter.Write(new LogEntry<KeyValuePair<string, object?>[]>(LogLevel.Warning, "cat", default, state, null, (_, _) => "Rejected: bad \udc00"), null, writer);

        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal("Rejected: bad \ufffd", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("bad \ufffd header", json.RootElement.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", true)]
    [InlineData("X-Cloud-Trace-Context", "0AF7651916CD43DD8448EB211C80319C/12345;o=1", "0af7651916cd43dd8448eb211c80319c", "12345", true)]
    [InlineData("X-Cloud-Trace-Context", "0af7651916cd43dd8448eb211c80319c", "0af7651916cd43dd8448eb211c80319c", null, false)]
    public void TraceContext_ReadsW3CAndGoogleHeaders(string header, string value, string traceId, string? spanId, bool sampled)
    {
        var headers = new HeaderDictionary { [header] = value };

        var trace = TraceContext.FromHeaders(headers);

        Assert.Equal(new TraceContext(traceId, spanId, sampled), trace);
    }

    [Fact]
    public void TraceContext_IgnoresMalformedHeaders() =>
        Assert.Null(TraceContext.FromHeaders(new HeaderDictionary { ["traceparent"] = "garbage", ["X-Cloud-Trace-Context"] = "zz" }));

    private sealed class StaticOptions(CloudLoggingFormatterOptions value) : IOptionsMonitor<CloudLoggingFormatterOptions>
    {
        public CloudLoggingFormatterOptions CurrentValue => value;

        public CloudLoggingFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CloudLoggingFormatterOptions, string?> listener) => null;
    }
}
