using DescribeFunction.Store;

namespace DescribeFunction.Reliability;

/// <summary>
/// Renews the claim's lease every third of its length while the work runs, so that only a crashed instance's
/// lease lapses. If a renewal finds the claim taken over, the work is cancelled: another instance owns it now.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseKeeper(IDescriptionStore store, DescriptionClaim claim, TimeSpan interval, TimeProvider clock, CancellationTokenSource work)
    {
        _loop = RenewAsync(store, claim, interval, clock, work, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RenewAsync(IDescriptionStore store, DescriptionClaim claim, TimeSpan interval, TimeProvider clock, CancellationTokenSource work, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, stop);
                if (!await TryRenewAsync(store, claim, stop))
                {
                    await work.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// False only when the claim is lost. A renewal that fails for any other reason (the store, memory running out)
    /// is tried at the next tick: the keeper is disposed after the model has answered, and a failure of its own must
    /// never throw that paid-for answer away.
    /// </summary>
    private static async Task<bool> TryRenewAsync(IDescriptionStore store, DescriptionClaim claim, CancellationToken stop)
    {
        try
        {
            return await store.RenewLeaseAsync(claim, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            return true;
        }
    }
}
