namespace DescribeFunction.Firestore;

/// <summary>How the client retries UNAVAILABLE, 503 and connection failures (nothing else).</summary>
public sealed record FirestoreRetryOptions
{
    public static FirestoreRetryOptions Default { get; } = new();

    /// <summary>Attempts in total, including the first.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Exponential backoff with jitter: a random delay between half and all of the doubled step.</summary>
    internal TimeSpan BackoffBefore(int retry)
    {
        var step = Math.Min(MaxBackoff.TotalMilliseconds, InitialBackoff.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(step * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
