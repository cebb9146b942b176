using Google.Apis.Util;

namespace DescribeFunction.Tests.Local.Metadata;

/// <summary>One hand-moved clock for both sides: the stand-in's token registry and Google.Apis.Auth's refresh logic.</summary>
internal sealed class ManualClock : TimeProvider, IClock
{
    private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public DateTime Now => _now.LocalDateTime;

    public DateTime UtcNow => _now.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
