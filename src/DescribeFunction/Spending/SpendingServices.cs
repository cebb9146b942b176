using DescribeFunction.Configuration;
using DescribeFunction.Spending.Grants;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Spending;

public static class SpendingServices
{
    /// <summary>The daily budget's gate: <c>strict</c> draws grants from the allocation documents, <c>approximate</c> reads the ledger.</summary>
    public static IServiceCollection AddSpending(this IServiceCollection services, SpendSettings spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        services.TryAddSingleton<BudgetGate>();
        services.TryAddSingleton<GrantAllocator>();
        services.TryAddSingleton(new GrantPoolOptions());
        services.TryAddSingleton<GrantPool>();
        services.TryAddSingleton<TokenEstimator>();
        services.TryAddSingleton<StrictBudgetGate>();
        services.TryAddSingleton<IBudgetGate>(sp => spend.BudgetMode == BudgetMode.Strict
            ? sp.GetRequiredService<StrictBudgetGate>()
            : sp.GetRequiredService<BudgetGate>());
        return services;
    }
}
