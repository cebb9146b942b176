namespace DescribeFunction.Backfill;

/// <summary>The exit policy: 0 when every listed object was handled; 1 while transient failures or busy versions remain, or the listing stopped early.</summary>
public static class BackfillExit
{
    public static int Code(BackfillSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Transient > 0 || summary.Busy > 0 || (summary.StoppedBy is not null && !StopReasons.IsClean(summary.StoppedBy)) ? 1 : 0;
    }
}

/// <summary>Why a run ended before its listing did.</summary>
public static class StopReasons
{
    public const string MaxObjects = "max-objects";

    /// <summary>The prefix of a stop by a spent daily budget, followed by which one.</summary>
    public const string BudgetPrefix = "budget: ";

    public static string Budget(string spent) => BudgetPrefix + spent;

    /// <summary>A stop that leaves nothing to retry now: the exit code stays 0.</summary>
    public static bool IsClean(string stoppedBy) =>
        stoppedBy == MaxObjects || (stoppedBy ?? "").StartsWith(BudgetPrefix, StringComparison.Ordinal);
    public const string Cancelled = "cancelled";
}
