using System.Buffers;
using System.Buffers.Text;
using System.ClientModel;
using System.Text.Json;
using DescribeFunction.Configuration;
using DescribeFunction.Describing.Structured;

namespace DescribeFunction.Describing;

/// <summary>
/// The streaming chat-completion request body, written by hand so that an inline image goes from its bytes straight
/// into the request as base64, a block at a time: no data-URL string, no serialized copy. The JSON is what the
/// <c>OpenAI</c> library's <c>CompleteChatStreamingAsync</c> sends for the same messages and options (a test compares
/// the two); it is rebuilt on every send, so the library's retries resend it whole.
/// </summary>
public sealed class ChatRequestContent : BinaryContent
{
    // 48 KiB of image becomes 64 KiB of base64: one pooled buffer per write, well under the large-object heap.
    private const int ImageBlock = 48 * 1024;

    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly ReadOnlyMemory<byte> _image;

    private ChatRequestContent(byte[] prefix, ReadOnlyMemory<byte> image, byte[] suffix)
    {
        _prefix = prefix;
        _image = image;
        _suffix = suffix;
    }

    /// <summary>
    /// The body for <paramref name="request"/> with the model, prompt and options in <paramref name="settings"/>, and
    /// <paramref name="schema"/>'s <c>response_format</c> in structured mode.
    /// </summary>
    public static ChatRequestContent Create(DescribeRequest request, ModelSettings settings, StructuredSchema? schema)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var inline = request.GcsUri is null;
        var url = request.GcsUri ?? $"data:{request.MediaType};base64,";
        var buffer = new ArrayBufferWriter<byte>(1024);
        int split;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteMessages(json, url, settings, schema is not null);
            json.Flush();
            // The image's base64 goes just before the url string's closing quote.
            split = buffer.WrittenCount - 1 - "}}]}]".Length;
            WriteOptions(json, settings, schema);
            json.WriteEndObject();
        }

        var written = buffer.WrittenSpan;
        return new ChatRequestContent(
            written[..split].ToArray(),
            inline ? request.ImageBytes!.ToMemory() : ReadOnlyMemory<byte>.Empty,
            written[split..].ToArray());
    }

    public override bool TryComputeLength(out long length)
    {
        length = _prefix.Length + Base64.GetMaxEncodedToUtf8Length(_image.Length) + _suffix.Length;
        return true;
    }

    public override void WriteTo(Stream stream, CancellationToken cancellationToken = default) =>
        WriteToAsync(stream, cancellationToken).GetAwaiter().GetResult();

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(_prefix, cancellationToken);
        if (!_image.IsEmpty)
        {
            var block = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ImageBlock));
            try
            {
                for (var offset = 0; offset < _image.Length; offset += ImageBlock)
                {
                    var end = Math.Min(offset + ImageBlock, _image.Length);
                    Base64.EncodeToUtf8(_image.Span[offset..end], block, out _, out var encoded, isFinalBlock: end == _image.Length);
                    await stream.WriteAsync(block.AsMemory(0, encoded), cancellationToken);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }

        await stream.WriteAsync(_suffix, cancellationToken);
    }

    public override void Dispose()
    {
    }

    /// <summary>Written first so that the image's place in the body is known; the url is the last value written here.</summary>
    private static void WriteMessages(Utf8JsonWriter json, string url, ModelSettings settings, bool structured)
    {
        json.WriteStartArray("messages");
        json.WriteStartObject();
        json.WriteString("role", "system");
        json.WriteString("content", !structured ? ImageDescriber.SystemInstruction : ImageDescriber.SystemInstruction + ImageDescriber.StructuredInstruction);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteStartArray("content");
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", settings.DescribePrompt);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "image_url");
        json.WriteStartObject("image_url");
        json.WriteString("url", url);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteOptions(Utf8JsonWriter json, ModelSettings settings, StructuredSchema? schema)
    {
        json.WriteString("model", settings.DescribeModel);
        json.WriteNumber("max_completion_tokens", settings.DescribeMaxOutputTokens);
        if (settings.DescribeTemperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }

        if (!string.IsNullOrWhiteSpace(settings.DescribeReasoningEffort))
        {
            json.WriteString("reasoning_effort", settings.DescribeReasoningEffort.Trim().ToLowerInvariant());
        }

        if (schema is not null)
        {
            json.WriteStartObject("response_format");
            json.WriteString("type", "json_schema");
            json.WriteStartObject("json_schema");
            json.WriteString("name", schema.Name);
            json.WritePropertyName("schema");
            json.WriteRawValue(schema.Json.ToMemory().Span, skipInputValidation: true);
            json.WriteBoolean("strict", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteBoolean("stream", true);
        json.WriteStartObject("stream_options");
        json.WriteBoolean("include_usage", true);
        json.WriteEndObject();
    }
}
