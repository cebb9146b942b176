namespace DescribeFunction.Spending.Grants;

/// <summary>
/// This instance's recent admissions and what they needed, in one-second buckets over a sliding window, to size the
/// next lease: enough for a while more at the same rate. Not thread-safe: the pool calls it under its lock.
/// </summary>
internal sealed class RateMeter(TimeSpan window)
{
    private readonly (long Second, GrantAmount Need)[] _buckets = new (long, GrantAmount)[Math.Max(1, (int)window.TotalSeconds)];

    public void Record(DateTimeOffset now, GrantAmount need)
    {
        var second = now.ToUnixTimeSeconds();
        ref var bucket = ref _buckets[second % _buckets.Length];
        bucket = bucket.Second == second ? (second, bucket.Need + need) : (second, need);
    }

    /// <summary>What the admissions of the next <paramref name="ahead"/> would need at the recent rate.</summary>
    public GrantAmount Expected(DateTimeOffset now, TimeSpan ahead)
    {
        var second = now.ToUnixTimeSeconds();
        var recent = _buckets.Where(b => b.Second > second - _buckets.Length && b.Second <= second)
            .Aggregate(GrantAmount.Zero, (sum, b) => sum + b.Need);
        var factor = ahead.TotalSeconds / _buckets.Length;
        return new GrantAmount((long)Math.Ceiling(recent.Images * factor), (long)Math.Ceiling(recent.Tokens * factor));
    }
}
