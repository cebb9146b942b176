namespace DescribeFunction.Versions;

/// <param name="Reason">Why it was skipped, busy or deferred; null otherwise.</param>
/// <param name="BudgetSpent">Which daily budget is spent, when that is why nothing was described.</param>
public readonly record struct VersionOutcome(DescribeOutcome Kind, string? Reason = null, string? BudgetSpent = null);
