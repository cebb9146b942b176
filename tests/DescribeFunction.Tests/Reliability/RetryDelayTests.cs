using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Reliability;
using DescribeFunction.Storage;
using DescribeFunction.Store;
using DescribeFunction.Tests.Functions;
using DescribeFunction.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DescribeFunction.Tests.Reliability;

/// <summary>The shared retry path waits what a quota error asks for, and gives back rather than retry early.</summary>
public class RetryDelayTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static Func<DescribeRequest, DescriptionResult> Quota(TimeSpan? retryDelay) =>
        _ => throw new DescribeException("endpoint-429", "Quota exceeded.", isTransient: true, httpStatus: 429, retryAfter: retryDelay);

    private static (RetryingDescriber Describer, DescriptionClaim Claim) Create(ScriptedDescriber scripted, TimeProvider clock)
    {
        var settings = new FunctionSettings();
        var store = new InMemoryDescriptionStore(clock, settings.Reliability.LeaseDuration, settings.Reliability.MaxAttempts);
        var storage = StorageObjectReader.Create(new Uri("http://127.0.0.1:9/"), credential: null, settings.Delivery.InlineImageMaxBytes);
        var claim = new DescriptionClaim("a.jpg", DescribeImageFunctionTests.Event("a.jpg"), 1, "1");
        return (new RetryingDescriber(new DescribeRequests(settings.Delivery, storage), new ProgressiveDescriber(scripted, store, settings.Store, clock), clock, NullLogger<RetryingDescriber>.Instance), claim);
    }

    [Fact]
    public async Task DescribeAsync_QuotaWithRetryDelay_WaitsExactlyThatBeforeTheRetry()
    {
        var clock = new DelayRecordingClock(Start);
        var scripted = new ScriptedDescriber(Quota(TimeSpan.FromSeconds(39)), ScriptedDescriber.Answer("After the quota refilled."));
        var (describer, claim) = Create(scripted, clock);

        var result = await describer.DescribeAsync(claim, Start.AddSeconds(240), CancellationToken.None);

        Assert.Equal("After the quota refilled.", result.Text);
        Assert.Equal([TimeSpan.FromSeconds(39)], clock.Delays);
    }

    [Fact]
    public async Task DescribeAsync_QuotaWithoutRetryDelay_UsesTheBackoff()
    {
        var clock = new DelayRecordingClock(Start);
        var (describer, claim) = Create(new ScriptedDescriber(Quota(null), ScriptedDescriber.Answer("Fine.")), clock);

        await describer.DescribeAsync(claim, Start.AddSeconds(240), CancellationToken.None);

        var wait = Assert.Single(clock.Delays);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(125), TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task DescribeAsync_RetryDelayBeyondTheDeadline_GivesBackWithoutRetryingEarly()
    {
        var clock = new DelayRecordingClock(Start);
        var scripted = new ScriptedDescriber(Quota(TimeSpan.FromSeconds(300)), ScriptedDescriber.Answer("Too early."));
        var (describer, claim) = Create(scripted, clock);

        var ex = await Assert.ThrowsAsync<DescribeException>(() => describer.DescribeAsync(claim, Start.AddSeconds(240), CancellationToken.None));

        Assert.Equal(("endpoint-429", 1), (ex.Code, scripted.Calls));
        Assert.Empty(clock.Delays);
    }

    /// <summary>A clock that records each delay asked of it and lets it pass at once, moving its time on by as much.</summary>
    private sealed class DelayRecordingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _now = start;

        public List<TimeSpan> Delays { get; } = [];

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                Delays.Add(dueTime);
                _now += dueTime;
            }

            return base.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
