using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Reliability;
using DescribeFunction.Spending;
using DescribeFunction.Store;

namespace DescribeFunction.Versions;

/// <summary>
/// The claimed version's answer, under the lease and within the deadline: the answer kept from a delivery whose
/// final write failed, else the model's (retried by <see cref="RetryingDescriber"/>), and its embedding when
/// <c>EMBEDDING_MODEL</c> is set; then handed to <see cref="CommitStep"/>, which writes it, a failure, or gives the
/// version back. A claim out of attempts with no kept answer is recorded failed without a model call.
/// </summary>
public sealed partial class AnswerStep(
    RetryingDescriber describer,
    UnsavedDescriptions unsaved,
    IDescriptionStore store,
    CommitStep commit,
    ReliabilitySettings reliability,
    TimeProvider clock,
    ILogger<AnswerStep> logger,
    DocumentEmbedder? embedder = null)
{
    public async Task<VersionOutcome> AnswerAsync(DescriptionClaim claim, BudgetAdmission admission, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(admission);
        var kept = unsaved.Take(claim.Event);
        if (kept is null && claim.OutOfAttempts)
        {
            // Not claimed for the budget: nothing is sent to the model, so the admission's reservation goes back.
            LogOutOfAttempts(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation, claim.Attempts, reliability.MaxAttempts);
            return await commit.FailAsync(claim, ClaimRules.TooManyAttemptsCode,
                $"Gave up after {claim.Attempts} deliveries (MAX_ATTEMPTS) that claimed this version and recorded no outcome: each ended with its instance stopped or its final write failed.",
                cancellationToken);
        }

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
                result = await DescribeAsync(claim, kept, deadline, work.Token);
                // Within the lease and the deadline; a failure here is recorded beside the description, never retried as one.
                if (embedder is { Enabled: true })
                {
                    embedding = await embedder.EmbedAsync(claim.Event.Data.Name!, EmbeddingText.Compose(result.Text, result.Structured?.AltText, result.Structured?.Labels), deadline, work.Token);
                }
            }
        }
        catch (DescribeException e) when (!e.IsTransient)
        {
            return await commit.FailAsync(claim, e.Code, e.Message, cancellationToken, e.RawOutput);
        }
        catch (Exception e) when (e is DescribeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (code, message) = e is DescribeException d ? (d.Code, d.Message)
                : claim.Lost ? ("claim-lost", "Another instance took over this object version.")
                : ("deadline-exceeded", $"No description within DESCRIBE_DEADLINE ({reliability.DescribeDeadline.TotalSeconds} s).");
            return await commit.GiveBackAsync(claim, code, message);
        }

        return await commit.CommitAsync(claim, admission, result, embedding);
    }

    /// <summary>An answer kept from an earlier delivery whose final write failed, else the model's.</summary>
    private async Task<DescriptionResult> DescribeAsync(DescriptionClaim claim, DescriptionResult? kept, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (kept is not null)
        {
            LogKeptAnswer(logger, claim.Event.Bucket, claim.Event.Data.Name, claim.Event.Data.Generation);
            return kept;
        }

        return await describer.DescribeAsync(claim, deadline, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not describing gs://{Bucket}/{ObjectName} generation {Generation}: {Attempts} deliveries claimed it (MAX_ATTEMPTS {MaxAttempts}) and none recorded an outcome; recording it failed without a model call")]
    private static partial void LogOutOfAttempts(ILogger logger, string? bucket, string? objectName, long? generation, int attempts, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storing the answer kept for gs://{Bucket}/{ObjectName} generation {Generation} from a delivery whose final write failed; no model call")]
    private static partial void LogKeptAnswer(ILogger logger, string? bucket, string? objectName, long? generation);
}
