using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// Where the usage ledger lives in Firestore: <c>{FIRESTORE_USAGE_COLLECTION}/{YYYY-MM-DD}_{model}/shards/{0..N-1}</c>,
/// the day-and-model id encoded as description ids are. The day document itself is never written (it shows in the
/// console as a missing parent); its counters are the sums over its shards, each written by <c>increment</c>
/// transforms, so a day costs no single hot document.
/// </summary>
public static class UsageLedgerDocuments
{
    public const string ShardsCollection = "shards";

    /// <summary><c>2026-12-01_google%2Fgemini-3.8-flash</c>.</summary>
    public static string DayId(DateOnly day, string model) =>
        DocumentId.FromObjectName(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_" + model);

    /// <summary>The collection path of one day's shards, for a get, a list or a write.</summary>
    public static string ShardsPath(string usageCollection, DateOnly day, string model) =>
        $"{usageCollection}/{DayId(day, model)}/{ShardsCollection}";

    /// <summary>The write that adds <paramref name="delta"/> to one shard; only the non-zero counters are sent.</summary>
    /// <param name="usageCollection">The ledger's collection (<c>FIRESTORE_USAGE_COLLECTION</c>).</param>
    /// <param name="day">The UTC day.</param>
    /// <param name="shard">The shard to add to.</param>
    /// <param name="model">The model whose day it is: the describer's, or the embedding model's.</param>
    /// <param name="delta">What to add.</param>
    public static FirestoreWrite Increment(string usageCollection, DateOnly day, int shard, string model, DailyUsage delta)
    {
        (string Field, long Amount)[] counters =
        [
            (UsageFields.Images, delta.Images), (UsageFields.InputTokens, delta.InputTokens), (UsageFields.OutputTokens, delta.OutputTokens),
            (UsageFields.Failed, delta.Failed), (UsageFields.Deferred, delta.Deferred),
        ];
        return FirestoreWrite.Increment(
            ShardsPath(usageCollection, day, model),
            shard.ToString(CultureInfo.InvariantCulture),
            counters.Where(c => c.Amount != 0).Select(c => KeyValuePair.Create(c.Field, c.Amount)));
    }

    /// <summary>One shard's counters; a counter never written reads as zero.</summary>
    public static DailyUsage Read(DocumentFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new DailyUsage(
            fields.GetInt64(UsageFields.Images) ?? 0,
            fields.GetInt64(UsageFields.InputTokens) ?? 0,
            fields.GetInt64(UsageFields.OutputTokens) ?? 0,
            fields.GetInt64(UsageFields.Failed) ?? 0,
            fields.GetInt64(UsageFields.Deferred) ?? 0);
    }
}
