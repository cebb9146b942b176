using DescribeFunction.PubSub;
using DescribeFunction.Store;

namespace DescribeFunction.Notifying;

/// <summary>
/// Publishes the notices that final writes recorded as owed, then marks each sent with its message id. The notice is
/// read from the stored document, so the delivery that finished the version, a redelivery and a backfill publish
/// the same message, and nothing here calls a model. A failed publish leaves the notice owed and reaches the caller
/// as <see cref="PubSubException"/>, so the event is redelivered.
/// </summary>
public sealed partial class NoticeSender(
    INoticeStore store,
    IPubSubPublisher? publisher,
    string? topic,
    TimeSpan duplicateWait,
    TimeProvider clock,
    ILogger<NoticeSender> logger)
{
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether <c>NOTIFY_TOPIC</c> is set.</summary>
    public bool Enabled => publisher is not null && topic is not null;

    /// <summary>The full topic name notices go to; null when off.</summary>
    public string? Topic => topic;

    /// <summary>
    /// The delivery that wrote the outcome publishes its notice at once. Any other delivery of the version (a
    /// duplicate, a redelivery) first waits, up to <c>DUPLICATE_WAIT</c>, while the notice's lease says the finishing
    /// delivery is publishing it, so duplicates do not publish a second copy; after a crash the lease lapses and the
    /// redelivery publishes. Returns whether this call published a notice.
    /// </summary>
    /// <exception cref="PubSubException">Pub/Sub did not take the notice; it is still owed.</exception>
    public async Task<bool> SendOwedAsync(string objectName, long generation, bool finishedHere, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return false;
        }

        var waitUntil = clock.GetUtcNow() + duplicateWait;
        var owed = await store.GetOwedNoticeAsync(objectName, generation, cancellationToken);
        while (!finishedHere && owed?.LeaseExpiresAt is { } lease && lease > clock.GetUtcNow() && clock.GetUtcNow() < waitUntil)
        {
            await Task.Delay(LeasePoll, clock, cancellationToken);
            owed = await store.GetOwedNoticeAsync(objectName, generation, cancellationToken);
        }

        if (owed is null)
        {
            return false;
        }

        await SendAsync(owed, cancellationToken);
        return true;
    }

    /// <summary>Publishes an owed notice and marks it sent; returns the message id.</summary>
    /// <exception cref="PubSubException">Pub/Sub did not take the notice; it is still owed, its lease ended.</exception>
    public async Task<string> SendAsync(OwedNotice owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        if (!Enabled)
        {
            throw new InvalidOperationException("Notices are off: NOTIFY_TOPIC is not set.");
        }

        string messageId;
        try
        {
            messageId = await publisher!.PublishAsync(topic!, NoticeMessage.From(owed), cancellationToken);
        }
        catch (PubSubException)
        {
            await ReleaseAsync(owed);
            throw;
        }

        LogPublished(logger, owed.Bucket, owed.Name, owed.Generation, owed.Status, messageId);
        try
        {
            // Published is what matters; a notice left marked pending is at worst published once more later.
            if (!await store.MarkNoticeSentAsync(owed, messageId, cancellationToken))
            {
                LogNotMarked(logger, owed.Bucket, owed.Name, owed.Generation, "the document changed since it was read");
            }
        }
        catch (DescriptionStoreException e)
        {
            LogNotMarked(logger, owed.Bucket, owed.Name, owed.Generation, e.Message);
        }

        return messageId;
    }

    /// <summary>Ends the lease so the redelivery publishes at once instead of waiting it out; best effort.</summary>
    private async Task ReleaseAsync(OwedNotice owed)
    {
        try
        {
            await store.ReleaseNoticeAsync(owed, CancellationToken.None);
        }
        catch (DescriptionStoreException e)
        {
            LogNotMarked(logger, owed.Bucket, owed.Name, owed.Generation, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the {Status} notice of gs://{Bucket}/{ObjectName} generation {Generation} as message {MessageId}")]
    private static partial void LogPublished(ILogger logger, string bucket, string objectName, long generation, string status, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the notice state of gs://{Bucket}/{ObjectName} generation {Generation} ({Reason}); it may be published again")]
    private static partial void LogNotMarked(ILogger logger, string bucket, string objectName, long generation, string reason);
}
