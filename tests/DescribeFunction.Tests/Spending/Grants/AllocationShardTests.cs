using DescribeFunction.Spending.Grants;

namespace DescribeFunction.Tests.Spending.Grants;

public sealed class AllocationShardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offer_NearlySpent_GivesTheDemandAndNoPrefetch()
    {
        var shard = AllocationShard.Empty(new GrantAmount(100, 0)).Lease("a", new GrantAmount(97, 0), Now.AddMinutes(1));

        Assert.Equal(new GrantAmount(2, 0), shard.Offer(new GrantAmount(2, 0), new GrantAmount(50, 0)));
        Assert.Equal(new GrantAmount(3, 0), shard.Offer(new GrantAmount(9, 0), GrantAmount.Zero));
    }

    [Fact]
    public void Offer_PlentyLeft_AddsThePrefetchUpToAQuarterOfWhatRemains()
    {
        var shard = AllocationShard.Empty(new GrantAmount(100, 1_000_000));

        Assert.Equal(new GrantAmount(1 + 20, 9_000 + 50_000), shard.Offer(new GrantAmount(1, 9_000), new GrantAmount(20, 50_000)));
        Assert.Equal(new GrantAmount(1 + 25, 9_000), shard.Offer(new GrantAmount(1, 9_000), new GrantAmount(400, 0)));
    }

    [Fact]
    public void Return_GivesBackTheUnusedPart_AndALapsedLeaseGivesNothing()
    {
        var shard = AllocationShard.Empty(new GrantAmount(10, 0))
            .Lease("live", new GrantAmount(4, 0), Now.AddMinutes(1))
            .Lease("dead", new GrantAmount(3, 0), Now.AddSeconds(-1));

        var swept = shard.DropLapsed(Now);
        var returned = swept.Return("live", new GrantAmount(3, 0)).Return("dead", new GrantAmount(3, 0));

        Assert.Equal((new GrantAmount(4, 0), new GrantAmount(3, 0), 0), (returned.Granted, returned.Lapsed, returned.Leases.Count));
        Assert.Equal(new GrantAmount(6, 0), returned.Remaining);
        Assert.Throws<InvalidOperationException>(() => returned.Lease("greedy", new GrantAmount(7, 0), Now));
    }

    [Fact]
    public void ShareOf_SplitsTheBudgetExactlyOverTheShards()
    {
        var budget = new GrantAmount(25, 1_000_003);

        var shares = Enumerable.Range(0, 16).Select(i => budget.ShareOf(i, 16)).ToArray();

        Assert.Equal(budget, shares.Aggregate(GrantAmount.Zero, (sum, s) => sum + s));
        Assert.Equal(new GrantAmount(2, 62_501), shares[0]);
        Assert.Equal(new GrantAmount(1, 62_500), shares[15]);
    }
}
