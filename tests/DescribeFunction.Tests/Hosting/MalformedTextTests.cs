using System.Net;
using System.Text;
using DescribeFunction.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Hosting;

/// <summary>
/// Requests the fuzz test found answered with 500: text the JSON parser accepts but cannot read back as a string,
/// attributes the CloudEvents SDK refuses, and a charset the runtime will not decode. Each must get 400.
/// </summary>
public sealed class MalformedTextTests : IAsyncLifetime
{
    private const string Legacy = """{"context":{"eventId":"1","eventType":"google.storage.object.finalize","resource":"projects/_/buckets/b/objects/RESOURCE"},"data":{"name":"NAME"}}""";
    private const string Structured = """{"specversion":"1.0","id":"ID","source":"//s","type":"google.cloud.storage.object.v1.finalized","data":{"name":"NAME"}}""";

    private readonly RecordingProcessor _processor = new();
    private RunningFunction _function = null!;

    public async Task InitializeAsync() =>
        _function = await RunningFunction.StartAsync(processor: _processor);

    public async Task DisposeAsync() => await _function.DisposeAsync();

    /// <summary>
    /// Bodies are written in Latin-1 so that <c>\u00ED\u00A0\u0080</c> stands for the raw bytes ED A0 80 (a UTF-8
    /// encoded surrogate), while <c>\\ud800</c> is the six-character JSON escape of an unpaired surrogate.
    /// </summary>
    public static TheoryData<string, string, string> Bodies => new()
    {
        { Legacy.Replace("NAME", "a\u00ED\u00A0\u0080.txt", StringComparison.Ordinal), "application/json", "not valid JSON" },
        { Legacy.Replace("NAME", "a\u00FF.txt", StringComparison.Ordinal), "application/json", "not valid JSON" },
        { Legacy.Replace("NAME", "a\\ud800.txt", StringComparison.Ordinal), "application/json", "not valid JSON" },
        { Legacy.Replace("RESOURCE", "\\udfff", StringComparison.Ordinal), "application/json", "not valid JSON" },
        { Legacy.Replace("\"1\"", "\"\\ud800\"", StringComparison.Ordinal), "application/json", "not valid JSON" },
        { Legacy.Replace("RESOURCE", "a\\u0000b", StringComparison.Ordinal), "application/json", "subject" },
        { Legacy.Replace("\"1\"", "\"evt\\u0007\"", StringComparison.Ordinal), "application/json", "id" },
        { Structured.Replace("ID", "\\ud800", StringComparison.Ordinal), "application/cloudevents+json", "not valid JSON" },
        { Structured.Replace("ID", "\u00C0\u00AF", StringComparison.Ordinal), "application/cloudevents+json", "not valid JSON" },
        { Structured.Replace("NAME", "\\ud800", StringComparison.Ordinal), "application/cloudevents+json", "storage object" },
        { Structured.Replace("\"id\"", "\"\u00FF\"", StringComparison.Ordinal), "application/cloudevents+json", "not valid JSON" },
        { Structured, "application/cloudevents+json; charset=utf-7", "charset" },
        { Structured.Replace("NAME", "a\u00FF.txt", StringComparison.Ordinal), "application/cloudevents+json", "storage object" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task UnreadableText_Gets400WithOneLineReason(string latin1Body, string contentType, string reasonPart)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1Body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _function.Client.PostAsync(new Uri("/", UriKind.Relative), content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Contains(reasonPart, StringComparison.OrdinalIgnoreCase), text);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        Assert.Empty(_processor.Events);
    }

    [Fact]
    public async Task ValidEscapesAndNonAsciiText_AreStillAccepted()
    {
        var body = Legacy.Replace("NAME", "caf\u00E9 \\u00e9 \\ud83d\\ude00.txt", StringComparison.Ordinal).Replace("RESOURCE", "x", StringComparison.Ordinal);

        var response = await _function.Client.SendAsync(StorageEvents.Raw(body, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("café é 😀.txt", Assert.Single(_processor.Events).Data.Name);
    }
}
