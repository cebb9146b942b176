using System.Diagnostics;

namespace DescribeFunction.Testing;

public static class Waiting
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds. Every wait has a deadline, so a condition that never comes
    /// true fails the caller with what it waited for instead of hanging the run.
    /// </summary>
    /// <param name="what">What is awaited, completing "Timed out after N s waiting for …".</param>
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), timeout, what, cancellationToken);
    }

    /// <summary>As the overload above, for a condition that must itself be awaited (a read over HTTP).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var start = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(start) >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {what}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
