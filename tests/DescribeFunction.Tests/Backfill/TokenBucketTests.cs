using DescribeFunction.Backfill;
using Microsoft.Extensions.Time.Testing;

namespace DescribeFunction.Tests.Backfill;

public class TokenBucketTests
{
    [Fact]
    public async Task WaitAsync_HoldsTheRateOnAFakeClock()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(perMinute: 120, clock); // 2 a second, holding 2
        var waits = Enumerable.Range(0, 10).Select(_ => bucket.WaitAsync(CancellationToken.None)).ToArray();

        Assert.Equal(2, waits.Count(w => w.IsCompleted));
        for (var second = 1; second <= 4; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Waiting.WaitUntilAsync(() => waits.Count(w => w.IsCompleted) >= 2 + (2 * second), TimeSpan.FromSeconds(10), $"{2 + (2 * second)} tokens after {second} s");
            Assert.Equal(2 + (2 * second), waits.Count(w => w.IsCompleted));
        }
    }

    [Fact]
    public async Task WaitAsync_SlowRate_IsOneEveryInterval()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(perMinute: 6, clock); // one every 10 s
        await bucket.WaitAsync(CancellationToken.None);
        var second = bucket.WaitAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_AfterAQuietSpell_BurstsNoMoreThanItsCapacity()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(perMinute: 60, clock);
        clock.Advance(TimeSpan.FromHours(1));

        await bucket.WaitAsync(CancellationToken.None);
        var next = bucket.WaitAsync(CancellationToken.None);

        Assert.Equal(1, bucket.Capacity);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
