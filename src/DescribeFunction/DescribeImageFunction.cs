using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Documents;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Storage;

namespace DescribeFunction;

/// <summary>
/// The function: for a finalized object, filter → claim the version → stream the description → store it.
/// Returns once the outcome is recorded; throws (so the host answers 500) only for failures worth a redelivery.
/// </summary>
public sealed partial class DescribeImageFunction(
    ImageFilter filter,
    DescriptionStore store,
    ImageDescriber describer,
    StorageObjectReader storage,
    DescribeOptions options,
    TimeProvider clock,
    ILogger<DescribeImageFunction> logger) : IStorageEventProcessor
{
    public async Task<EventOutcome> HandleAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        if (filter.SkipReason(storageEvent) is { } filtered)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, filtered);
            return EventOutcome.Ignored;
        }

        var outcome = await store.ClaimAsync(storageEvent, cancellationToken);
        if (outcome.Claim is not { } claim)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, outcome.SkipReason!);
            return EventOutcome.Ignored;
        }

        try
        {
            var result = await DescribeAsync(claim, cancellationToken);
            if (!await store.CompleteAsync(claim, result, cancellationToken))
            {
                LogClaimLost(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation);
                return EventOutcome.Ignored;
            }

            LogDescribed(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, result.Chunks, result.Total.TotalMilliseconds);
            return EventOutcome.Recorded;
        }
        catch (DescribeException e) when (!e.IsTransient)
        {
            LogFailed(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, e.Code, e.Message);
            await store.FailAsync(claim, e.Code, e.Message, cancellationToken);
            return EventOutcome.Recorded;
        }
        catch (DescribeException e)
        {
            await store.ReleaseAsync(claim, e.Code, e.Message, CancellationToken.None);
            throw;
        }
    }

    private async Task<DescriptionResult> DescribeAsync(DescriptionClaim claim, CancellationToken cancellationToken)
    {
        var data = claim.Event.Data;
        var request = options.ImageDelivery == ImageDelivery.Inline
            ? DescribeRequest.ForInlineImage(
                await storage.ReadAsync(claim.Event.Bucket!, data.Name!, data.Generation, cancellationToken),
                ImageFilter.MediaType(data.ContentType)!)
            : DescribeRequest.ForGcsObject(claim.Event.Bucket!, data.Name!);
        if (!options.ProgressiveWrites)
        {
            return await describer.DescribeAsync(request, progress: null, cancellationToken);
        }

        var progress = new ProgressiveWriter(store, claim, options.ProgressiveInterval, clock, cancellationToken);
        try
        {
            return await describer.DescribeAsync(request, progress, cancellationToken);
        }
        finally
        {
            await progress.FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped gs://{Bucket}/{ObjectName}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string? bucket, string? objectName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Described gs://{Bucket}/{ObjectName} generation {Generation} in {Chunks} chunks, {TotalMs} ms")]
    private static partial void LogDescribed(ILogger logger, string? bucket, string? objectName, long? generation, int chunks, double totalMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded a permanent failure for gs://{Bucket}/{ObjectName} generation {Generation}: {Code}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? bucket, string? objectName, long? generation, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance took over gs://{Bucket}/{ObjectName} generation {Generation}; its result stands")]
    private static partial void LogClaimLost(ILogger logger, string? bucket, string? objectName, long? generation);
}
