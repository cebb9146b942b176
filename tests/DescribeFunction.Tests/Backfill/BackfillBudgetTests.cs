using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary>A backfill under a daily budget: a clean stop when it is spent, and <c>--redescribe deferred</c> the next day.</summary>
public sealed class BackfillBudgetTests : IAsyncLifetime
{
    private BackfillHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BackfillHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Backfill_StopsCleanlyOnTheBudget_ThenRedescribeDeferredDescribesTheDeferredOnesOnce()
    {
        var images = _harness.PutImages("budget/", 6);
        var today = new Dictionary<string, string?> { ["DAILY_IMAGE_BUDGET"] = "2" };

        var first = await _harness.RunAsync(today, null, default, "--concurrency", "1");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("budget: the daily image budget of 2 (DAILY_IMAGE_BUDGET) is spent", first.Summary.GetProperty("stoppedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal((2, 1), (first.Count("described"), first.Count("deferred")));
        var deferred = (await _harness.DocumentsAsync(images)).Where(d => d?.Fields.GetString("status") == DescriptionStatus.Deferred).Select(d => d!.Fields.GetString("name")!).ToArray();
        Assert.Single(deferred);
        Assert.Equal(2, _harness.Describer.RequestCount);

        // The next UTC day: a plain run describes what the first did not reach and leaves the deferred one alone.
        var tomorrow = new ShiftedClock(TimeSpan.FromDays(1));
        var missing = await _harness.RunAsync(new Dictionary<string, string?> { ["DAILY_IMAGE_BUDGET"] = "10" }, tomorrow, default);
        Assert.Equal((0, 1L, 3L), (missing.ExitCode, missing.Count("previouslyDeferred"), missing.Count("described")));
        Assert.False(_harness.CallsByObject().ContainsKey(deferred[0]));

        var redescribe = await _harness.RunAsync(new Dictionary<string, string?>(), tomorrow, default, "--redescribe", "deferred");
        var again = await _harness.RunAsync(new Dictionary<string, string?>(), tomorrow, default, "--redescribe", "deferred");

        Assert.Equal((0, 1L), (redescribe.ExitCode, redescribe.Count("described")));
        Assert.Equal((0, 0L), (again.ExitCode, again.Count("described")));
        Assert.All(await _harness.DocumentsAsync(images), d => Assert.Equal(DescriptionStatus.Done, d?.Fields.GetString("status")));
        Assert.All(_harness.CallsByObject().Values, calls => Assert.Equal(1, calls));
        Assert.Equal(images.Count, _harness.CallsByObject().Count);
    }

    /// <summary>The system clock moved by a fixed offset; timers stay real.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
