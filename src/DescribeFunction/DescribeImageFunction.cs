using DescribeFunction.Admission;
using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Versions;

namespace DescribeFunction;

/// <summary>
/// The function's entry: dispatch an event by its type, judge it once (a <see cref="FilterVerdict"/>), admit a
/// finalized one (a describe slot and, for an inline image, its bytes of the inline budget; none free: 429), then
/// hand it down the line: <see cref="ClaimStep"/> (budget, claim) → <see cref="AnswerStep"/> (describe, embed) →
/// <see cref="CommitStep"/> (the final write), and the owed notice by <see cref="NoticeStep"/>. Returns once the
/// outcome is recorded and its notice published; throws (so the host answers 500 and Eventarc redelivers) for a
/// transient failure that outlasted this delivery's deadline, or a notice Pub/Sub did not take.
/// </summary>
public sealed partial class DescribeImageFunction(
    ImageFilter filter,
    InlineByteBudget inlineBytes,
    DescribeSlots slots,
    ClaimStep claim,
    IDescriptionStore store,
    FilterSettings filterSettings,
    ILogger<DescribeImageFunction> logger) : IStorageEventProcessor, IVersionDescriber
{
    public async Task<EventOutcome> HandleAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        switch (storageEvent.Type)
        {
            case StorageEvent.Finalized:
                return await DescribeEventAsync(storageEvent, FilterVerdict.Of(storageEvent, filter, inlineBytes), cancellationToken);
            case StorageEvent.Deleted when filter.SkipReason(storageEvent) is null:
                var action = await store.ApplyDeleteAsync(storageEvent, filterSettings.OnDelete, cancellationToken);
                LogDeleted(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, action);
                return EventOutcome.Recorded;
            default:
                return EventOutcome.Ignored;
        }
    }

    /// <summary>
    /// The backfill's way in, for each listed object: the same line as an event's, without the event's admission
    /// (the backfill bounds itself with <c>--concurrency</c>). <paramref name="reclaim"/> lets it re-describe a
    /// finished version; events pass null.
    /// </summary>
    /// <exception cref="TransientEventException">A transient failure outlasted the budget; the version was given back.</exception>
    /// <exception cref="DescriptionStoreException">The store failed.</exception>
    public Task<VersionOutcome> DescribeVersionAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        return claim.DescribeAsync(storageEvent, FilterVerdict.Of(storageEvent, filter, inlineBytes), reclaim, cancellationToken);
    }

    /// <summary>
    /// An event takes one of this instance's <c>MAX_CONCURRENT_DESCRIBES</c> slots first, or is turned away with 429
    /// at once, so Eventarc backs off instead of the model; a backfill bounds itself with <c>--concurrency</c>.
    /// </summary>
    private async Task<EventOutcome> DescribeEventAsync(StorageEvent storageEvent, FilterVerdict verdict, CancellationToken cancellationToken)
    {
        using var slot = verdict.Wanted ? slots.TryEnter() : null;
        if (verdict.Wanted && slot is null)
        {
            LogNoSlot(logger, storageEvent.Bucket, storageEvent.Data.Name, slots.Limit);
            return EventOutcome.RetryLater;
        }

        // An inline image is admitted by its bytes too; one over the whole budget is recorded failed down the line.
        var bytes = verdict.Wanted && verdict.NeverFits is null ? inlineBytes.BytesFor(storageEvent.Data) : 0;
        using var reservation = bytes > 0 ? inlineBytes.TryReserve(bytes) : null;
        if (bytes > 0 && reservation is null)
        {
            LogNoRoom(logger, storageEvent.Bucket, storageEvent.Data.Name, bytes, inlineBytes.InUse, inlineBytes.Limit);
            return EventOutcome.RetryLater;
        }

        return (await claim.DescribeAsync(storageEvent, verdict, reclaim: null, cancellationToken)).Kind switch
        {
            DescribeOutcome.Described or DescribeOutcome.RecordedFailure or DescribeOutcome.Deferred => EventOutcome.Recorded,
            DescribeOutcome.Busy => EventOutcome.RetryLater,
            _ => EventOutcome.Ignored,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turned away gs://{Bucket}/{ObjectName} with 429: all {Limit} describe slots (MAX_CONCURRENT_DESCRIBES) are in use")]
    private static partial void LogNoSlot(ILogger logger, string? bucket, string? objectName, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turned away gs://{Bucket}/{ObjectName} with 429: its {Bytes} bytes do not fit beside the {InUse} of INLINE_BYTES_IN_FLIGHT's {Limit} in flight")]
    private static partial void LogNoRoom(ILogger logger, string? bucket, string? objectName, long bytes, long inUse, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "gs://{Bucket}/{ObjectName} generation {Generation} was deleted: {Action}")]
    private static partial void LogDeleted(ILogger logger, string? bucket, string? objectName, long? generation, string action);
}
