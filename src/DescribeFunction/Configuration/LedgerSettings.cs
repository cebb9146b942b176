namespace DescribeFunction.Configuration;

/// <summary>The usage ledger: one document per UTC day and model, its counters in <see cref="UsageShards"/> shards.</summary>
public sealed record LedgerSettings
{
    public string FirestoreUsageCollection { get; init; } = "describeUsage";

    /// <summary>
    /// Shard documents per day and model. Each described image writes one shard, so the ledger stays under
    /// Firestore's sustained one write per second per document up to about this many images per second.
    /// </summary>
    public int UsageShards { get; init; } = 10;

    /// <summary>Reads the ledger settings; problems are reported through <paramref name="settings"/>.</summary>
    /// <param name="settings">The reader.</param>
    /// <param name="descriptions">The descriptions' collection, which the ledger must not share.</param>
    public static LedgerSettings Read(SettingsReader settings, string descriptions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new LedgerSettings();
        var ledger = new LedgerSettings
        {
            FirestoreUsageCollection = settings.GetString("FIRESTORE_USAGE_COLLECTION", defaults.FirestoreUsageCollection),
            UsageShards = settings.GetInt("USAGE_SHARDS", defaults.UsageShards, 1, 1000),
        };
        settings.Require(!ledger.FirestoreUsageCollection.Contains('/', StringComparison.Ordinal) && ledger.FirestoreUsageCollection != descriptions,
            $"The setting FIRESTORE_USAGE_COLLECTION must be a single collection id without '/', other than FIRESTORE_COLLECTION, but it is '{ledger.FirestoreUsageCollection}'.");
        return ledger;
    }
}
