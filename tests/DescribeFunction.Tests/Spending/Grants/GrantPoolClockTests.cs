using DescribeFunction.Configuration;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DescribeFunction.Tests.Spending.Grants;

/// <summary>Strict mode's grants on a hand-moved clock: the UTC day boundary, and leases that lapse when their holder dies.</summary>
public sealed class GrantPoolClockTests
{
    private static readonly DateTimeOffset LateEvening = new(2026, 11, 25, 23, 59, 30, TimeSpan.Zero);
    private static readonly DateOnly Wednesday = new(2026, 11, 25);
    private static readonly DateOnly Thursday = new(2026, 11, 26);
    private static readonly GrantAmount OneImage = new(1, 0);

    private static FunctionSettings Settings(long images) => new() { Spend = new() { DailyImageBudget = images, GrantShards = 4, BudgetRefresh = TimeSpan.FromSeconds(5) } };

    private static GrantPool Pool(IAllocationShards shards, FunctionSettings settings, TimeProvider clock) =>
        new(new GrantAllocator(shards, settings.Spend, clock), settings.Spend, clock, NullLogger<GrantPool>.Instance);

    [Fact]
    public async Task DrawAsync_AcrossMidnight_TakesTheNewDaysBudget_AndGivesTheOldDaysUnusedGrantsBack()
    {
        var clock = new FakeTimeProvider(LateEvening);
        var shards = new InMemoryAllocationShards();
        var settings = Settings(images: 3);
        await using var pool = Pool(shards, settings, clock);

        var wednesday = await DrawManyAsync(pool, 4);
        Assert.Equal(3, wednesday.Count(d => d.Refusal is null));
        Assert.Contains("DAILY_IMAGE_BUDGET", wednesday.Single(d => d.Refusal is not null).Refusal, StringComparison.Ordinal);
        wednesday.Where(d => d.Refusal is null).Take(2).ToList().ForEach(d => d.Settle(OneImage)); // two described
        wednesday.Where(d => d.Refusal is null).Skip(2).Single().Settle(GrantAmount.Zero); // one never claimed

        clock.Advance(TimeSpan.FromSeconds(31)); // 2026-11-26 00:00:01 UTC
        var thursday = await DrawManyAsync(pool, 4);
        await Waiting.WaitUntilAsync(() => shards.Totals(Wednesday).Leases == 0, TimeSpan.FromSeconds(30), "Wednesday's leases to be given back");

        Assert.Equal(3, thursday.Count(d => d.Refusal is null));
        Assert.Equal(new GrantAmount(2, 0), shards.Totals(Wednesday).Granted); // the unclaimed one came back
        Assert.Equal(new GrantAmount(3, 0), shards.Totals(Thursday).Granted);
        Assert.Equal(GrantAmount.Zero, shards.Totals(Wednesday).Lapsed);
    }

    [Fact]
    public async Task LapsedLease_OfACrashedInstance_IsWrittenOff_NeverLeasedAgain()
    {
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var shards = new InMemoryAllocationShards();
        var settings = Settings(images: 10);
        // The crashed instance's clock never moves again, so it never gives anything back.
        var crashed = Pool(shards, settings, new FakeTimeProvider(start));
        var drawn = await DrawManyAsync(crashed, 4);
        Assert.All(drawn, d => Assert.Null(d.Refusal));
        var leasedByCrashed = shards.Totals(Wednesday).Granted;
        Assert.InRange(leasedByCrashed.Images, 4, 10);

        var clock = new FakeTimeProvider(start);
        await using var survivor = Pool(shards, settings, clock);
        var beforeLapse = await DrawManyAsync(survivor, 12);
        Assert.Equal(10 - leasedByCrashed.Images, beforeLapse.Count(d => d.Refusal is null));
        foreach (var draw in beforeLapse.Where(d => d.Refusal is null))
        {
            draw.Settle(OneImage);
        }

        // 45 s on, the survivor gives back its spent leases; the crashed instance's stay out.
        clock.Advance(TimeSpan.FromSeconds(45));
        await Waiting.WaitUntilAsync(() => shards.Totals(Wednesday).Outstanding == leasedByCrashed, TimeSpan.FromSeconds(30), "the survivor to give its spent leases back");
        // Past the crashed lease's expiry (60 s): it is dropped and written off, and nothing comes back.
        clock.Advance(TimeSpan.FromSeconds(16));
        var afterLapse = await DrawManyAsync(survivor, 3);

        Assert.All(afterLapse, d => Assert.NotNull(d.Refusal));
        var totals = shards.Totals(Wednesday, clock.GetUtcNow());
        Assert.Equal(new GrantAmount(10, 0), totals.Granted);
        Assert.Equal(leasedByCrashed, totals.Lapsed);
        Assert.True(totals.Granted.Images <= settings.Spend.DailyImageBudget, "the sum granted never passes the budget");
    }

    [Fact]
    public async Task DisposeAsync_GivesBackWhatNoAdmissionHolds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var shards = new InMemoryAllocationShards();
        var settings = Settings(images: 100);
        var pool = Pool(shards, settings, clock);
        // A steady rate first, so the next lease prefetches beyond the admission waiting.
        for (var i = 0; i < 5; i++)
        {
            (await pool.DrawAsync(OneImage, CancellationToken.None)).Settle(OneImage);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(pool.Held.Images > 0, "a lease sized from the recent rate holds more than the admission in hand");

        await pool.DisposeAsync();

        var totals = shards.Totals(Wednesday);
        Assert.Equal((new GrantAmount(5, 0), 0), (totals.Granted, totals.Leases));
    }

    private static async Task<GrantDraw[]> DrawManyAsync(GrantPool pool, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => pool.DrawAsync(OneImage, CancellationToken.None)));
}
