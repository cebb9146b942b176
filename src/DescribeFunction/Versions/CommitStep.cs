using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Hosting;
using DescribeFunction.Reliability;
using DescribeFunction.Spending;
using DescribeFunction.Store;

namespace DescribeFunction.Versions;

/// <summary>
/// The last write under a claim: the answer (<c>done</c>), a permanent failure (<c>failed</c>), or the version given
/// back for a redelivery. An answer the model has given is never thrown away while it can be kept.
/// </summary>
public sealed partial class CommitStep(
    IDescriptionStore store,
    UnsavedDescriptions unsaved,
    ReliabilitySettings reliability,
    ILogger<CommitStep> logger)
{
    private const string ClaimLostReason = "another instance took the version over; its result stands";

    /// <exception cref="TransientEventException">The write failed; the answer waits for the redelivery.</exception>
    public async Task<VersionOutcome> CommitAsync(DescriptionClaim claim, BudgetAdmission admission, DescriptionResult result, EmbeddingOutcome? embedding)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(admission);
        ArgumentNullException.ThrowIfNull(result);
        if (!await StoreAnswerAsync(claim, result, embedding))
        {
            LogClaimLost(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return new VersionOutcome(DescribeOutcome.Skipped, ClaimLostReason);
        }

        admission.Recorded(DailyUsage.Described(result.InputTokens, result.OutputTokens));
        LogDescribed(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation, result.Chunks, result.Total.TotalMilliseconds);
        return new VersionOutcome(DescribeOutcome.Described);
    }

    /// <summary>Records a permanent failure: the version is <c>failed</c> and will not be retried.</summary>
    public async Task<VersionOutcome> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken, string? rawOutput = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        LogFailed(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation, code, message);
        await (rawOutput is null
            ? store.FailAsync(claim, code, message, cancellationToken)
            : store.FailWithOutputAsync(claim, code, message, rawOutput, cancellationToken));
        return new VersionOutcome(DescribeOutcome.RecordedFailure, code);
    }

    /// <summary>
    /// A transient failure outlasted this delivery's budget: record it and ask for a redelivery, unless this was the
    /// last attempt MAX_ATTEMPTS allows, in which case the version is recorded as failed so no retry storm follows.
    /// </summary>
    /// <exception cref="TransientEventException">The version was given back for a redelivery.</exception>
    public async Task<VersionOutcome> GiveBackAsync(DescriptionClaim claim, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Lost)
        {
            LogClaimLost(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return new VersionOutcome(DescribeOutcome.Skipped, ClaimLostReason);
        }

        if (claim.Attempts >= reliability.MaxAttempts)
        {
            return await FailAsync(claim, ClaimRules.TooManyAttemptsCode, $"Gave up after {claim.Attempts} deliveries (MAX_ATTEMPTS); the last failure was {code}: {message}", CancellationToken.None);
        }

        await store.ReleaseAsync(claim, code, message, CancellationToken.None);
        throw new TransientEventException($"Describing gs://{claim.Event.Bucket}/{claim.Event.Data.Name} failed transiently ({code}); attempt {claim.Attempts} of {reliability.MaxAttempts}.");
    }

    /// <summary>
    /// Writes the answer; false when another instance took the version over. The write is not cancelled with the
    /// delivery, since the answer is paid for. If it fails anyway (the store past its retries, memory running out),
    /// the answer is kept in memory for the redelivery, the version is given back so that the redelivery can claim it
    /// at once, and the delivery fails with 500.
    /// </summary>
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Described gs://{Bucket}/{ObjectName} generation {Generation} in {Chunks} chunks, {TotalMs} ms")]
    private static partial void LogDescribed(ILogger logger, string? bucket, string? objectName, long? generation, int chunks, double totalMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded a permanent failure for gs://{Bucket}/{ObjectName} generation {Generation}: {Code}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? bucket, string? objectName, long? generation, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance took over gs://{Bucket}/{ObjectName} generation {Generation}; its result stands")]
    private static partial void LogClaimLost(ILogger logger, string? bucket, string? objectName, long? generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "The description of gs://{Bucket}/{ObjectName} generation {Generation} was not stored; keeping it for the redelivery")]
    private static partial void LogAnswerKept(ILogger logger, Exception exception, string? bucket, string? objectName, long? generation);
}
