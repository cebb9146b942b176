namespace DescribeFunction.Describing;

/// <summary>
/// Maps finish reasons to OpenAI's vocabulary. Vertex may pass Gemini's own values through (<c>STOP</c>,
/// <c>MAX_TOKENS</c>, <c>SAFETY</c>, …) or send an empty string.
/// </summary>
public static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ContentFilter = "content_filter";
    public const string ToolCalls = "tool_calls";
    public const string FunctionCall = "function_call";
    public const string Other = "other";

    /// <summary>Null for a missing or empty reason; <see cref="Other"/> for one not known here.</summary>
    public static string? Normalize(string? raw) => raw?.Trim().ToUpperInvariant() switch
    {
        null or "" or "FINISH_REASON_UNSPECIFIED" => null,
        "STOP" => Stop,
        "LENGTH" or "MAX_TOKENS" => Length,
        "CONTENT_FILTER" or "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII"
            or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" => ContentFilter,
        "TOOL_CALLS" => ToolCalls,
        "FUNCTION_CALL" => FunctionCall,
        _ => Other,
    };
}
