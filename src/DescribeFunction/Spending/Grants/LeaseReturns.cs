using DescribeFunction.Store;

namespace DescribeFunction.Spending.Grants;

/// <summary>
/// Gives leases back in the background and lets the instance wait for the ones under way when it stops. A return
/// that fails leaves its lease to lapse: what it held is then written off, so the day ends under budget, never over.
/// </summary>
internal sealed partial class LeaseReturns(GrantAllocator allocator, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    public void Start(HeldLease lease, GrantAmount unused)
    {
        var returning = ReturnAsync(lease, unused);
        lock (_lock)
        {
            if (!returning.IsCompleted)
            {
                _running.Add(returning);
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the returns under way.</summary>
    public async Task DrainAsync(TimeSpan timeout, TimeProvider clock)
    {
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(timeout, clock);
        }
        catch (TimeoutException)
        {
            LogReturnFailed(logger, $"giving back took longer than {timeout.TotalSeconds} s");
        }
    }

    private async Task ReturnAsync(HeldLease lease, GrantAmount unused)
    {
        try
        {
            await Task.Yield();
            await allocator.ReturnAsync(lease, unused, CancellationToken.None);
            LogReturned(logger, unused.Images, unused.Tokens, lease.Shard, lease.Day);
        }
        catch (DescriptionStoreException e)
        {
            LogReturnFailed(logger, e.Message);
        }
        finally
        {
            lock (_lock)
            {
                _running.RemoveWhere(t => t.IsCompleted);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gave back {Images} images and {Tokens} tokens to allocation shard {Shard} of {Day}")]
    private static partial void LogReturned(ILogger logger, long images, long tokens, int shard, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unused grants were not given back; they lapse with their lease: {Reason}")]
    private static partial void LogReturnFailed(ILogger logger, string reason);
}
