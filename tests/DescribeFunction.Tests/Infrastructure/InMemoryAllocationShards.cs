using System.Globalization;
using DescribeFunction.Spending.Grants;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>Allocation shards in memory with the same compare-and-set rule as the Firestore ones: a write needs the version read.</summary>
internal sealed class InMemoryAllocationShards : IAllocationShards
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(DateOnly Day, int Shard), (AllocationShard State, int Version)> _shards = [];

    /// <summary>Writes that lost their race, and all writes.</summary>
    public int Conflicts { get; private set; }

    public int Writes { get; private set; }

    public Task<IReadOnlyList<StoredShard>> ReadAllAsync(DateOnly day, int count, Func<int, GrantAmount> capacity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredShard>>([.. Enumerable.Range(0, count).Select(i => Read(day, i, capacity(i)))]);

    public Task<StoredShard> ReadAsync(DateOnly day, int shard, GrantAmount capacity, CancellationToken cancellationToken) =>
        Task.FromResult(Read(day, shard, capacity));

    public Task<bool> TryWriteAsync(DateOnly day, StoredShard read, AllocationShard state, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var current = _shards.TryGetValue((day, read.Index), out var found) ? found.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (current != read.Version)
            {
                Conflicts++;
                return Task.FromResult(false);
            }

            Writes++;
            _shards[(day, read.Index)] = (state, found.Version + 1);
            return Task.FromResult(true);
        }
    }

    /// <summary>The day's totals over every shard written, leases expired by <paramref name="now"/> counted as lapsed.</summary>
    public AllocationTotals Totals(DateOnly day, DateTimeOffset? now = null)
    {
        lock (_lock)
        {
            return _shards.Where(s => s.Key.Day == day).Aggregate(AllocationTotals.None, (sum, s) => sum.Add(s.Value.State.DropLapsed(now ?? DateTimeOffset.MinValue)));
        }
    }

    private StoredShard Read(DateOnly day, int shard, GrantAmount capacity)
    {
        lock (_lock)
        {
            return _shards.TryGetValue((day, shard), out var found)
                ? new StoredShard(shard, found.State, found.Version.ToString(CultureInfo.InvariantCulture))
                : new StoredShard(shard, AllocationShard.Empty(capacity), null);
        }
    }
}
