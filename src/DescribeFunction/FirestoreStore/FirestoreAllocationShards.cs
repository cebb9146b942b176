using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// <see cref="IAllocationShards"/> on Firestore: a batchGet of the day's shards, and a conditional commit of one
/// shard (on the <c>updateTime</c> read, or that it does not exist yet). A lost race (FAILED_PRECONDITION,
/// ALREADY_EXISTS, ABORTED) is reported as such; the allocator reads again.
/// </summary>
public sealed class FirestoreAllocationShards(FirestoreClient firestore, LedgerSettings ledger, ModelSettings model) : IAllocationShards
{
    public async Task<IReadOnlyList<StoredShard>> ReadAllAsync(DateOnly day, int count, Func<int, GrantAmount> capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        var path = AllocationDocuments.GrantsPath(ledger.FirestoreUsageCollection, model.DescribeModel, day);
        try
        {
            var documents = await firestore.BatchGetAsync(Enumerable.Range(0, count).Select(i => (path, AllocationDocuments.ShardId(i))), cancellationToken);
            return documents.Select((document, i) => Stored(i, document, capacity(i))).ToArray();
        }
        catch (FirestoreException e)
        {
            throw new DescriptionStoreException(e.Message, e.IsTransient, e);
        }
    }

    public async Task<StoredShard> ReadAsync(DateOnly day, int shard, GrantAmount capacity, CancellationToken cancellationToken)
    {
        try
        {
            var document = await firestore.GetAsync(AllocationDocuments.GrantsPath(ledger.FirestoreUsageCollection, model.DescribeModel, day), AllocationDocuments.ShardId(shard), cancellationToken);
            return Stored(shard, document, capacity);
        }
        catch (FirestoreException e)
        {
            throw new DescriptionStoreException(e.Message, e.IsTransient, e);
        }
    }

    public async Task<bool> TryWriteAsync(DateOnly day, StoredShard read, AllocationShard state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var precondition = read.Version is { } version ? FirestorePrecondition.UpdateTime(version) : FirestorePrecondition.MustNotExist;
        var fields = AllocationDocuments.Write(state, read.Writes + 1);
        var write = FirestoreWrite.Replace(AllocationDocuments.GrantsPath(ledger.FirestoreUsageCollection, model.DescribeModel, day), AllocationDocuments.ShardId(read.Index), fields, precondition);
        try
        {
            await firestore.CommitAsync([write], cancellationToken);
            return true;
        }
        catch (FirestoreException e) when (e.Status is FirestoreStatus.FailedPrecondition or FirestoreStatus.AlreadyExists or FirestoreStatus.Aborted or FirestoreStatus.NotFound)
        {
            return false;
        }
        catch (FirestoreException e)
        {
            throw new DescriptionStoreException(e.Message, e.IsTransient, e);
        }
    }

    private static StoredShard Stored(int index, FirestoreDocument? document, GrantAmount capacity) => document is null
        ? new StoredShard(index, AllocationShard.Empty(capacity), null)
        : new StoredShard(index, AllocationDocuments.Read(document.Fields), document.UpdateTimeRaw) { Writes = AllocationDocuments.Writes(document.Fields) };
}
