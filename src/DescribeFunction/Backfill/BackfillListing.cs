using System.Threading.Channels;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Retries;
using DescribeFunction.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary>
/// The producer side of a run: pages of the listing are sharded, filtered and classified against their stored
/// documents (one batched read per page), and the versions to describe are queued. Memory holds one page.
/// </summary>
internal sealed partial class BackfillListing(
    IDescriptionStore store,
    ImageFilter filter,
    StorageObjectLister lister,
    BackfillPlan plan,
    BackfillCounts counts,
    TimeProvider clock,
    ILogger logger)
{
    private const int MaxTries = 3;
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    /// <summary>True once the listing has ended, so the number to describe is known (for an ETA).</summary>
    public bool Complete { get; private set; }

    /// <returns><see cref="StopReasons.MaxObjects"/> when <c>--max-objects</c> ended the listing, else null.</returns>
    public async Task<string?> ListAsync(ChannelWriter<StorageEvent> queue, CancellationToken stop)
    {
        var options = plan.Options;
        await foreach (var page in lister.ListAsync(plan.Bucket, options.Prefix, options.MatchGlob, stop))
        {
            var candidates = new List<StorageEvent>(page.Count);
            foreach (var item in page)
            {
                if (item.Name is not { Length: > 0 } name || !plan.Shard.Contains(name))
                {
                    counts.CountOutsideShard();
                    continue;
                }

                counts.CountListed();
                var storageEvent = ToEvent(item);
                if (filter.SkipReason(storageEvent) is { } reason)
                {
                    counts.CountFiltered(reason);
                    continue;
                }

                candidates.Add(storageEvent);
            }

            if (candidates.Count > 0 && !await ClassifyAsync(candidates, queue, stop))
            {
                return StopReasons.MaxObjects;
            }
        }

        Complete = true;
        return null;
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
                    counts.CountUpToDate();
                    break;
                case ListedClass.Failed:
                    counts.CountPreviouslyFailed();
                    break;
                case ListedClass.Deferred:
                    counts.CountPreviouslyDeferred();
                    break;
                case ListedClass.ToDescribe when withinCap && (plan.Options.MaxObjects is not { } cap || counts.Selected < cap):
                    counts.CountSelected(candidate.Data.Size ?? 0);
                    await queue.WriteAsync(candidate, stop);
                    break;
                default:
                    withinCap = false;
                    counts.CountNotStarted();
                    break;
            }
        }

        return withinCap && (plan.Options.MaxObjects is not { } max || counts.Selected < max);
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
                    counts.CountTransient();
                }

                return null;
            }
        }
    }

    private StorageEvent ToEvent(StorageObjectData item) => new(
        plan.EventId,
        StorageEvent.Finalized,
        $"//storage.googleapis.com/projects/_/buckets/{plan.Bucket}",
        $"objects/{item.Name}",
        item.Updated,
        item with { Bucket = plan.Bucket });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Count} stored documents failed on try {Attempt}: {Reason}; retrying")]
    private static partial void LogRetryingRead(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading {Count} stored documents failed: {Reason}; their objects are left for a later run")]
    private static partial void LogReadFailed(ILogger logger, int count, string reason);
}
