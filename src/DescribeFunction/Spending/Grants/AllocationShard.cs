using System.Collections.Immutable;

namespace DescribeFunction.Spending.Grants;

/// <summary>A block of grants an instance holds until <see cref="ExpiresAt"/>, unless it gives the unused part back sooner.</summary>
public sealed record ShardLease(GrantAmount Amount, DateTimeOffset ExpiresAt);

/// <summary>
/// One allocation document: its share of the day's budget (<see cref="Capacity"/>), everything it handed out and did
/// not get back (<see cref="Granted"/>, which never passes the capacity), and the leases still out. The budget is split
/// across the shards, so the sum granted over all of them never passes the budget. A lease that lapses is dropped
/// without giving anything back (<see cref="Lapsed"/>): its holder may have used any part of it before it crashed, so
/// a crash leaves the day under budget, never over.
/// </summary>
public sealed record AllocationShard(GrantAmount Capacity, GrantAmount Granted, GrantAmount Lapsed, ImmutableDictionary<string, ShardLease> Leases)
{
    public static AllocationShard Empty(GrantAmount capacity) =>
        new(capacity, GrantAmount.Zero, GrantAmount.Zero, ImmutableDictionary<string, ShardLease>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>What may still be leased.</summary>
    public GrantAmount Remaining => (Capacity - Granted).AtLeastZero;

    /// <summary>Granted and held by a lease still out (live or lapsed but not yet dropped).</summary>
    public GrantAmount Outstanding => Leases.Values.Aggregate(GrantAmount.Zero, (sum, lease) => sum + lease.Amount);

    /// <summary>The same shard under today's budget share (an operator may change the budget during the day).</summary>
    public AllocationShard WithCapacity(GrantAmount capacity) => this with { Capacity = capacity };

    /// <summary>Drops every lease whose expiry has passed, writing its grants off as spent.</summary>
    public AllocationShard DropLapsed(DateTimeOffset now)
    {
        var lapsed = Leases.Where(l => l.Value.ExpiresAt <= now).ToArray();
        return lapsed.Length == 0
            ? this
            : this with
            {
                Lapsed = lapsed.Aggregate(Lapsed, (sum, l) => sum + l.Value.Amount),
                Leases = Leases.RemoveRange(lapsed.Select(l => l.Key)),
            };
    }

    /// <summary>
    /// How much a lease would get: the <paramref name="demand"/> of the admissions waiting, plus up to
    /// <paramref name="prefetch"/> for the ones expected soon but never more than a quarter of what is left (so blocks
    /// shrink as the budget runs out), all within what remains.
    /// </summary>
    public GrantAmount Offer(GrantAmount demand, GrantAmount prefetch) =>
        GrantAmount.Min(Remaining, demand + GrantAmount.Min(prefetch, Remaining.Quarter));

    /// <summary>Records a lease of <paramref name="amount"/> (which <see cref="Offer"/> gave) under <paramref name="leaseId"/>.</summary>
    public AllocationShard Lease(string leaseId, GrantAmount amount, DateTimeOffset expiresAt)
    {
        if (!Remaining.Covers(amount) || amount.Images < 0 || amount.Tokens < 0)
        {
            throw new InvalidOperationException($"A lease of {amount} does not fit in what remains ({Remaining}).");
        }

        return this with { Granted = Granted + amount, Leases = Leases.SetItem(leaseId, new ShardLease(amount, expiresAt)) };
    }

    /// <summary>
    /// Ends a lease, taking back <paramref name="unused"/> of it. A lease that is no longer here lapsed and was written
    /// off; nothing comes back then.
    /// </summary>
    public AllocationShard Return(string leaseId, GrantAmount unused)
    {
        if (!Leases.TryGetValue(leaseId, out var lease))
        {
            return this;
        }

        var back = GrantAmount.Min(unused.AtLeastZero, lease.Amount);
        return this with { Granted = Granted - back, Leases = Leases.Remove(leaseId) };
    }
}
