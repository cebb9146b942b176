using DescribeFunction.Embedding;
using DescribeFunction.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary>
/// <c>backfill --reembed</c>: lists the bucket (with <c>--prefix</c>, <c>--match-glob</c> and the task's shard), reads
/// the documents a batch at a time, and embeds again the done descriptions <see cref="ReembedSelection"/> picks,
/// <c>--concurrency</c> at once. Only the embedding endpoint is called, never the describer. Each vector is committed
/// only while its document is unchanged since the read, with its tokens in the usage ledger in the same commit.
/// </summary>
public sealed partial class ReembedRun(
    StorageObjectLister lister,
    IEmbeddingStore store,
    DocumentEmbedder embedder,
    ReembedSelection selection,
    BackfillPlan plan,
    TimeProvider clock,
    ILogger<ReembedRun> logger)
{
    private const int ReadBatch = 300;

    /// <summary>On Cloud Run a run of a million documents shows it is alive, as a backfill's progress line does.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    private readonly TokenBucket? _limiter = plan.Options.MaxPerMinute is { } rate && !plan.Options.DryRun ? new TokenBucket(rate, clock) : null;

    /// <param name="stop">Stops listing and starting embeddings; those in flight finish.</param>
    /// <param name="abort">Cancels those in flight too; they count as failed and the next run takes them.</param>
    public async Task<ReembedSummary> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var summary = new ReembedSummary(selection.Mode, plan.Options.DryRun);
        var reported = clock.GetTimestamp();
        try
        {
            await foreach (var page in lister.ListAsync(plan.Bucket, plan.Options.Prefix, plan.Options.MatchGlob, stop))
            {
                var names = plan.TaskNames(page);
                summary.Add(ReembedCount.Listed, names.Length);
                foreach (var batch in names.Chunk(ReadBatch))
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    if (!await BatchAsync(batch, summary, stop, abort))
                    {
                        summary.StoppedBy = StopReasons.MaxObjects;
                        return summary;
                    }

                    if (clock.GetElapsedTime(reported) >= ProgressInterval)
                    {
                        reported = clock.GetTimestamp();
                        LogProgress(logger, summary[ReembedCount.Listed], summary[ReembedCount.Reembedded], summary[ReembedCount.UpToDate], summary[ReembedCount.Failed]);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (StorageListException e)
        {
            LogListingFailed(logger, plan.Bucket, e.Message);
            summary.StoppedBy = "listing failed: " + e.Message;
        }

        summary.StoppedBy ??= stop.IsCancellationRequested ? StopReasons.Cancelled : null;
        return summary;
    }

    /// <summary>One batch read, classified and embedded; false once <c>--max-objects</c> is reached.</summary>
    private async Task<bool> BatchAsync(string[] names, ReembedSummary summary, CancellationToken stop, CancellationToken abort)
    {
        IReadOnlyList<EmbeddingCandidate?> candidates;
        try
        {
            candidates = await store.GetEmbeddingCandidatesAsync(names, stop);
        }
        catch (DescriptionStoreException e)
        {
            LogReadFailed(logger, names.Length, e.Message);
            summary.Add(ReembedCount.Failed, names.Length);

            return true;
        }

        var chosen = new List<EmbeddingCandidate>();
        var cap = plan.Options.MaxObjects ?? long.MaxValue;
        foreach (var candidate in candidates)
        {
            switch (selection.Classify(candidate))
            {
                case ReembedClass.NotDone:
                    summary.Add(ReembedCount.NotDone);
                    break;
                case ReembedClass.UpToDate:
                    summary.Add(ReembedCount.Done);
                    summary.Add(ReembedCount.UpToDate);
                    break;
                case ReembedClass.ToEmbed when summary[ReembedCount.Selected] < cap:
                    summary.Add(ReembedCount.Done);
                    summary.Add(ReembedCount.Selected);
                    chosen.Add(candidate!);
                    break;
                default:
                    summary.Add(ReembedCount.Done);
                    summary.Add(ReembedCount.NotStarted);
                    break;
            }
        }

        if (!plan.Options.DryRun)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = plan.Options.Concurrency };
            await Parallel.ForEachAsync(chosen, parallel, async (candidate, _) => await EmbedAsync(candidate, summary, stop, abort));
        }

        return summary[ReembedCount.Selected] < cap;
    }

    private async Task EmbedAsync(EmbeddingCandidate candidate, ReembedSummary summary, CancellationToken stop, CancellationToken abort)
    {
        try
        {
            stop.ThrowIfCancellationRequested();
            if (_limiter is not null)
            {
                await _limiter.WaitAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
            summary.Add(ReembedCount.NotStarted);
            return;
        }

        // The retry budget, not a delivery's deadline, bounds the tries of one document.
        var outcome = (await embedder.EmbedAsync(candidate.ObjectName, ReembedSelection.TextOf(candidate), DateTimeOffset.MaxValue, abort))!;
        if (outcome is { Embedded: false, ErrorIsTransient: true })
        {
            summary.Add(ReembedCount.Failed);
            return;
        }

        try
        {
            if (!await store.StoreEmbeddingAsync(candidate, outcome, abort))
            {
                LogChanged(logger, candidate.ObjectName);
                summary.Add(ReembedCount.ChangedMeanwhile);
            }
            else if (outcome.Embedded)
            {
                summary.Add(ReembedCount.Reembedded);
                summary.Add(ReembedCount.Tokens, outcome.Tokens ?? 0);
            }
            else
            {
                summary.Add(ReembedCount.ErrorRecorded);
            }
        }
        catch (Exception e) when (e is DescriptionStoreException || (e is OperationCanceledException && abort.IsCancellationRequested))
        {
            LogStoreFailed(logger, candidate.ObjectName, e.Message);
            summary.Add(ReembedCount.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-embedding progress: listed {Listed}, re-embedded {Reembedded}, up to date {UpToDate}, failed {Failed}")]
    private static partial void LogProgress(ILogger logger, long listed, long reembedded, long upToDate, long failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing gs://{Bucket} failed: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string bucket, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading {Count} stored documents failed: {Reason}; they are left for a later run")]
    private static partial void LogReadFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ObjectName} changed while it was re-embedded; its new state is kept")]
    private static partial void LogChanged(ILogger logger, string objectName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the new vector of {ObjectName} failed: {Reason}; left for a later run")]
    private static partial void LogStoreFailed(ILogger logger, string objectName, string reason);
}
