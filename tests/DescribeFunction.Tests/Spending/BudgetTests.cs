using DescribeFunction.Configuration;
using DescribeFunction.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Functions;
using DescribeFunction.Tests.Local.Metadata;
using static DescribeFunction.Tests.Functions.DescribeImageFunctionTests;

namespace DescribeFunction.Tests.Spending;

/// <summary>The daily budgets through the function itself, on an in-memory store and ledger and a hand-moved clock.</summary>
public class BudgetTests
{
    private static ScriptedDescriber Describer() => new(_ => ScriptedDescriber.Text("A described image.") with { InputTokens = 300, OutputTokens = 40 });

    [Fact]
    public async Task HandleAsync_ImageBudgetSpent_RecordsDeferredAndAcknowledges()
    {
        var describer = Describer();
        var (function, store) = Create(describer, new FunctionSettings { Spend = new() { DailyImageBudget = 2 } }, new ManualClock());

        var outcomes = new List<EventOutcome>();
        foreach (var name in new[] { "a.jpg", "b.jpg", "c.jpg" })
        {
            outcomes.Add(await function.HandleAsync(Event(name), CancellationToken.None));
        }

        Assert.Equal([EventOutcome.Recorded, EventOutcome.Recorded, EventOutcome.Recorded], outcomes);
        Assert.Equal(2, describer.Calls);
        var deferred = store.Get("c.jpg")!;
        Assert.Equal((DescriptionStatus.Deferred, "budget-exceeded", 0), (deferred.Status, deferred.ErrorCode, deferred.Attempts));
        Assert.Contains("DAILY_IMAGE_BUDGET", deferred.ErrorMessage, StringComparison.Ordinal);
        var usage = await store.ReadAsync(new DateOnly(2026, 11, 25), "any", CancellationToken.None);
        Assert.Equal(new DailyUsage(2, 600, 80, 0, 1), usage);
    }

    [Fact]
    public async Task HandleAsync_NewUtcDay_LiftsTheBudget()
    {
        var clock = new ManualClock();
        clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1)); // 2026-11-25 23:59:59 UTC
        var describer = Describer();
        // A reading an hour fresh still ends with its day.
        var (function, store) = Create(describer, new FunctionSettings { Spend = new() { DailyImageBudget = 1, BudgetRefresh = TimeSpan.FromHours(1) } }, clock);
        await function.HandleAsync(Event("monday-1.jpg"), CancellationToken.None);
        await function.HandleAsync(Event("monday-2.jpg"), CancellationToken.None);
        Assert.Equal(DescriptionStatus.Deferred, store.Get("monday-2.jpg")!.Status);

        clock.Advance(TimeSpan.FromSeconds(1)); // 2026-11-26 00:00 UTC
        var redelivered = await function.HandleAsync(Event("monday-2.jpg", id: "evt-again"), CancellationToken.None);
        var tuesday = await function.HandleAsync(Event("tuesday-1.jpg"), CancellationToken.None);

        // A deferred version is claimable again once the budget allows, and its deferral was no attempt.
        Assert.Equal(EventOutcome.Recorded, redelivered);
        Assert.Equal((DescriptionStatus.Done, 1), (store.Get("monday-2.jpg")!.Status, store.Get("monday-2.jpg")!.Attempts));
        Assert.Equal((EventOutcome.Recorded, DescriptionStatus.Deferred), (tuesday, store.Get("tuesday-1.jpg")!.Status));
        Assert.Equal(new DailyUsage(1, 300, 40, 0, 1), await store.ReadAsync(new DateOnly(2026, 11, 26), "any", CancellationToken.None));
        Assert.Equal(new DailyUsage(1, 300, 40, 0, 1), await store.ReadAsync(new DateOnly(2026, 11, 25), "any", CancellationToken.None));
        Assert.Equal(2, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_TokenBudgetSpent_DefersTheNextImage()
    {
        var describer = Describer();
        var (function, store) = Create(describer, new FunctionSettings { Spend = new() { DailyTokenBudget = 500 } }, new ManualClock());

        await function.HandleAsync(Event("first.jpg"), CancellationToken.None);
        await function.HandleAsync(Event("second.jpg"), CancellationToken.None);
        await function.HandleAsync(Event("third.jpg"), CancellationToken.None);

        // 340 tokens counted after the first, under 500: the second is let in and takes the day past its budget.
        Assert.Equal(DescriptionStatus.Done, store.Get("second.jpg")!.Status);
        var third = store.Get("third.jpg")!;
        Assert.Equal(DescriptionStatus.Deferred, third.Status);
        Assert.Contains("DAILY_TOKEN_BUDGET", third.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DuplicateOfADeferredVersion_IsCountedOnce()
    {
        var (function, store) = Create(Describer(), new FunctionSettings { Spend = new() { DailyImageBudget = 0 } }, new ManualClock());

        var first = await function.HandleAsync(Event("x.jpg"), CancellationToken.None);
        var duplicate = await function.HandleAsync(Event("x.jpg", id: "evt-dup"), CancellationToken.None);

        Assert.Equal((EventOutcome.Recorded, EventOutcome.Ignored), (first, duplicate));
        Assert.Equal(1, (await store.ReadAsync(new DateOnly(2026, 11, 25), "any", CancellationToken.None)).Deferred);
    }

    [Fact]
    public async Task HandleAsync_Burst_ReadsTheLedgerOncePerRefresh()
    {
        var clock = new ManualClock();
        var (function, store) = Create(Describer(), new FunctionSettings { Spend = new() { DailyImageBudget = 1000, BudgetRefresh = TimeSpan.FromSeconds(5) } }, clock);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => function.HandleAsync(Event($"burst-{i}.jpg"), CancellationToken.None)));
        var afterBurst = store.LedgerReads;
        clock.Advance(TimeSpan.FromSeconds(5));
        await function.HandleAsync(Event("later.jpg"), CancellationToken.None);

        Assert.Equal((1, 2), (afterBurst, store.LedgerReads));
    }

    [Fact]
    public async Task HandleAsync_NoBudget_NeverReadsTheLedger()
    {
        var (function, store) = Create(Describer(), new FunctionSettings(), new ManualClock());

        await function.HandleAsync(Event("free.jpg"), CancellationToken.None);

        Assert.Equal(0, store.LedgerReads);
        Assert.Equal(1, (await store.ReadAsync(new DateOnly(2026, 11, 25), "any", CancellationToken.None)).Images);
    }

    [Fact]
    public async Task HandleAsync_ConcurrentBurst_OneInstanceNeverPassesTheImageBudget()
    {
        var (function, store) = Create(Describer(), new FunctionSettings { Spend = new() { DailyImageBudget = 50 }, Admission = new() { MaxConcurrentDescribes = 500 } }, new ManualClock());

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => function.HandleAsync(Event($"many-{i}.jpg"), CancellationToken.None))));

        var statuses = store.All().GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(50, statuses[DescriptionStatus.Done]);
        Assert.Equal(150, statuses[DescriptionStatus.Deferred]);
    }
}
