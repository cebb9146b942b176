using DescribeFunction.Configuration;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Spending.Grants;

namespace DescribeFunction.Doctor;

/// <summary>The documents a daily budget reads: today's allocation shards (strict) or usage ledger (approximate).</summary>
public static class BudgetCheck
{
    public static DoctorCheck Documents(DoctorClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var settings = clients.Settings;
        if (settings.Spend.DailyImageBudget is null && settings.Spend.DailyTokenBudget is null)
        {
            return DoctorCheck.Skipped("Budget documents", "not checked, no daily budget is set (DAILY_IMAGE_BUDGET, DAILY_TOKEN_BUDGET).");
        }

        var collection = settings.Ledger.FirestoreUsageCollection;
        return new DoctorCheck(
            $"Budget documents in {collection}",
            $"grant the function's account roles/datastore.user, and check FIRESTORE_USAGE_COLLECTION.",
            async ct =>
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                if (settings.Spend.BudgetMode == BudgetMode.Strict)
                {
                    var allocator = new GrantAllocator(new FirestoreAllocationShards(clients.Firestore(), settings.Ledger, settings.Model), settings.Spend, TimeProvider.System);
                    var totals = await allocator.ReadTotalsAsync(today, ct);
                    return $"readable (strict: {settings.Spend.GrantShards} allocation shards for {today:yyyy-MM-dd}, {totals.Granted.Images} images granted so far).";
                }

                var usage = await new FirestoreUsageLedger(clients.Firestore(), settings.Ledger).ReadAsync(today, settings.Model.DescribeModel, ct);
                return $"readable (approximate: {usage.Images} images described on {today:yyyy-MM-dd}).";
            });
    }
}
