using DescribeFunction.Configuration;
using DescribeFunction.Spending;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static DescribeFunction.Tests.Spending.Grants.TokenEstimatorTests;

namespace DescribeFunction.Tests.Spending.Grants;

/// <summary>
/// <c>DAILY_TOKEN_BUDGET</c> alone in strict mode, on a hand-moved clock: each admission reserves its estimate, and
/// settling gives back what the call did not use.
/// </summary>
public sealed class StrictTokenBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Wednesday = new(2026, 11, 25);

    /// <summary>A 384 px image is one tile: 258, the prompt's 300 and the 1000-token output cap.</summary>
    private const long Reservation = 258 + 300 + 1_000;
    private const long Budget = (3 * Reservation) + (Reservation / 2);

    /// <summary>What each call really used: 800 tokens, well under its reservation.</summary>
    private static readonly DailyUsage Used = DailyUsage.Described(inputTokens: 560, outputTokens: 240);

    private static FunctionSettings TokenSettings() => new()
    {
        Model = Settings().Model,
        Spend = new() { DailyTokenBudget = Budget, GrantShards = 1, BudgetRefresh = TimeSpan.FromSeconds(5) },
    };

    [Fact]
    public async Task AdmitAsync_TokenBudgetOnly_ReservesEachEstimate_AndSettlingGivesBackTheUnusedPart()
    {
        var clock = new FakeTimeProvider(Noon);
        var shards = new InMemoryAllocationShards();
        await using var pool = Pool(shards, clock);
        var gate = Gate(pool);

        var first = await AdmitUntilRefusedAsync(gate);

        Assert.InRange(first.Admitted.Count, 1, 3);
        Assert.Contains("DAILY_TOKEN_BUDGET", first.Refusal, StringComparison.Ordinal);
        var reserved = shards.Totals(Wednesday).Granted.Tokens - pool.Held.Tokens;
        Assert.Equal(first.Admitted.Count * Reservation, reserved); // each admission holds exactly its estimate
        Assert.Equal(0, shards.Totals(Wednesday).Granted.Images); // no image budget: no images leased

        foreach (var admission in first.Admitted)
        {
            admission.Recorded(Used);
            admission.Dispose();
        }

        // Past the leases' use, the pool gives them back: the allocation keeps only what the calls used.
        clock.Advance(TimeSpan.FromSeconds(41));
        await Waiting.WaitUntilAsync(() => shards.Totals(Wednesday).Leases == 0, TimeSpan.FromSeconds(30), "the settled leases to be given back");
        Assert.Equal(first.Admitted.Count * Used.Tokens, shards.Totals(Wednesday).Granted.Tokens);

        var second = await AdmitUntilRefusedAsync(gate);

        Assert.NotEmpty(second.Admitted); // what the first calls did not use admits more
        Assert.Contains("DAILY_TOKEN_BUDGET", second.Refusal, StringComparison.Ordinal);
        var usedAndReserved = (first.Admitted.Count * Used.Tokens) + (second.Admitted.Count * Reservation);
        Assert.True(usedAndReserved <= Budget, $"{usedAndReserved} tokens used or reserved against a budget of {Budget}");
        Assert.True(shards.Totals(Wednesday).Granted.Tokens <= Budget, "the allocation never grants past the budget");
    }

    [Fact]
    public async Task AdmitAsync_AdmissionNeverClaimed_GivesTheWholeReservationBack()
    {
        var clock = new FakeTimeProvider(Noon);
        var shards = new InMemoryAllocationShards();
        await using var pool = Pool(shards, clock);
        var gate = Gate(pool);

        var admission = await gate.AdmitAsync(Event, CancellationToken.None);
        Assert.Null(admission.Refusal);
        admission.Dispose(); // the claim found the version already described: the model was never called

        clock.Advance(TimeSpan.FromSeconds(41));
        await Waiting.WaitUntilAsync(() => shards.Totals(Wednesday).Leases == 0, TimeSpan.FromSeconds(30), "the unused lease to be given back");
        Assert.Equal(GrantAmount.Zero, shards.Totals(Wednesday).Granted);
    }

    private static GrantPool Pool(InMemoryAllocationShards shards, TimeProvider clock) =>
        new(new GrantAllocator(shards, TokenSettings().Spend, clock), TokenSettings().Spend, clock, NullLogger<GrantPool>.Instance);

    private static StrictBudgetGate Gate(GrantPool pool) =>
        new(pool, Estimator(StorageHandler.Answering(PngHeader(384, 384)), TokenSettings()), TokenSettings().Spend);

    /// <summary>Admits one call after another, each holding its reservation, until one is refused (at most ten).</summary>
    private static async Task<(List<BudgetAdmission> Admitted, string? Refusal)> AdmitUntilRefusedAsync(StrictBudgetGate gate)
    {
        var admitted = new List<BudgetAdmission>();
        for (var i = 0; i < 10; i++)
        {
            var admission = await gate.AdmitAsync(Event, CancellationToken.None);
            if (admission.Refusal is not null)
            {
                return (admitted, admission.Refusal);
            }

            admission.Claimed();
            admitted.Add(admission);
        }

        return (admitted, null);
    }
}
