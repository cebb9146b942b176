namespace DescribeFunction.Describing;

/// <summary>An assembled description and how it was produced.</summary>
public sealed record DescriptionResult
{
    /// <summary>The prose; in structured mode the answer's description.</summary>
    public required string Text { get; init; }

    /// <summary>In structured mode, the validated answer; null in text mode.</summary>
    public Structured.StructuredOutput? Structured { get; init; }

    /// <summary>The model the stream reported, else the one requested.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// The finish reason in OpenAI's vocabulary (<c>stop</c>, <c>length</c>, <c>content_filter</c>,
    /// <c>tool_calls</c>, <c>function_call</c>, or <c>other</c>); null when the stream sent none.
    /// </summary>
    public string? FinishReason { get; init; }

    /// <summary>The finish reason exactly as sent, such as <c>MAX_TOKENS</c>.</summary>
    public string? RawFinishReason { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    /// <summary>Thinking tokens, when the endpoint reports them; they count against the output cap.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Server-sent chunks received, the final <c>[DONE]</c> excluded.</summary>
    public int Chunks { get; init; }

    /// <summary>From sending the request to the first text; null when no text arrived.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    public TimeSpan Total { get; init; }
}
