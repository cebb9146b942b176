using System.ClientModel.Primitives;

namespace DescribeFunction.Describing;

/// <summary>
/// The library's retries (408 and 5xx before the stream starts, its own backoff) without 429. A 429 means quota, and
/// Gemini says how long to wait in the error body, which the library does not read; so a 429 goes straight to
/// <c>Reliability/RetryingDescriber</c>, the one retry path that honours it (within <c>DESCRIBE_DEADLINE</c>).
/// </summary>
public sealed class QuotaRetryPolicy : ClientRetryPolicy
{
    public const int MaxRetries = 3;

    public QuotaRetryPolicy()
        : base(MaxRetries)
    {
    }

    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        !IsQuota(message) && base.ShouldRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        !IsQuota(message) && await base.ShouldRetryAsync(message, exception);

    private static bool IsQuota(PipelineMessage message) => message?.Response?.Status == 429;
}
