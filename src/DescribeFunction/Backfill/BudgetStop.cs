namespace DescribeFunction.Backfill;

/// <summary>
/// A spent daily budget stops the run as the caller's stop would: no more listing, no new work. The first worker
/// that meets it sets the reason, then cancels.
/// </summary>
internal sealed partial class BudgetStop(string bucket, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _spent = new();
    private int _stopped;

    public CancellationToken Token => _spent.Token;

    /// <summary>Why the run stopped (<see cref="StopReasons.Budget"/>), once it has.</summary>
    public string? Reason { get; private set; }

    public void Stop(string spent)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Reason = StopReasons.Budget(spent);
            LogBudgetSpent(logger, bucket, spent);
            _spent.Cancel();
        }
    }

    public void Dispose() => _spent.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping the backfill of gs://{Bucket}: {Reason}; the next run describes what this one did not reach")]
    private static partial void LogBudgetSpent(ILogger logger, string bucket, string reason);
}
