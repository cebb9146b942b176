namespace DescribeFunction.Spending.Grants;

public sealed partial class GrantPool
{
    /// <summary>
    /// One at a time: leases a block for every admission waiting (and the recent rate's prefetch), hands it out, and
    /// goes on while admissions still wait; a spent allocation refuses them. A failure reaches every waiting admission.
    /// </summary>
    private async Task RefillAsync()
    {
        while (true)
        {
            DateOnly day;
            GrantAmount need, demand, prefetch;
            lock (_lock)
            {
                if (_waiting.Count == 0 || _stopped)
                {
                    _refill = null;
                    return;
                }

                var now = _clock.GetUtcNow();
                day = Today(now);
                need = _waiting.Select(w => w.Need).Aggregate(GrantAmount.Min);
                demand = _waiting.Aggregate(GrantAmount.Zero, (sum, w) => sum + w.Need);
                prefetch = _rate.Expected(now, _options.Prefetch);
            }

            LeaseOutcome outcome;
            try
            {
                outcome = await _allocator.LeaseAsync(day, need, demand, prefetch, _options.LeaseDuration, CancellationToken.None);
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    foreach (var waiter in _waiting)
                    {
                        waiter.Result.TrySetException(e);
                    }

                    _waiting.Clear();
                    _refill = null;
                }

                return;
            }

            lock (_lock)
            {
                var now = _clock.GetUtcNow();
                foreach (var lease in outcome.Leases)
                {
                    _held.Add(new PooledLease(lease));
                    LogLeased(_logger, lease.Amount.Images, lease.Amount.Tokens, lease.Shard, lease.Day);
                }

                if (outcome.SpentBudget is not null)
                {
                    var reason = outcome.SpentBudget == SpentDimension.Images ? _budget.ImagesSpent : _budget.TokensSpent;
                    _spent = (day, now + _settings.BudgetRefresh, reason);
                }

                Serve(now);
            }
        }
    }
}
