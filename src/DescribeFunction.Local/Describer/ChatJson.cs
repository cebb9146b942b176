using System.Buffers;
using System.Text.Json;

namespace DescribeFunction.Local.Describer;

/// <summary>The describer's answers in the Chat Completions wire shape, written with <see cref="Utf8JsonWriter"/>.</summary>
internal sealed record ChatJson(string Id, long Created, string Model)
{
    public byte[] Completion(string content, string finishReason, Usage usage) => Write(w =>
    {
        Header(w, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", content);
        w.WriteEndObject();
        w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, usage);
    });

    /// <summary>A content chunk; the first one also names the role, as OpenAI and Vertex do.</summary>
    public byte[] ContentChunk(string content, bool first) => Write(w =>
    {
        Header(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (first)
        {
            w.WriteString("role", "assistant");
        }

        w.WriteString("content", content);
        w.WriteEndObject();
        w.WriteNull("finish_reason");
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public byte[] FinishChunk(string finishReason) => Write(w =>
    {
        Header(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteEndObject();
        w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public byte[] UsageChunk(Usage usage) => Write(w =>
    {
        Header(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, usage);
    });

    private void Header(Utf8JsonWriter w, string kind)
    {
        w.WriteString("id", Id);
        w.WriteString("object", kind);
        w.WriteNumber("created", Created);
        w.WriteString("model", Model);
    }

    private static void WriteUsage(Utf8JsonWriter w, Usage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.PromptTokens);
        w.WriteNumber("completion_tokens", usage.CompletionTokens);
        w.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

internal readonly record struct Usage(int PromptTokens, int CompletionTokens);
