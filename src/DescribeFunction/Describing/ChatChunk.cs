using System.Text.Json.Serialization;

namespace DescribeFunction.Describing;

// The parts of a chat.completion.chunk this component reads. Finish reasons stay strings: the library's closed
// enum is exactly what cannot be trusted with Vertex's values.

internal sealed class ChatChunk
{
    public string? Model { get; set; }

    public List<ChunkChoice>? Choices { get; set; }

    public ChunkUsage? Usage { get; set; }

    /// <summary>Some servers report a failure after the stream has started as an event carrying an error.</summary>
    public System.Text.Json.JsonElement? Error { get; set; }
}

internal sealed class ChunkChoice
{
    public int? Index { get; set; }

    public ChunkDelta? Delta { get; set; }

    public string? FinishReason { get; set; }
}

internal sealed class ChunkDelta
{
    public string? Content { get; set; }
}

internal sealed class ChunkUsage
{
    public int? PromptTokens { get; set; }

    public int? CompletionTokens { get; set; }

    public CompletionTokensDetails? CompletionTokensDetails { get; set; }
}

internal sealed class CompletionTokensDetails
{
    public int? ReasoningTokens { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ChatChunk))]
internal sealed partial class DescribingJsonContext : JsonSerializerContext;
