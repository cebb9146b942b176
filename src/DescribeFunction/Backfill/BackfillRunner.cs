using System.Threading.Channels;
using DescribeFunction.Configuration;
using DescribeFunction.Documents;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Reliability;
using DescribeFunction.Spending;
using DescribeFunction.Storage;

namespace DescribeFunction.Backfill;

/// <summary>
/// One backfill run: pages of the listing are filtered, sharded and classified against their stored documents (one
/// batched read per page), and the versions to describe go through a bounded queue to <c>--concurrency</c> workers,
/// each handing them to the function's own filter → claim → describe → store path. Memory holds one page and the
/// queue, whatever the bucket's size.
/// </summary>
public sealed partial class BackfillRunner(
    DescribeImageFunction function,
    IDescriptionStore store,
    ImageFilter filter,
    StorageObjectLister lister,
    StorageObjectReader reader,
    BackfillPlan plan,
    TimeProvider clock,
    ILogger<BackfillRunner> logger) : IDisposable
{
    private const int MaxTries = 3;
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    private readonly TokenBucket? _limiter = plan.Options.MaxPerMinute is { } rate && !plan.Options.DryRun ? new TokenBucket(rate, clock) : null;
    private readonly CancellationTokenSource _budgetSpent = new();
    private int _budgetStopped;
    private string? _stoppedBy;

    public BackfillCounts Counts { get; } = new();

    /// <summary>True once the listing has ended, so the number to describe is known (for an ETA).</summary>
    public bool ListingComplete { get; private set; }

    /// <param name="stop">Stops listing and taking new work; descriptions in flight finish.</param>
    /// <param name="abort">Cancels the descriptions in flight too (their leases lapse and a later run takes over).</param>
    public async Task<BackfillSummary> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        // A spent daily budget stops the run as the caller's stop would: no more listing, no new work. The stop
        // reason is then the budget's, set before the cancellation.
        using var stopOrBudget = CancellationTokenSource.CreateLinkedTokenSource(stop, _budgetSpent.Token);
        stop = stopOrBudget.Token;
        var started = clock.GetTimestamp();
        var queue = Channel.CreateBounded<StorageEvent>(new BoundedChannelOptions(plan.Options.Concurrency * 2) { SingleWriter = true });
        var workers = Enumerable.Range(0, plan.Options.Concurrency).Select(_ => Task.Run(() => WorkAsync(queue.Reader, stop, abort), CancellationToken.None)).ToArray();
        try
        {
            await ListAsync(queue.Writer, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _stoppedBy ??= StopReasons.Cancelled;
        }
        catch (StorageListException e)
        {
            LogListingFailed(logger, plan.Bucket, e.Message);
            _stoppedBy = "listing failed: " + e.Message;
        }
        finally
        {
            queue.Writer.Complete();
        }

        await Task.WhenAll(workers);
        if (stop.IsCancellationRequested)
        {
            _stoppedBy ??= StopReasons.Cancelled;
        }

        return Counts.Snapshot(clock.GetElapsedTime(started), plan.Options.DryRun, _stoppedBy);
    }

    private async Task ListAsync(ChannelWriter<StorageEvent> queue, CancellationToken stop)
    {
        var options = plan.Options;
        await foreach (var page in lister.ListAsync(plan.Bucket, options.Prefix, options.MatchGlob, stop))
        {
            var candidates = new List<StorageEvent>(page.Count);
            foreach (var item in page)
            {
                if (item.Name is not { Length: > 0 } name || !plan.Shard.Contains(name))
                {
                    Counts.CountOutsideShard();
                    continue;
                }

                Counts.CountListed();
                var storageEvent = ToEvent(item);
                if (filter.SkipReason(storageEvent) is { } reason)
                {
                    Counts.CountFiltered(reason);
                    continue;
                }

                candidates.Add(storageEvent);
            }

            if (candidates.Count > 0 && !await ClassifyAsync(candidates, queue, stop))
            {
                _stoppedBy = StopReasons.MaxObjects;
                return;
            }
        }

        ListingComplete = true;
    }

    /// <summary>Classifies one page's candidates and queues those to describe; false once <c>--max-objects</c> is reached.</summary>
    private async Task<bool> ClassifyAsync(List<StorageEvent> candidates, ChannelWriter<StorageEvent> queue, CancellationToken stop)
    {
        var stored = await ReadVersionsAsync(candidates, stop);
        if (stored is null)
        {
            return true;
        }

        var withinCap = true;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            switch (plan.Policy.Classify(stored[i], candidate.Data.Generation ?? 0))
            {
                case ListedClass.UpToDate:
                    Counts.CountUpToDate();
                    break;
                case ListedClass.Failed:
                    Counts.CountPreviouslyFailed();
                    break;
                case ListedClass.Deferred:
                    Counts.CountPreviouslyDeferred();
                    break;
                case ListedClass.ToDescribe when withinCap && (plan.Options.MaxObjects is not { } cap || Counts.Selected < cap):
                    Counts.CountSelected(candidate.Data.Size ?? 0);
                    await queue.WriteAsync(candidate, stop);
                    break;
                default:
                    withinCap = false;
                    Counts.CountNotStarted();
                    break;
            }
        }

        return withinCap && (plan.Options.MaxObjects is not { } max || Counts.Selected < max);
    }

    /// <summary>The page's stored documents in one read; after repeated store failures its versions count as transient.</summary>
    private async Task<IReadOnlyList<StoredVersion?>?> ReadVersionsAsync(List<StorageEvent> candidates, CancellationToken stop)
    {
        var names = candidates.Select(c => c.Data.Name!).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.GetVersionsAsync(names, stop);
            }
            catch (DescriptionStoreException e) when (attempt < MaxTries)
            {
                LogRetryingRead(logger, names.Length, attempt, e.Message);
                await Task.Delay(RetryBackoff.Before(attempt), clock, stop);
            }
            catch (DescriptionStoreException e)
            {
                LogReadFailed(logger, names.Length, e.Message);
                foreach (var _ in candidates)
                {
                    Counts.CountTransient();
                }

                return null;
            }
        }
    }

    private async Task WorkAsync(ChannelReader<StorageEvent> queue, CancellationToken stop, CancellationToken abort)
    {
        await foreach (var storageEvent in queue.ReadAllAsync(CancellationToken.None))
        {
            if (stop.IsCancellationRequested)
            {
                Counts.CountNotStarted();
                continue;
            }

            if (plan.Options.DryRun)
            {
                Counts.CountEstimate(await EstimateTokensAsync(storageEvent, abort));
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
                var outcome = await function.DescribeVersionAsync(storageEvent, plan.Policy.Reclaims, abort);
                Counts.CountOutcome(outcome.Kind);
                if (outcome.BudgetSpent is { } spent)
                {
                    StopForBudget(spent);
                }

                return;
            }
            catch (Exception e) when (e is TransientEventException or DescriptionStoreException && !abort.IsCancellationRequested)
            {
                if (attempt >= MaxTries)
                {
                    LogLeftTransient(logger, plan.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, e.Message);
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

    public void Dispose() => _budgetSpent.Dispose();

    private void StopForBudget(string spent)
    {
        if (Interlocked.Exchange(ref _budgetStopped, 1) == 0)
        {
            _stoppedBy = StopReasons.Budget(spent);
            LogBudgetSpent(logger, plan.Bucket, spent);
            _budgetSpent.Cancel();
        }
    }

    private async Task<long?> EstimateTokensAsync(StorageEvent storageEvent, CancellationToken abort)
    {
        if (filter.Unsupported(storageEvent) is not null)
        {
            return 0; // Recorded failed without a model call.
        }

        try
        {
            var data = storageEvent.Data;
            var head = await reader.ReadStartAsync(plan.Bucket, data.Name!, data.Generation, ImageHeader.BytesToRead, abort);
            return ImageHeader.TryReadSize(head) is var (width, height) ? ImageTokens.Estimate(width, height) : null;
        }
        catch (Exception e) when (e is Describing.DescribeException or HttpRequestException)
        {
            return null;
        }
    }

    private StorageEvent ToEvent(StorageObjectData item) => new(
        plan.EventId,
        StorageEvent.Finalized,
        $"//storage.googleapis.com/projects/_/buckets/{plan.Bucket}",
        $"objects/{item.Name}",
        item.Updated,
        item with { Bucket = plan.Bucket });

    private async Task DelayQuietlyAsync(TimeSpan wait, CancellationToken abort)
    {
        try
        {
            await Task.Delay(wait, clock, abort);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping the backfill of gs://{Bucket}: {Reason}; the next run describes what this one did not reach")]
    private static partial void LogBudgetSpent(ILogger logger, string bucket, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing gs://{Bucket} failed: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string bucket, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Count} stored documents failed on try {Attempt}: {Reason}; retrying")]
    private static partial void LogRetryingRead(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading {Count} stored documents failed: {Reason}; their objects are left for a later run")]
    private static partial void LogReadFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gs://{Bucket}/{ObjectName} generation {Generation} still fails transiently ({Reason}); left for a later run")]
    private static partial void LogLeftTransient(ILogger logger, string bucket, string? objectName, long? generation, string reason);
}

/// <summary>What one run does: the bucket, the options, this task's shard and the redescribe policy.</summary>
/// <param name="EventId">Recorded as the documents' <c>eventId</c>: unique per run, the same for every try within it.</param>
public sealed record BackfillPlan(string Bucket, BackfillOptions Options, Shard Shard, RedescribePolicy Policy, string EventId);
