using DescribeFunction.Admission;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Notifying;
using DescribeFunction.Reliability;
using DescribeFunction.Spending;
using DescribeFunction.Store;
using DescribeFunction.Versions;

namespace DescribeFunction;

/// <summary>
/// The function: for a finalized object, take a describe slot and, for an inline image, its bytes of the inline
/// budget (none free: 429) → filter → check the daily budget (spent: record it deferred) → claim the version →
/// describe (retrying within the deadline) → embed, when on → store → publish the notice the final write recorded as
/// owed, if any. Returns once the outcome is recorded and its notice published; throws (so the host answers 500 and
/// Eventarc redelivers) for a transient failure that outlasted this delivery's deadline, or a notice Pub/Sub did not take.
/// </summary>
public sealed partial class DescribeImageFunction(
    ImageFilter filter,
    IDescriptionStore store,
    RetryingDescriber describer,
    UnsavedDescriptions unsaved,
    IBudgetGate budget,
    DescribeSlots slots,
    InlineByteBudget inlineBytes,
    ReliabilitySettings reliability,
    FilterSettings filterSettings,
    TimeProvider clock,
    ILogger<DescribeImageFunction> logger,
    DocumentEmbedder? embedder = null,
    NoticeSender? notices = null) : IStorageEventProcessor, IVersionDescriber
{
    private const string ClaimLostReason = "another instance took the version over; its result stands";

    public async Task<EventOutcome> HandleAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        switch (storageEvent.Type)
        {
            case StorageEvent.Finalized:
                return await DescribeEventAsync(storageEvent, cancellationToken);
            case StorageEvent.Deleted when filter.SkipReason(storageEvent) is null:
                var action = await store.ApplyDeleteAsync(storageEvent, filterSettings.OnDelete, cancellationToken);
                LogDeleted(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, action);
                return EventOutcome.Recorded;
            default:
                return EventOutcome.Ignored;
        }
    }

    /// <summary>
    /// An event takes one of this instance's <c>MAX_CONCURRENT_DESCRIBES</c> slots first, or is turned away with 429
    /// at once, so Eventarc backs off instead of the model; a backfill bounds itself with <c>--concurrency</c>.
    /// </summary>
    private async Task<EventOutcome> DescribeEventAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        var wanted = filter.SkipReason(storageEvent) is null;
        using var slot = wanted ? slots.TryEnter() : null;
        if (wanted && slot is null)
        {
            LogNoSlot(logger, storageEvent.Bucket, storageEvent.Data.Name, slots.Limit);
            return EventOutcome.RetryLater;
        }

        // An inline image is admitted by its bytes too; one over the whole budget is recorded failed below.
        var bytes = wanted && inlineBytes.NeverFits(storageEvent.Data) is null ? inlineBytes.BytesFor(storageEvent.Data) : 0;
        using var reservation = bytes > 0 ? inlineBytes.TryReserve(bytes) : null;
        if (bytes > 0 && reservation is null)
        {
            LogNoRoom(logger, storageEvent.Bucket, storageEvent.Data.Name, bytes, inlineBytes.InUse, inlineBytes.Limit);
            return EventOutcome.RetryLater;
        }

        return (await DescribeVersionAsync(storageEvent, reclaim: null, cancellationToken)).Kind switch
        {
            DescribeOutcome.Described or DescribeOutcome.RecordedFailure or DescribeOutcome.Deferred => EventOutcome.Recorded,
            DescribeOutcome.Busy => EventOutcome.RetryLater,
            _ => EventOutcome.Ignored,
        };
    }

    /// <summary>
    /// Filter → budget → claim → describe → store for one object version: what an event does, and what a backfill does for
    /// each listed object. <paramref name="reclaim"/> lets a backfill re-describe a finished version; events pass null.
    /// </summary>
    /// <exception cref="TransientEventException">A transient failure outlasted the budget; the version was given back.</exception>
    /// <exception cref="DescriptionStoreException">The store failed.</exception>
    public async Task<VersionOutcome> DescribeVersionAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken)
    {
        var outcome = await DescribeOrSkipAsync(storageEvent, reclaim, cancellationToken);
        await SendOwedNoticeAsync(storageEvent, outcome, cancellationToken);
        return outcome;
    }

    private async Task<VersionOutcome> DescribeOrSkipAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var deadline = clock.GetUtcNow() + reliability.DescribeDeadline;
        if (filter.SkipReason(storageEvent) is { } filtered)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, filtered);
            return new VersionOutcome(DescribeOutcome.Skipped, filtered);
        }

        // What is refused without a model call needs no budget.
        var unsupported = filter.Unsupported(storageEvent) ?? inlineBytes.NeverFits(storageEvent.Data);
        using var admission = unsupported is null ? await budget.AdmitAsync(storageEvent, cancellationToken) : null;
        if (admission?.Refusal is { } spent)
        {
            return await DeferAsync(storageEvent, spent, cancellationToken);
        }

        var outcome = await store.ClaimAsync(storageEvent, reclaim, cancellationToken);
        if (outcome.Claim is not { } claim)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, outcome.SkipReason!);
            return new VersionOutcome(outcome.Busy ? DescribeOutcome.Busy : DescribeOutcome.Skipped, outcome.SkipReason);
        }

        using (claim)
        {
            if (unsupported is { } refused)
            {
                return await RecordFailureAsync(claim, refused.Code, refused.Message, cancellationToken);
            }

            return await DescribeClaimedAsync(claim, admission!, deadline, cancellationToken);
        }
    }

    private async Task<VersionOutcome> DeferAsync(StorageEvent storageEvent, string spent, CancellationToken cancellationToken)
    {
        var message = $"Not described today: {spent}; a backfill with --redescribe deferred describes it once the budget allows.";
        var outcome = await store.DeferAsync(storageEvent, BudgetExceeded, message, cancellationToken);
        if (!outcome.Deferred)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, outcome.SkipReason!);
            return new VersionOutcome(outcome.Busy ? DescribeOutcome.Busy : DescribeOutcome.Skipped, outcome.SkipReason, BudgetSpent: spent);
        }

        LogDeferred(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, BudgetExceeded, spent);
        return new VersionOutcome(DescribeOutcome.Deferred, spent, BudgetSpent: spent);
    }

    private async Task<VersionOutcome> DescribeClaimedAsync(DescriptionClaim claim, BudgetAdmission admission, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        admission.Claimed();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A claim that waited out the deadline (a busy machine, a long DUPLICATE_WAIT) leaves no time, never less.
        work.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (deadline - clock.GetUtcNow()).Ticks)));
        DescriptionResult result;
        EmbeddingOutcome? embedding = null;
        try
        {
            await using (new LeaseKeeper(store, claim, reliability.LeaseDuration / 3, clock, work))
            {
                result = await AnswerAsync(claim, deadline, work.Token);
                // Within the lease and the deadline; a failure here is recorded beside the description, never retried as one.
                if (embedder is { Enabled: true })
                {
                    embedding = await embedder.EmbedAsync(claim.Event.Data.Name!, EmbeddingText.Compose(result.Text, result.Structured?.AltText, result.Structured?.Labels), deadline, work.Token);
                }
            }
        }
        catch (DescribeException e) when (!e.IsTransient)
        {
            return await RecordFailureAsync(claim, e.Code, e.Message, cancellationToken, e.RawOutput);
        }
        catch (Exception e) when (e is DescribeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (code, message) = e is DescribeException d ? (d.Code, d.Message)
                : claim.Lost ? ("claim-lost", "Another instance took over this object version.")
                : ("deadline-exceeded", $"No description within DESCRIBE_DEADLINE ({reliability.DescribeDeadline.TotalSeconds} s).");
            return await GiveBackAsync(claim, code, message);
        }

        if (!await StoreAnswerAsync(claim, result, embedding))
        {
            LogClaimLost(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return new VersionOutcome(DescribeOutcome.Skipped, ClaimLostReason);
        }

        admission.Recorded(DailyUsage.Described(result.InputTokens, result.OutputTokens));
        LogDescribed(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation, result.Chunks, result.Total.TotalMilliseconds);
        return new VersionOutcome(DescribeOutcome.Described);
    }

    /// <summary>An answer kept from an earlier delivery whose final write failed, else the model's.</summary>
    private async Task<DescriptionResult> AnswerAsync(DescriptionClaim claim, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (unsaved.Take(claim.Event) is { } kept)
        {
            LogKeptAnswer(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return kept;
        }

        return await describer.DescribeAsync(claim, deadline, cancellationToken);
    }

    /// <summary>
    /// A transient failure outlasted this delivery's budget: record it and ask for a redelivery, unless this was the
    /// last attempt MAX_ATTEMPTS allows, in which case the version is recorded as failed so no retry storm follows.
    /// </summary>
    private async Task<VersionOutcome> GiveBackAsync(DescriptionClaim claim, string code, string message)
    {
        if (claim.Lost)
        {
            LogClaimLost(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return new VersionOutcome(DescribeOutcome.Skipped, ClaimLostReason);
        }

        if (claim.Attempts >= reliability.MaxAttempts)
        {
            return await RecordFailureAsync(claim, "too-many-attempts", $"Gave up after {claim.Attempts} deliveries (MAX_ATTEMPTS); the last failure was {code}: {message}", CancellationToken.None);
        }

        await store.ReleaseAsync(claim, code, message, CancellationToken.None);
        throw new TransientEventException($"Describing gs://{claim.Event.Bucket}/{claim.Event.Data.Name} failed transiently ({code}); attempt {claim.Attempts} of {reliability.MaxAttempts}.");
    }

    private async Task<VersionOutcome> RecordFailureAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken, string? rawOutput = null)
    {
        LogFailed(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation, code, message);
        await (rawOutput is null
            ? store.FailAsync(claim, code, message, cancellationToken)
            : store.FailWithOutputAsync(claim, code, message, rawOutput, cancellationToken));
        return new VersionOutcome(DescribeOutcome.RecordedFailure, code);
    }

    /// <summary>The error code of a deferred version, and what a log-based metric counts.</summary>
    public const string BudgetExceeded = "budget-exceeded";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deferred gs://{Bucket}/{ObjectName} generation {Generation}: {Code}: {Reason}")]
    private static partial void LogDeferred(ILogger logger, string? bucket, string? objectName, long? generation, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turned away gs://{Bucket}/{ObjectName} with 429: all {Limit} describe slots (MAX_CONCURRENT_DESCRIBES) are in use")]
    private static partial void LogNoSlot(ILogger logger, string? bucket, string? objectName, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turned away gs://{Bucket}/{ObjectName} with 429: its {Bytes} bytes do not fit beside the {InUse} of INLINE_BYTES_IN_FLIGHT's {Limit} in flight")]
    private static partial void LogNoRoom(ILogger logger, string? bucket, string? objectName, long bytes, long inUse, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped gs://{Bucket}/{ObjectName}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string? bucket, string? objectName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Described gs://{Bucket}/{ObjectName} generation {Generation} in {Chunks} chunks, {TotalMs} ms")]
    private static partial void LogDescribed(ILogger logger, string? bucket, string? objectName, long? generation, int chunks, double totalMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded a permanent failure for gs://{Bucket}/{ObjectName} generation {Generation}: {Code}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? bucket, string? objectName, long? generation, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance took over gs://{Bucket}/{ObjectName} generation {Generation}; its result stands")]
    private static partial void LogClaimLost(ILogger logger, string? bucket, string? objectName, long? generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storing the answer kept for gs://{Bucket}/{ObjectName} generation {Generation} from a delivery whose final write failed; no model call")]
    private static partial void LogKeptAnswer(ILogger logger, string? bucket, string? objectName, long? generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "gs://{Bucket}/{ObjectName} generation {Generation} was deleted: {Action}")]
    private static partial void LogDeleted(ILogger logger, string? bucket, string? objectName, long? generation, string action);
}
