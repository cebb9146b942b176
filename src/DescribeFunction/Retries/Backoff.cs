namespace DescribeFunction.Retries;

/// <summary>
/// The one retry wait of the function, shared by the describer, Firestore and Cloud Storage: exponential with equal
/// jitter. The wait before retry <c>n</c> is between half and all of <c>min(Max, First · 2^(n−1))</c>: the fixed half
/// keeps retries from bunching at zero, the random half spreads instances that failed together.
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    public static Backoff None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <param name="retry">1 for the wait before the first retry.</param>
    public TimeSpan Before(int retry)
    {
        var ceiling = Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }
}
