using DescribeFunction.Configuration;
using DescribeFunction.Retries;

namespace DescribeFunction.Embedding;

/// <summary>
/// Embeds a finished description for its final commit. Transient failures (408, 429, 5xx, a cut connection) are
/// tried again with the shared <see cref="Backoff"/> while the deadline allows; whatever still fails becomes an
/// <see cref="EmbeddingOutcome"/> with an error, never an exception, because the description already paid for must
/// be stored either way.
/// </summary>
public sealed partial class DocumentEmbedder(IEmbeddingClient? client, EmbeddingSettings settings, TimeProvider clock, ILogger<DocumentEmbedder> logger)
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>
    /// Retries stop this long after the first try even when the delivery's deadline is further off: an endpoint down
    /// for longer should not hold the finished description back; the backfill adds the vector later.
    /// </summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(15);

    public bool Enabled => client is not null;

    /// <returns>Null when embeddings are off.</returns>
    public async Task<EmbeddingOutcome?> EmbedAsync(string objectName, string text, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return null;
        }

        var identity = EmbedderIdentity.For(settings, text);
        var stopAt = clock.GetUtcNow() + RetryBudget;
        deadline = stopAt < deadline ? stopAt : deadline;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return EmbeddingOutcome.Success(identity, await client.EmbedAsync(text, EmbeddingTask.Document, cancellationToken));
            }
            catch (EmbeddingException e) when (e.IsTransient && clock.GetUtcNow() + RetryBackoff.Before(attempt) < deadline)
            {
                LogRetrying(logger, objectName, attempt, e.Code);
                try
                {
                    await Task.Delay(RetryBackoff.Before(attempt), clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return Failed(identity, objectName, "deadline-exceeded", "No embedding before the delivery's deadline; the last failure was " + e.Message, transient: true);
                }
            }
            catch (EmbeddingException e)
            {
                return Failed(identity, objectName, e.Code, e.Message, e.IsTransient);
            }
            catch (OperationCanceledException)
            {
                return Failed(identity, objectName, "deadline-exceeded", "No embedding before the delivery's deadline.", transient: true);
            }
        }
    }

    private EmbeddingOutcome Failed(EmbedderIdentity identity, string objectName, string code, string message, bool transient)
    {
        LogFailed(logger, objectName, code, message);
        return EmbeddingOutcome.Failure(identity, code, message, transient);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding {ObjectName} failed transiently on try {Attempt} ({Code}); retrying")]
    private static partial void LogRetrying(ILogger logger, string objectName, int attempt, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No embedding for {ObjectName}: {Code}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string objectName, string code, string reason);
}
