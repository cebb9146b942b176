namespace DescribeFunction.Store;

/// <summary>
/// Reads the usage ledger: what was described per UTC day and model. The ledger is written by the description store,
/// in the same atomic write as each outcome it counts, so it always agrees with the documents.
/// </summary>
public interface IUsageLedger
{
    /// <summary>The day's totals for <paramref name="model"/> (all zero when nothing was recorded).</summary>
    Task<DailyUsage> ReadAsync(DateOnly day, string model, CancellationToken cancellationToken);
}
