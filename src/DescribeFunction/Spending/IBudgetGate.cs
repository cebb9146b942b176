using DescribeFunction.Events;

namespace DescribeFunction.Spending;

/// <summary>
/// Decides, before a version is claimed, whether today's budgets let it be described: <see cref="BudgetGate"/>
/// (<c>BUDGET_MODE=approximate</c>) or <see cref="Grants.StrictBudgetGate"/> (<c>strict</c>).
/// </summary>
public interface IBudgetGate
{
    /// <summary>
    /// An admission to hold while describing (dispose it when done; call <see cref="BudgetAdmission.Claimed"/> once the
    /// version is claimed and <see cref="BudgetAdmission.Recorded"/> once the result is stored), or a refusal saying
    /// which budget is spent.
    /// </summary>
    Task<BudgetAdmission> AdmitAsync(StorageEvent storageEvent, CancellationToken cancellationToken);
}
