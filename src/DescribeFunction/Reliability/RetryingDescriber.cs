using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;
using DescribeFunction.Retries;
using DescribeFunction.Store;

namespace DescribeFunction.Reliability;

/// <summary>
/// Describes a claimed object version, retrying transient failures (408/429/5xx, connection failures, a cut
/// stream, an inline read) in-process with the shared <see cref="Backoff"/> for as long as the delivery's deadline
/// allows. A 429 that says how long to wait (<c>google.rpc.RetryInfo.retryDelay</c>) is retried after exactly that,
/// or, when that would pass the deadline, given back for a redelivery at once rather than retried early.
/// </summary>
public sealed partial class RetryingDescriber(
    DescribeRequests requests,
    ProgressiveDescriber describer,
    TimeProvider clock,
    ILogger<RetryingDescriber> logger)
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    /// <summary>The model's answer; the last transient failure escapes when the next wait would pass the deadline.</summary>
    public async Task<DescriptionResult> DescribeAsync(DescriptionClaim claim, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var invalidOutputs = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Each try builds its request anew: an inline read that failed transiently is read again.
                var request = await requests.ForAsync(claim.Event, cancellationToken);
                return await describer.DescribeAsync(claim, request, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer for gs://{Bucket}/{ObjectName} did not match the output schema; asking once more: {Reason}")]
    private static partial void LogInvalidOutput(ILogger logger, string? bucket, string? objectName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Describing gs://{Bucket}/{ObjectName} failed transiently on try {Attempt} ({Code}); retrying in {WaitMs} ms")]
    private static partial void LogRetrying(ILogger logger, string? bucket, string? objectName, int attempt, string code, double waitMs);
}
