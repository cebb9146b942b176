using DescribeFunction.Configuration;
using DescribeFunction.Store;

namespace DescribeFunction.Spending.Grants;

/// <summary>
/// This instance's grants: admissions draw on the leases it holds; when none has enough, one refill at a time leases
/// a block for everything waiting (plus what the recent rate will want soon, less as the budget runs out). A lease is
/// drawn on until shortly before it expires, then what is left goes back; when the instance stops (SIGTERM, or the
/// end of a backfill) every idle lease goes back. When no shard has anything left, the admissions waiting are refused
/// and so is every new one for <c>BUDGET_REFRESH</c>, after which the allocation is read again.
/// </summary>
public sealed partial class GrantPool : IAsyncDisposable
{
    private readonly GrantAllocator _allocator;
    private readonly SpendSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<GrantPool> _logger;
    private readonly GrantPoolOptions _options;
    private readonly DailyBudget _budget;
    private readonly Lock _lock = new();
    private readonly List<PooledLease> _held = [];
    private readonly List<Waiter> _waiting = [];
    private readonly LeaseReturns _returns;
    private readonly RateMeter _rate;
    private readonly ITimer _sweep;
    private Task? _refill;
    private (DateOnly Day, DateTimeOffset Until, string Reason)? _spent;
    private bool _stopped;

    public GrantPool(GrantAllocator allocator, SpendSettings settings, TimeProvider clock, ILogger<GrantPool> logger, GrantPoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _allocator = allocator;
        _settings = settings;
        _clock = clock;
        _logger = logger;
        _options = options ?? new GrantPoolOptions();
        _budget = DailyBudget.From(settings);
        _rate = new RateMeter(_options.RateWindow);
        _returns = new LeaseReturns(allocator, logger);
        _sweep = clock.CreateTimer(_ => Sweep(), null, _options.SweepInterval, _options.SweepInterval);
    }

    /// <summary>Grants held by this instance and not drawn.</summary>
    public GrantAmount Held
    {
        get
        {
            lock (_lock)
            {
                return _held.Aggregate(GrantAmount.Zero, (sum, l) => sum + l.Remaining.AtLeastZero);
            }
        }
    }

    /// <summary>A draw of <paramref name="need"/> for one admission, or a refusal naming the budget that is spent.</summary>
    /// <exception cref="DescriptionStoreException">The allocation could not be read or written.</exception>
    public Task<GrantDraw> DrawAsync(GrantAmount need, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            _rate.Record(now, need);
            if (TryTake(now, need) is { } draw)
            {
                return Task.FromResult(draw);
            }

            if (_stopped || (_spent is { } spent && spent.Day == Today(now) && now < spent.Until))
            {
                return Task.FromResult(GrantDraw.Refused(_spent?.Reason ?? _budget.ImagesSpent));
            }

            waiter = new Waiter(need);
            _waiting.Add(waiter);
            _refill ??= Task.Run(RefillAsync, CancellationToken.None);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    internal void Settle(GrantDraw draw, GrantAmount used)
    {
        lock (_lock)
        {
            var lease = draw.Lease!;
            lease.Remaining += draw.Need - used;
            lease.InFlight--;
            if (used.Tokens > draw.Need.Tokens && lease.Remaining.Tokens < 0)
            {
                LogOverEstimate(_logger, used.Tokens, draw.Need.Tokens);
            }

            Serve(_clock.GetUtcNow());
        }

        Sweep();
    }

    /// <summary>Gives back every lease no admission holds; the others lapse (and are written off) in the allocation.</summary>
    public async ValueTask DisposeAsync()
    {
        await _sweep.DisposeAsync();
        lock (_lock)
        {
            _stopped = true;
            foreach (var waiter in _waiting)
            {
                waiter.Result.TrySetResult(GrantDraw.Refused(_spent?.Reason ?? _budget.ImagesSpent));
            }

            _waiting.Clear();
            foreach (var lease in _held.Where(l => l.InFlight == 0).ToArray())
            {
                StartReturn(lease);
            }

        }

        await _returns.DrainAsync(_options.ReturnTimeout, _clock);
    }

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private async Task<GrantDraw> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        try
        {
            return await waiter.Result.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _waiting.Remove(waiter);
            }

            // Handed a draw just as it gave up waiting: the draw goes back unused.
            if (waiter.Result.Task.IsCompletedSuccessfully)
            {
                waiter.Result.Task.Result.Settle(GrantAmount.Zero);
            }

            throw;
        }
    }

    /// <summary>Under the lock: part of a lease of today that is still drawn on and has <paramref name="need"/> left.</summary>
    private GrantDraw? TryTake(DateTimeOffset now, GrantAmount need)
    {
        var day = Today(now);
        var lease = _held.Where(l => l.Lease.Day == day && now < l.Lease.ExpiresAt - _options.ReturnBefore && l.Remaining.Covers(need))
            .OrderBy(l => l.Lease.ExpiresAt).FirstOrDefault();
        if (lease is null)
        {
            return null;
        }

        lease.Remaining -= need;
        lease.InFlight++;
        return new GrantDraw(this, lease, need, null);
    }

    /// <summary>Under the lock: hands draws to the waiting admissions in order; when today's budget is spent, refuses the rest.</summary>
    private void Serve(DateTimeOffset now)
    {
        foreach (var waiter in _waiting.ToArray())
        {
            if (TryTake(now, waiter.Need) is { } draw)
            {
                _waiting.Remove(waiter);
                waiter.Result.TrySetResult(draw);
            }
            else if (_spent is { } spent && spent.Day == Today(now) && now < spent.Until)
            {
                _waiting.Remove(waiter);
                waiter.Result.TrySetResult(GrantDraw.Refused(spent.Reason));
            }
        }
    }

    /// <summary>Gives back each lease that is past its use (near its expiry, or of another day) once no admission holds part of it.</summary>
    private void Sweep()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var day = Today(now);
            foreach (var lease in _held.Where(l => l.InFlight == 0 && (l.Lease.Day != day || now >= l.Lease.ExpiresAt - _options.ReturnBefore)).ToArray())
            {
                StartReturn(lease);
            }
        }
    }

    /// <summary>Under the lock.</summary>
    private void StartReturn(PooledLease lease)
    {
        _held.Remove(lease);
        _returns.Start(lease.Lease, lease.Remaining.AtLeastZero);
    }

    private sealed record Waiter(GrantAmount Need)
    {
        public TaskCompletionSource<GrantDraw> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Leased {Images} images and {Tokens} tokens from allocation shard {Shard} of {Day}")]
    private static partial void LogLeased(ILogger logger, long images, long tokens, int shard, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A model call used {Used} tokens against an estimate of {Estimate}, more than this instance's lease had left")]
    private static partial void LogOverEstimate(ILogger logger, long used, long estimate);
}
