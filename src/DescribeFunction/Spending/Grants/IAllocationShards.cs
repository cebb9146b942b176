namespace DescribeFunction.Spending.Grants;

/// <summary>One allocation document as read: its state and an opaque version for the compare-and-set that follows.</summary>
/// <param name="Version">Null when the document does not exist yet (the write must then create it).</param>
public sealed record StoredShard(int Index, AllocationShard State, string? Version)
{
    /// <summary>How many times the document was written before this read, where the store counts it.</summary>
    public long Writes { get; init; }
}

/// <summary>
/// Where the allocation documents live: <c>{day}_{model}</c>, shards 0 to N−1. Every change is a compare-and-set on
/// the version read, so two instances never lease the same grants. Failures throw
/// <see cref="Store.DescriptionStoreException"/>.
/// </summary>
public interface IAllocationShards
{
    /// <summary>Shards 0 to <paramref name="count"/>−1 of the day, each with <paramref name="capacity"/>(shard) when new.</summary>
    Task<IReadOnlyList<StoredShard>> ReadAllAsync(DateOnly day, int count, Func<int, GrantAmount> capacity, CancellationToken cancellationToken);

    Task<StoredShard> ReadAsync(DateOnly day, int shard, GrantAmount capacity, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="state"/> if the shard is still at <paramref name="read"/>'s version; false when another write came first.</summary>
    Task<bool> TryWriteAsync(DateOnly day, StoredShard read, AllocationShard state, CancellationToken cancellationToken);
}
