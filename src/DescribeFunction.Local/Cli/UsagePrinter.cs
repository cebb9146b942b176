using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Documents;
using DescribeFunction.Firestore;
using DescribeFunction.Stores;

namespace DescribeFunction.Local.Cli;

/// <summary>The day's line of the usage ledger, as <c>describe</c> and <c>serve</c> print it when they finish.</summary>
internal static class UsagePrinter
{
    /// <param name="function">The in-process function's services; null reads the ledger with the default settings.</param>
    public static async Task<string> TodayAsync(IServiceProvider? function, FirestoreClient documents, CancellationToken cancellationToken)
    {
        var settings = function?.GetRequiredService<FunctionSettings>() ?? new FunctionSettings();
        var ledger = function?.GetRequiredService<IUsageLedger>() ?? new FirestoreUsageLedger(documents, settings);
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        try
        {
            var usage = await ledger.ReadAsync(day, settings.DescribeModel, cancellationToken);
            return Line(day, settings, usage);
        }
        catch (DescriptionStoreException e)
        {
            return $"Usage today: the ledger could not be read: {e.Message}";
        }
    }

    public static string Line(DateOnly day, FunctionSettings settings, DailyUsage usage)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(CultureInfo.InvariantCulture, $"""
            Usage today ({day:yyyy-MM-dd} UTC, {settings.DescribeModel}; ledger {UsageLedgerDocuments.ShardsPath(settings.FirestoreUsageCollection, day, settings.DescribeModel)}):
              {usage.Images:N0} images of {Limit(settings.DailyImageBudget)}, {usage.Tokens:N0} tokens of {Limit(settings.DailyTokenBudget)} ({usage.InputTokens:N0} input, {usage.OutputTokens:N0} output), {usage.Failed:N0} failed, {usage.Deferred:N0} deferred
            """);
    }

    private static string Limit(long? budget) => budget is { } limit ? limit.ToString("N0", CultureInfo.InvariantCulture) + " (budget)" : "no budget";
}
