using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// Reads the usage ledger as docs/spend.md tells a user to: list the day's shards and add up their fields. The
/// document id is built here from the documented rule, not with the function's own helper.
/// </summary>
internal static class LedgerTotals
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The sums over every shard of each day from <paramref name="since"/> to today (a test may cross midnight).</summary>
    public static Task<(DailyUsage Usage, int Shards)> SinceAsync(FirestoreClient documents, FunctionSettings settings, DateOnly since) =>
        SinceAsync(documents, settings, since, settings.Model.DescribeModel);

    /// <param name="model">The model whose days to add up, such as the embedding model.</param>
    public static async Task<(DailyUsage Usage, int Shards)> SinceAsync(FirestoreClient documents, FunctionSettings settings, DateOnly since, string model)
    {
        var usage = DailyUsage.None;
        var shards = 0;
        for (var day = since; day <= Today; day = day.AddDays(1))
        {
            var dayId = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_" + model.Replace("/", "%2F", StringComparison.Ordinal);
            foreach (var shard in await documents.ListAsync($"{settings.Ledger.FirestoreUsageCollection}/{dayId}/shards", CancellationToken.None))
            {
                var f = shard.Fields;
                usage += new DailyUsage(
                    f.GetInt64("images") ?? 0, f.GetInt64("inputTokens") ?? 0, f.GetInt64("outputTokens") ?? 0, f.GetInt64("failed") ?? 0, f.GetInt64("deferred") ?? 0);
                shards++;
            }
        }

        return (usage, shards);
    }
}
