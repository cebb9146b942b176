using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// <see cref="IUsageLedger"/> on Firestore: lists the day's shard documents and sums them. Listing (rather than
/// getting shards 0 to N−1) also counts shards written under a larger <c>USAGE_SHARDS</c> earlier in the day. Each
/// shard is one billed read, and <see cref="Spending.BudgetGate"/> reads at most once per <c>BUDGET_REFRESH</c>.
/// </summary>
public sealed class FirestoreUsageLedger(FirestoreClient firestore, LedgerSettings settings) : IUsageLedger
{
    public async Task<DailyUsage> ReadAsync(DateOnly day, string model, CancellationToken cancellationToken)
    {
        try
        {
            var shards = await firestore.ListAsync(UsageLedgerDocuments.ShardsPath(settings.FirestoreUsageCollection, day, model), cancellationToken);
            return shards.Aggregate(DailyUsage.None, (sum, shard) => sum + UsageLedgerDocuments.Read(shard.Fields));
        }
        catch (FirestoreException e)
        {
            throw new DescriptionStoreException(e.Message, e.IsTransient, e);
        }
    }
}
