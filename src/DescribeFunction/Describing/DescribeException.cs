namespace DescribeFunction.Describing;

/// <summary>
/// The description could not be produced. <see cref="IsTransient"/> says whether trying the same event again may
/// succeed. Messages carry the endpoint's own words, never tokens or image bytes.
/// </summary>
public sealed class DescribeException : Exception
{
    public DescribeException()
        : this("unknown", "The description failed.")
    {
    }

    public DescribeException(string message)
        : this("unknown", message)
    {
    }

    public DescribeException(string message, Exception innerException)
        : this("unknown", message, innerException: innerException)
    {
    }

    public DescribeException(
        string code,
        string message,
        bool isTransient = false,
        int? httpStatus = null,
        string? endpointMessage = null,
        Exception? innerException = null,
        TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
        Code = code;
        IsTransient = isTransient;
        HttpStatus = httpStatus;
        EndpointMessage = endpointMessage;
    }

    /// <summary>Short machine-readable code: <c>endpoint-429</c>, <c>stream-interrupted</c>, <c>blocked</c>, <c>empty-description</c>, …</summary>
    public string Code { get; }

    public bool IsTransient { get; }

    public int? HttpStatus { get; }

    /// <summary>
    /// How long the endpoint asked to be left alone before a retry: Google's <c>google.rpc.RetryInfo.retryDelay</c> in
    /// the error body (Gemini's 429 carries no <c>Retry-After</c> header), or a <c>Retry-After</c> header in seconds.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The error message the endpoint itself sent, when it sent one.</summary>
    public string? EndpointMessage { get; }

    /// <summary>What the model wrote, when its output was the problem (invalid structured output).</summary>
    public string? RawOutput { get; init; }
}
