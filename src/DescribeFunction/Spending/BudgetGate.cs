using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Store;

namespace DescribeFunction.Spending;

/// <summary>
/// <c>BUDGET_MODE=approximate</c>: decides, before a version is claimed, whether today's budget lets one more image be described. Shared by every
/// event of the instance. It reads the usage ledger at most once per <c>BUDGET_REFRESH</c> (a burst waits for that
/// one read) and adds what it knows the ledger cannot show yet: the images it let in that are still being described
/// (reserved at the day's average tokens per image) and those it recorded since that read began. So one instance
/// alone never passes an image budget; several pass it by at most what the others let in since their last read.
/// </summary>
public sealed partial class BudgetGate(IUsageLedger ledger, SpendSettings settings, ModelSettings model, TimeProvider clock, ILogger<BudgetGate> logger) : IBudgetGate
{
    private readonly Lock _lock = new();
    private readonly DailyBudget _budget = DailyBudget.From(settings);
    private readonly List<(DateOnly Day, long Epoch, DailyUsage Usage)> _recordedSinceRead = [];
    private LedgerReading? _reading;
    private long _epoch;
    private int _inFlight;
    private Task? _refresh;

    /// <summary>Images let in and not yet settled.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    public async Task<BudgetAdmission> AdmitAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        if (_budget.IsUnlimited)
        {
            return BudgetAdmission.Unlimited;
        }

        Task? refresh;
        lock (_lock)
        {
            refresh = IsCurrent(clock.GetUtcNow()) ? null : _refresh ??= Task.Run(RefreshAsync, CancellationToken.None);
        }

        if (refresh is not null)
        {
            await refresh.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            var (images, tokens) = Estimate();
            if (_budget.Refusal(images, tokens) is { } refusal)
            {
                return BudgetAdmission.Refused(refusal);
            }

            _inFlight++;
            return new BudgetAdmission((recorded, _) => Settle(recorded), null);
        }
    }

    private void Settle(DailyUsage? recorded)
    {
        lock (_lock)
        {
            _inFlight--;
            if (recorded is { } usage)
            {
                _recordedSinceRead.Add((Today(clock.GetUtcNow()), _epoch, usage));
            }
        }
    }

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private bool IsCurrent(DateTimeOffset now) =>
        _reading is { } reading && reading.Day == Today(now) && now - reading.StartedAt < settings.BudgetRefresh;

    /// <summary>The images and tokens counted for today: the reading, what was recorded since it began, and the reservations.</summary>
    private (long Images, long Tokens) Estimate()
    {
        var reading = _reading!;
        var counted = _recordedSinceRead.Where(r => r.Day == reading.Day).Aggregate(reading.Usage, (sum, r) => sum + r.Usage);
        var tokensPerImage = counted.Images > 0 ? counted.Tokens / counted.Images : 0;
        return (counted.Images + _inFlight, counted.Tokens + (_inFlight * tokensPerImage));
    }

    /// <summary>One read for every event that waits on it; its own failure reaches them all, and the next event tries again.</summary>
    private async Task RefreshAsync()
    {
        DateTimeOffset startedAt;
        long epoch;
        lock (_lock)
        {
            startedAt = clock.GetUtcNow();
            epoch = ++_epoch;
        }

        try
        {
            var day = Today(startedAt);
            // Not the waiting event's token: other events share this read. The Firestore client's timeout bounds it.
            var usage = await ledger.ReadAsync(day, model.DescribeModel, CancellationToken.None);
            lock (_lock)
            {
                _reading = new LedgerReading(day, startedAt, usage);
                // What was recorded before this read began is in it; what was recorded since may not be, so it stays.
                _recordedSinceRead.RemoveAll(r => r.Epoch < epoch || r.Day != day);
            }

            LogRead(logger, day, usage.Images, usage.Tokens, usage.Deferred);
        }
        finally
        {
            lock (_lock)
            {
                _refresh = null;
            }
        }
    }

    private sealed record LedgerReading(DateOnly Day, DateTimeOffset StartedAt, DailyUsage Usage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Usage ledger for {Day}: {Images} images, {Tokens} tokens, {Deferred} deferred")]
    private static partial void LogRead(ILogger logger, DateOnly day, long images, long tokens, long deferred);
}
