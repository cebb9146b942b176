using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;
using DescribeFunction.Filtering;
using DescribeFunction.Retries;
using DescribeFunction.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Reliability;

/// <summary>
/// Describes a claimed object version, retrying transient failures (408/429/5xx, connection failures, a cut
/// stream) in-process with the shared <see cref="Backoff"/> for as long as the delivery's deadline allows. A 429
/// that says how long to wait (<c>google.rpc.RetryInfo.retryDelay</c>) is retried after exactly that, or, when
/// that would pass the deadline, given back for a redelivery at once rather than retried early.
/// </summary>
public sealed partial class RetryingDescriber(
    IImageDescriber describer,
    StorageObjectReader storage,
    IDescriptionStore store,
    DeliverySettings delivery,
    StoreSettings storeSettings,
    TimeProvider clock,
    ILogger<RetryingDescriber> logger)
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    private readonly UnsavedDescriptions _unsaved = new(clock);

    /// <summary>
    /// Keeps an answer whose final write failed, so that the redelivery of the version stores it without a model call.
    /// </summary>
    public void KeepUnsaved(DescriptionClaim claim, DescriptionResult result)
    {
        ArgumentNullException.ThrowIfNull(claim);
        _unsaved.Keep(claim.Event, result);
    }

    /// <summary>
    /// An answer kept from an earlier delivery whose final write failed, else the model's; retries within the
    /// deadline, and the last transient failure escapes when the next wait would pass it.
    /// </summary>
    public async Task<DescriptionResult> DescribeAsync(DescriptionClaim claim, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (_unsaved.Take(claim.Event) is { } kept)
        {
            LogKeptAnswer(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return kept;
        }

        var invalidOutputs = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DescribeOnceAsync(claim, cancellationToken);
            }
            catch (DescribeException e) when (e.Code == StructuredOutputParser.InvalidCode && invalidOutputs++ == 0)
            {
                // A model that strays from the schema usually keeps to it on a second try; a second miss is recorded.
                LogInvalidOutput(logger, claim.Event.Bucket, claim.Event.Data.Name, e.Message);
            }
            catch (DescribeException e) when (e.IsTransient)
            {
                // The endpoint's own word on when to come back (a quota's retryDelay) beats our guess.
                var wait = e.RetryAfter ?? RetryBackoff.Before(attempt);
                if (clock.GetUtcNow() + wait >= deadline)
                {
                    throw;
                }

                LogRetrying(logger, claim.Event.Bucket, claim.Event.Data.Name, attempt, e.Code, wait.TotalMilliseconds);
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
    }

    private async Task<DescriptionResult> DescribeOnceAsync(DescriptionClaim claim, CancellationToken cancellationToken)
    {
        var data = claim.Event.Data;
        var request = delivery.ImageDelivery == ImageDelivery.Inline
            ? DescribeRequest.ForInlineImage(
                await storage.ReadAsync(claim.Event.Bucket!, data.Name!, data.Generation, cancellationToken),
                ImageFilter.EffectiveMediaType(data.ContentType, data.Name!)!)
            : DescribeRequest.ForGcsObject(claim.Event.Bucket!, data.Name!);
        if (!storeSettings.ProgressiveWrites)
        {
            return await describer.DescribeAsync(request, progress: null, cancellationToken);
        }

        var progress = new ProgressiveWriter(store, claim, storeSettings.ProgressiveInterval, clock, cancellationToken);
        try
        {
            return await describer.DescribeAsync(request, progress, cancellationToken);
        }
        finally
        {
            await progress.FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storing the answer kept for gs://{Bucket}/{ObjectName} generation {Generation} from a delivery whose final write failed; no model call")]
    private static partial void LogKeptAnswer(ILogger logger, string? bucket, string? objectName, long? generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer for gs://{Bucket}/{ObjectName} did not match the output schema; asking once more: {Reason}")]
    private static partial void LogInvalidOutput(ILogger logger, string? bucket, string? objectName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Describing gs://{Bucket}/{ObjectName} failed transiently on try {Attempt} ({Code}); retrying in {WaitMs} ms")]
    private static partial void LogRetrying(ILogger logger, string? bucket, string? objectName, int attempt, string code, double waitMs);
}
