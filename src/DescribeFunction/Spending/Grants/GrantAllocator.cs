using System.Security.Cryptography;
using DescribeFunction.Configuration;
using DescribeFunction.Store;

namespace DescribeFunction.Spending.Grants;

/// <summary>
/// Leases blocks of grants from the day's allocation shards and takes back what was not used, each by a
/// compare-and-set on one shard document, so the sum leased over every instance never passes the budget.
/// </summary>
public sealed class GrantAllocator(IAllocationShards shards, SpendSettings settings, TimeProvider clock)
{
    private const int Rounds = 10;
    private const int TriesPerRound = 3;

    private readonly string _instance = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private long _leases;

    /// <summary>The day's budget; a dimension without one is zero (nothing is leased for it).</summary>
    public GrantAmount Budget { get; } = new(settings.DailyImageBudget ?? 0, settings.DailyTokenBudget ?? 0);

    /// <summary>
    /// Leases of at least <paramref name="need"/> (one admission's) and together at most the <paramref name="demand"/>
    /// waiting plus <paramref name="prefetch"/>, from one shard or several; or, when no shard has <paramref name="need"/>
    /// left, which budget is spent.
    /// </summary>
    /// <exception cref="DescriptionStoreException">Firestore failed, or every try lost its race.</exception>
    public async Task<LeaseOutcome> LeaseAsync(DateOnly day, GrantAmount need, GrantAmount demand, GrantAmount prefetch, TimeSpan duration, CancellationToken cancellationToken)
    {
        for (var round = 0; round < Rounds; round++)
        {
            var read = await shards.ReadAllAsync(day, settings.GrantShards, Capacity, cancellationToken);
            var now = clock.GetUtcNow();
            var open = read.Select(s => (Read: s, State: Current(s, now))).Where(s => s.State.Remaining.Covers(need)).ToArray();
            if (open.Length == 0)
            {
                var left = read.Aggregate(GrantAmount.Zero, (sum, s) => sum + Current(s, now).Remaining);
                return LeaseOutcome.Spent(left.Images < need.Images ? SpentDimension.Images : SpentDimension.Tokens);
            }

            if (round > 0)
            {
                // Lost every race last round: let the winners' writes settle before reading again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * round)), clock, cancellationToken);
            }

            Random.Shared.Shuffle(open);
            // One round goes on to further shards while the demand is not met, so a budget split thin over many
            // shards (each with a grant or two left) still serves a burst in one round.
            var leased = new List<HeldLease>();
            var wanted = GrantAmount.Max(demand, need);
            foreach (var (shard, state) in open)
            {
                var offer = state.Offer(wanted, leased.Count == 0 ? prefetch : GrantAmount.Zero);
                if (!offer.Covers(need) || (leased.Count > 0 && leased.Count >= TriesPerRound * 2))
                {
                    break;
                }

                var id = $"{_instance}-{Interlocked.Increment(ref _leases)}";
                var expiresAt = now + duration;
                if (await shards.TryWriteAsync(day, shard, state.Lease(id, offer, expiresAt), cancellationToken))
                {
                    leased.Add(new HeldLease(day, shard.Index, id, offer, expiresAt));
                    wanted = (wanted - offer).AtLeastZero;
                    if (!wanted.Covers(need) || wanted.IsZero)
                    {
                        break;
                    }
                }
            }

            if (leased.Count > 0)
            {
                return LeaseOutcome.Leased(leased);
            }
        }

        throw new DescriptionStoreException($"Every try to lease grants from the {settings.GrantShards} allocation shards (GRANT_SHARDS) lost its race; too many instances contend for too few shards.", isTransient: true);
    }

    /// <summary>Ends a lease, giving back <paramref name="unused"/>; a lease that lapsed meanwhile gives nothing back.</summary>
    public async Task ReturnAsync(HeldLease lease, GrantAmount unused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        for (var attempt = 0; attempt < Rounds * TriesPerRound; attempt++)
        {
            var read = await shards.ReadAsync(lease.Day, lease.Shard, Capacity(lease.Shard), cancellationToken);
            var returned = read.State.Return(lease.Id, unused);
            if (ReferenceEquals(returned, read.State))
            {
                return; // it lapsed and was written off
            }

            if (await shards.TryWriteAsync(lease.Day, read, returned.WithCapacity(Capacity(lease.Shard)).DropLapsed(clock.GetUtcNow()), cancellationToken))
            {
                return;
            }
        }

        throw new DescriptionStoreException($"Giving back the unused grants of lease {lease.Id} lost its race every time.", isTransient: true);
    }

    /// <summary>
    /// The day's allocation summed over its shards: what was granted, what is out on live leases, and what was
    /// written off with leases that lapsed (dropped yet or not).
    /// </summary>
    public async Task<AllocationTotals> ReadTotalsAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var read = await shards.ReadAllAsync(day, settings.GrantShards, Capacity, cancellationToken);
        var now = clock.GetUtcNow();
        return read.Aggregate(AllocationTotals.None, (sum, s) => sum.Add(s.State.DropLapsed(now)));
    }

    private GrantAmount Capacity(int shard) => Budget.ShareOf(shard, settings.GrantShards);

    private AllocationShard Current(StoredShard shard, DateTimeOffset now) => shard.State.WithCapacity(Capacity(shard.Index)).DropLapsed(now);
}

public enum SpentDimension
{
    Images,
    Tokens,
}

/// <summary>What <see cref="GrantAllocator.LeaseAsync"/> got: a lease, or which budget has nothing left.</summary>
public sealed record LeaseOutcome(IReadOnlyList<HeldLease> Leases, SpentDimension? SpentBudget)
{
    public static LeaseOutcome Leased(IReadOnlyList<HeldLease> leases) => new(leases, null);

    public static LeaseOutcome Spent(SpentDimension dimension) => new([], dimension);
}

/// <summary>A lease this instance holds: which day and shard, its id there, what it got and until when.</summary>
public sealed record HeldLease(DateOnly Day, int Shard, string Id, GrantAmount Amount, DateTimeOffset ExpiresAt);

/// <summary>The allocation's totals for a day: capacity, granted (used, out on leases or lapsed), out on leases, lapsed.</summary>
public sealed record AllocationTotals(GrantAmount Capacity, GrantAmount Granted, GrantAmount Outstanding, GrantAmount Lapsed, int Leases)
{
    public static AllocationTotals None => new(GrantAmount.Zero, GrantAmount.Zero, GrantAmount.Zero, GrantAmount.Zero, 0);

    public AllocationTotals Add(AllocationShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new(Capacity + shard.Capacity, Granted + shard.Granted, Outstanding + shard.Outstanding, Lapsed + shard.Lapsed, Leases + shard.Leases.Count);
    }
}
