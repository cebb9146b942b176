using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Store;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// The day's line of the usage ledger (what was spent), and in strict mode the allocation's (what was granted), as
/// <c>describe</c> and <c>serve</c> print them when they finish.
/// </summary>
internal static class UsagePrinter
{
    /// <param name="function">The in-process function's services; null reads the ledger with the default settings.</param>
    public static async Task<string> TodayAsync(IServiceProvider? function, FirestoreClient documents, CancellationToken cancellationToken)
    {
        var settings = function?.GetRequiredService<FunctionSettings>() ?? new FunctionSettings();
        var ledger = function?.GetRequiredService<IUsageLedger>() ?? new FirestoreUsageLedger(documents, settings.Ledger);
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        try
        {
            var usage = await ledger.ReadAsync(day, settings.Model.DescribeModel, cancellationToken);
            var line = Line(day, settings, usage);
            if (settings.Spend.BudgetMode != BudgetMode.Strict || (settings.Spend.DailyImageBudget is null && settings.Spend.DailyTokenBudget is null))
            {
                return line;
            }

            var allocator = function?.GetService<GrantAllocator>() ?? new GrantAllocator(new FirestoreAllocationShards(documents, settings.Ledger, settings.Model), settings.Spend, TimeProvider.System);
            return line + Environment.NewLine + GrantedLine(day, settings, await allocator.ReadTotalsAsync(day, cancellationToken));
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
            Usage today ({day:yyyy-MM-dd} UTC, {settings.Model.DescribeModel}; ledger {UsageLedgerDocuments.ShardsPath(settings.Ledger.FirestoreUsageCollection, day, settings.Model.DescribeModel)}):
              {usage.Images:N0} images of {Limit(settings.Spend.DailyImageBudget)}, {usage.Tokens:N0} tokens of {Limit(settings.Spend.DailyTokenBudget)} ({usage.InputTokens:N0} input, {usage.OutputTokens:N0} output), {usage.Failed:N0} failed, {usage.Deferred:N0} deferred
            """);
    }

    public static string GrantedLine(DateOnly day, FunctionSettings settings, AllocationTotals totals)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(totals);
        return string.Create(CultureInfo.InvariantCulture, $"""
            Granted today (BUDGET_MODE=strict; allocation {AllocationDocuments.GrantsPath(settings.Ledger.FirestoreUsageCollection, settings.Model.DescribeModel, day)}):
              {totals.Granted.Images:N0} images of {Limit(settings.Spend.DailyImageBudget)}, {totals.Granted.Tokens:N0} tokens of {Limit(settings.Spend.DailyTokenBudget)}; {totals.Outstanding.Images:N0} images and {totals.Outstanding.Tokens:N0} tokens out on {totals.Leases:N0} leases, {totals.Lapsed.Images:N0} images and {totals.Lapsed.Tokens:N0} tokens written off with lapsed leases
            """);
    }

    private static string Limit(long? budget) => budget is { } limit ? limit.ToString("N0", CultureInfo.InvariantCulture) + " (budget)" : "no budget";
}
