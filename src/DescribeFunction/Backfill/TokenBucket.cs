namespace DescribeFunction.Backfill;

/// <summary>
/// A token bucket shared by all workers of a run: <c>--max-per-minute</c> tokens a minute, holding at most
/// <see cref="Capacity"/> (one second's worth, at least one), so a start-up burst stays small. Time comes from the
/// given <see cref="TimeProvider"/>, so tests move it by hand.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly double _perSecond;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public TokenBucket(double perMinute, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _perSecond = perMinute / 60;
        Capacity = Math.Max(1, Math.Floor(_perSecond));
        _tokens = Capacity;
        _refilledAt = clock.GetUtcNow();
    }

    public double Capacity { get; }

    /// <summary>Takes one token, waiting for it when the bucket is empty; waiters are served in turn.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            _tokens = Math.Min(Capacity, _tokens + ((now - _refilledAt).TotalSeconds * _perSecond));
            _refilledAt = now;
            // Taking the token now, even into debt, books this caller's place: later callers wait longer.
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock, cancellationToken);
        }
    }
}
