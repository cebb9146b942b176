using DescribeFunction.Retries;

namespace DescribeFunction.Firestore;

/// <summary>How the client retries UNAVAILABLE, 503 and connection failures (nothing else).</summary>
public sealed record FirestoreRetryOptions
{
    public static FirestoreRetryOptions Default { get; } = new();

    /// <summary>Attempts in total, including the first.</summary>
    public int MaxAttempts { get; init; } = 3;

    public Backoff Backoff { get; init; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
}
