using System.Collections.Immutable;
using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Spending.Grants;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// Where strict mode's allocation lives: <c>{FIRESTORE_USAGE_COLLECTION}/{YYYY-MM-DD}_{model}/grants/{0..GRANT_SHARDS-1}</c>,
/// beside the ledger's <c>shards</c>. Each document holds <c>capacity</c>, <c>granted</c> and <c>lapsed</c>
/// {<c>images</c>, <c>tokens</c>}, <c>leases</c> {id: {<c>images</c>, <c>tokens</c>, <c>expiresAt</c>}}, and
/// <c>writes</c>, how many times the document was written (to see how hot a shard runs).
/// </summary>
public static class AllocationDocuments
{
    public const string GrantsCollection = "grants";

    public static string GrantsPath(string usageCollection, string model, DateOnly day) =>
        $"{usageCollection}/{UsageLedgerDocuments.DayId(day, model)}/{GrantsCollection}";

    public static string ShardId(int shard) => shard.ToString(CultureInfo.InvariantCulture);

    public const string WritesField = "writes";

    public static DocumentFields Write(AllocationShard shard, long writes)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var leases = new DocumentFields();
        foreach (var (id, lease) in shard.Leases.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            leases.Set(id, Amount(lease.Amount).Set("expiresAt", lease.ExpiresAt));
        }

        return new DocumentFields()
            .Set("capacity", Amount(shard.Capacity))
            .Set("granted", Amount(shard.Granted))
            .Set("lapsed", Amount(shard.Lapsed))
            .Set("leases", leases)
            .Set(WritesField, writes);
    }

    public static AllocationShard Read(DocumentFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var leases = ImmutableDictionary.CreateBuilder<string, ShardLease>(StringComparer.Ordinal);
        foreach (var (id, value) in fields.GetMap("leases") ?? new DocumentFields())
        {
            var lease = (DocumentFields)value!;
            leases[id] = new ShardLease(Amount(lease), lease.GetTimestamp("expiresAt") ?? DateTimeOffset.MinValue);
        }

        return new AllocationShard(Amount(fields.GetMap("capacity")), Amount(fields.GetMap("granted")), Amount(fields.GetMap("lapsed")), leases.ToImmutable());
    }

    /// <summary>How many times the document was written; zero for one never written.</summary>
    public static long Writes(DocumentFields? fields) => fields?.GetInt64(WritesField) ?? 0;

    private static DocumentFields Amount(GrantAmount amount) => new DocumentFields().Set("images", amount.Images).Set("tokens", amount.Tokens);

    private static GrantAmount Amount(DocumentFields? map) => new(map?.GetInt64("images") ?? 0, map?.GetInt64("tokens") ?? 0);
}
