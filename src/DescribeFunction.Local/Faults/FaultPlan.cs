namespace DescribeFunction.Local.Faults;

/// <summary>
/// One deliberate misbehaviour, applied to the next <see cref="Count"/> matching requests.
/// Every property is optional; several may combine (a delay, then a status).
/// </summary>
public sealed record FaultPlan
{
    /// <summary>How many requests this plan applies to before it is used up.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Only requests whose path contains this text (for example "chat/completions" or ":commit").</summary>
    public string? PathContains { get; init; }

    /// <summary>Answer with this HTTP status and a Google-shaped error instead of doing the work.</summary>
    public int? Status { get; init; }

    /// <summary>
    /// With <see cref="Status"/>: a <c>google.rpc.RetryInfo</c> detail with this <c>retryDelay</c> (for example
    /// <c>"39s"</c>) in the error body, as Gemini sends with a 429.
    /// </summary>
    public string? RetryDelay { get; init; }

    /// <summary>Wait this long before the first byte of the answer.</summary>
    public int? DelayFirstByteMs { get; init; }

    /// <summary>Streaming only: break the connection after this many content chunks.</summary>
    public int? CutAfterChunks { get; init; }

    /// <summary>
    /// For a request with a <c>response_format</c> schema: answer in prose, as a model that ignores the format does,
    /// so the answer does not validate.
    /// </summary>
    public bool? InvalidStructuredOutput { get; init; }

    /// <summary>Streaming only: send this finish reason (for example "MAX_TOKENS" or "") instead of "stop".</summary>
    public string? FinishReason { get; init; }
}
