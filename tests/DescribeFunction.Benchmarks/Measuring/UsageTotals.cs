using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;

namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>
/// What a stretch of a benchmark spent, as the function itself counted it: today's usage ledger for the describe
/// model and for the embedding model (images and tokens, summed over the shards), and the texts the embedding
/// stand-in was asked to embed. Read before and after, the difference is the stretch's own.
/// </summary>
internal readonly record struct UsageTotals(DailyUsage Described, DailyUsage Embedded, long EmbeddedTexts, long EmbeddedCharacters)
{
    public static async Task<UsageTotals> ReadAsync(FirestoreClient documents, LocalEnvironment environment, IReadOnlyDictionary<string, string> extraSettings, CancellationToken cancellationToken)
    {
        var defaults = new FunctionSettings();
        var collection = extraSettings.GetValueOrDefault("FIRESTORE_USAGE_COLLECTION", defaults.Ledger.FirestoreUsageCollection);
        var describeModel = extraSettings.GetValueOrDefault("DESCRIBE_MODEL", defaults.Model.DescribeModel);
        var embeddingModel = extraSettings.GetValueOrDefault("EMBEDDING_MODEL", LocalEnvironment.DefaultEmbeddingModel);
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var texts = DescriberStandIn.GetLog(environment.Describer).Embeddings;
        return new UsageTotals(
            await SumAsync(documents, UsageLedgerDocuments.ShardsPath(collection, day, describeModel), cancellationToken),
            await SumAsync(documents, UsageLedgerDocuments.ShardsPath(collection, day, embeddingModel), cancellationToken),
            texts.Count,
            texts.Sum(t => (long)t.Text.Length));
    }

    public static UsageTotals operator -(UsageTotals after, UsageTotals before) => new(
        Minus(after.Described, before.Described), Minus(after.Embedded, before.Embedded),
        after.EmbeddedTexts - before.EmbeddedTexts, after.EmbeddedCharacters - before.EmbeddedCharacters);

    public static UsageTotals operator +(UsageTotals a, UsageTotals b) => new(
        a.Described + b.Described, a.Embedded + b.Embedded, a.EmbeddedTexts + b.EmbeddedTexts, a.EmbeddedCharacters + b.EmbeddedCharacters);

    public UsageTotals Subtract(UsageTotals other) => this - other;

    public UsageTotals Add(UsageTotals other) => this + other;

    private static DailyUsage Minus(DailyUsage a, DailyUsage b) =>
        new(a.Images - b.Images, a.InputTokens - b.InputTokens, a.OutputTokens - b.OutputTokens, a.Failed - b.Failed, a.Deferred - b.Deferred);

    private static async Task<DailyUsage> SumAsync(FirestoreClient documents, string shards, CancellationToken cancellationToken) =>
        (await documents.ListAsync(shards, cancellationToken)).Aggregate(DailyUsage.None, (sum, shard) => sum + UsageLedgerDocuments.Read(shard.Fields));
}
