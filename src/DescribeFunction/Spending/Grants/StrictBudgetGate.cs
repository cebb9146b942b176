using DescribeFunction.Configuration;
using DescribeFunction.Events;

namespace DescribeFunction.Spending.Grants;

/// <summary>
/// <c>BUDGET_MODE=strict</c>: an image is let in only with a grant this instance holds: one image, and with a token
/// budget the call's estimated tokens (<see cref="TokenEstimator"/>). A grant not claimed goes back to the pool; a
/// claimed one is spent, its tokens settled to what the call actually used.
/// </summary>
public sealed class StrictBudgetGate(GrantPool pool, TokenEstimator estimator, SpendSettings settings) : IBudgetGate
{
    private readonly DailyBudget _budget = DailyBudget.From(settings);

    public async Task<BudgetAdmission> AdmitAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        if (_budget.IsUnlimited)
        {
            return BudgetAdmission.Unlimited;
        }

        var need = new GrantAmount(
            _budget.Images is null ? 0 : 1,
            _budget.Tokens is null ? 0 : await estimator.EstimateAsync(storageEvent, cancellationToken));
        var draw = await pool.DrawAsync(need, cancellationToken);
        if (draw.Refusal is { } refusal)
        {
            return BudgetAdmission.Refused(refusal);
        }

        return new BudgetAdmission((recorded, claimed) => draw.Settle(Used(need, recorded, claimed)), null);
    }

    /// <summary>Nothing when the version was not claimed; else the image and the tokens recorded, or the estimate when none were.</summary>
    private static GrantAmount Used(GrantAmount drawn, Store.DailyUsage? recorded, bool claimed) =>
        !claimed ? GrantAmount.Zero
        : recorded is { } usage && drawn.Tokens > 0 ? drawn with { Tokens = usage.Tokens }
        : drawn;
}
