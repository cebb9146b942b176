using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Hosting;
using DescribeFunction.Store;

namespace DescribeFunction;

/// <summary>The final write of an answer the model has given: never thrown away while it can be kept.</summary>
public sealed partial class DescribeImageFunction
{
    /// <summary>
    /// Writes the answer; false when another instance took the version over. The write is not cancelled with the
    /// delivery, since the answer is paid for. If it fails anyway (the store past its retries, memory running out),
    /// the answer is kept in memory for the redelivery, the version is given back so that the redelivery can claim it
    /// at once, and the delivery fails with 500.
    /// </summary>
    /// <exception cref="TransientEventException">The write failed; the answer waits for the redelivery.</exception>
    private async Task<bool> StoreAnswerAsync(DescriptionClaim claim, DescriptionResult result, EmbeddingOutcome? embedding)
    {
        try
        {
            return await store.CompleteAsync(claim, result, embedding, CancellationToken.None);
        }
        catch (Exception e) when (e is not TransientEventException)
        {
            unsaved.Keep(claim.Event, result);
            LogAnswerKept(logger, e, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            await TryReleaseAsync(claim, "store-failed", $"The description was not stored ({e.GetType().Name}); it is kept for the redelivery.");
            throw new TransientEventException(
                $"Storing the description of gs://{claim.Event.Bucket}/{claim.Event.Data.Name} failed ({e.GetType().Name}); the answer is kept for the redelivery.");
        }
    }

    private async Task TryReleaseAsync(DescriptionClaim claim, string code, string message)
    {
        try
        {
            await store.ReleaseAsync(claim, code, message, CancellationToken.None);
        }
        catch (Exception e) when (e is DescriptionStoreException or HttpRequestException or OutOfMemoryException)
        {
            // The lease lapses on its own; the redelivery then claims the version after LEASE_DURATION.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The description of gs://{Bucket}/{ObjectName} generation {Generation} was not stored; keeping it for the redelivery")]
    private static partial void LogAnswerKept(ILogger logger, Exception exception, string? bucket, string? objectName, long? generation);
}
