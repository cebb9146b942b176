using System.Threading.Channels;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Retries;
using DescribeFunction.Storage;
using DescribeFunction.Store;
using DescribeFunction.Versions;

namespace DescribeFunction.Backfill;

/// <summary>
/// One backfill run: <see cref="BackfillListing"/> queues the versions to describe through a bounded queue to
/// <c>--concurrency</c> workers, each handing them to the function's own filter → claim → describe → store path
/// (or, in a dry run, to <see cref="DryRunEstimate"/>). Memory holds one page and the queue, whatever the bucket's size.
/// </summary>
public sealed partial class BackfillRunner : IDisposable
{
    private const int MaxTries = 3;
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    private readonly IVersionDescriber _function;
    private readonly BackfillPlan _plan;
    private readonly TimeProvider _clock;
    private readonly ILogger<BackfillRunner> _logger;
    private readonly BackfillListing _listing;
    private readonly DryRunEstimate _estimate;
    private readonly BudgetStop _budget;
    private readonly TokenBucket? _limiter;

    public BackfillRunner(
        IVersionDescriber function,
        IDescriptionStore store,
        ImageFilter filter,
        StorageObjectLister lister,
        StorageObjectReader reader,
        BackfillPlan plan,
        TimeProvider clock,
        ILogger<BackfillRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _function = function;
        _plan = plan;
        _clock = clock;
        _logger = logger;
        _listing = new BackfillListing(store, filter, lister, plan, Counts, clock, logger);
        _estimate = new DryRunEstimate(filter, reader, plan.Bucket);
        _budget = new BudgetStop(plan.Bucket, logger);
        _limiter = plan.Options.MaxPerMinute is { } rate && !plan.Options.DryRun ? new TokenBucket(rate, clock) : null;
    }

    public BackfillCounts Counts { get; } = new();

    /// <summary>True once the listing has ended, so the number to describe is known (for an ETA).</summary>
    public bool ListingComplete => _listing.Complete;

    /// <param name="stop">Stops listing and taking new work; descriptions in flight finish.</param>
    /// <param name="abort">Cancels the descriptions in flight too (their leases lapse and a later run takes over).</param>
    public async Task<BackfillSummary> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        using var stopOrBudget = CancellationTokenSource.CreateLinkedTokenSource(stop, _budget.Token);
        stop = stopOrBudget.Token;
        var started = _clock.GetTimestamp();
        var queue = Channel.CreateBounded<StorageEvent>(new BoundedChannelOptions(_plan.Options.Concurrency * 2) { SingleWriter = true });
        var workers = Enumerable.Range(0, _plan.Options.Concurrency).Select(_ => Task.Run(() => WorkAsync(queue.Reader, stop, abort), CancellationToken.None)).ToArray();
        string? stoppedBy = null;
        try
        {
            stoppedBy = await _listing.ListAsync(queue.Writer, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (StorageListException e)
        {
            LogListingFailed(_logger, _plan.Bucket, e.Message);
            stoppedBy = "listing failed: " + e.Message;
        }
        finally
        {
            queue.Writer.Complete();
        }

        await Task.WhenAll(workers);
        // A spent budget is why the run stopped even when it showed as a cancellation of the listing.
        stoppedBy = _budget.Reason ?? stoppedBy ?? (stop.IsCancellationRequested ? StopReasons.Cancelled : null);
        return Counts.Snapshot(_clock.GetElapsedTime(started), _plan.Options.DryRun, stoppedBy);
    }

    public void Dispose() => _budget.Dispose();

    private async Task WorkAsync(ChannelReader<StorageEvent> queue, CancellationToken stop, CancellationToken abort)
    {
        await foreach (var storageEvent in queue.ReadAllAsync(CancellationToken.None))
        {
            if (stop.IsCancellationRequested)
            {
                Counts.CountNotStarted();
                continue;
            }

            if (_plan.Options.DryRun)
            {
                Counts.CountEstimate(await _estimate.TokensAsync(storageEvent, abort));
                continue;
            }

            try
            {
                if (_limiter is not null)
                {
                    await _limiter.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException)
            {
                Counts.CountNotStarted();
                continue;
            }

            await DescribeAsync(storageEvent, abort);
        }
    }

    /// <summary>The function's own path; a transient failure is tried again a few times, then left for a later run.</summary>
    private async Task DescribeAsync(StorageEvent storageEvent, CancellationToken abort)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await _function.DescribeVersionAsync(storageEvent, _plan.Policy.Reclaims, abort);
                Counts.CountOutcome(outcome.Kind);
                if (outcome.BudgetSpent is { } spent)
                {
                    _budget.Stop(spent);
                }

                return;
            }
            catch (Exception e) when (e is TransientEventException or DescriptionStoreException && !abort.IsCancellationRequested)
            {
                if (attempt >= MaxTries)
                {
                    LogLeftTransient(_logger, _plan.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, e.Message);
                    Counts.CountTransient();
                    return;
                }

                await DelayQuietlyAsync(RetryBackoff.Before(attempt), abort);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                Counts.CountTransient();
                return;
            }
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan wait, CancellationToken abort)
    {
        try
        {
            await Task.Delay(wait, _clock, abort);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing gs://{Bucket} failed: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string bucket, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gs://{Bucket}/{ObjectName} generation {Generation} still fails transiently ({Reason}); left for a later run")]
    private static partial void LogLeftTransient(ILogger logger, string bucket, string? objectName, long? generation, string reason);
}

/// <summary>What one run does: the bucket, the options, this task's shard and the redescribe policy.</summary>
/// <param name="EventId">Recorded as the documents' <c>eventId</c>: unique per run, the same for every try within it.</param>
public sealed record BackfillPlan(string Bucket, BackfillOptions Options, Shard Shard, RedescribePolicy Policy, string EventId)
{
    /// <summary>The names of a listed page that this task takes: named, and in its shard.</summary>
    public string[] TaskNames(IEnumerable<StorageObjectData> page) =>
        [.. page.Select(o => o.Name).OfType<string>().Where(n => n.Length > 0 && Shard.Contains(n))];
}
