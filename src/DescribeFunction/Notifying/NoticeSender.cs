using DescribeFunction.Documents;
using DescribeFunction.PubSub;

namespace DescribeFunction.Notifying;

/// <summary>
/// Publishes the notices that final writes recorded as owed, then marks each sent with its message id. The notice is
/// read from the stored document, so a redelivery, a backfill and the delivery that finished the version publish the
/// same message, and nothing here calls a model. Publishing comes after the commit; if it fails the notice stays
/// owed and <see cref="PubSubException"/> reaches the caller, which asks for a redelivery.
/// </summary>
public sealed partial class NoticeSender(INoticeStore store, IPubSubPublisher? publisher, string? topic, ILogger<NoticeSender> logger)
{
    /// <summary>Whether <c>NOTIFY_TOPIC</c> is set.</summary>
    public bool Enabled => publisher is not null && topic is not null;

    /// <summary>The full topic name notices go to; null when off.</summary>
    public string? Topic => topic;

    /// <summary>Publishes this version's notice if one is owed; returns whether one was published.</summary>
    /// <exception cref="PubSubException">Pub/Sub did not take the notice; it is still owed.</exception>
    public async Task<bool> SendOwedAsync(string objectName, long generation, CancellationToken cancellationToken)
    {
        if (!Enabled || await store.GetOwedNoticeAsync(objectName, generation, cancellationToken) is not { } owed)
        {
            return false;
        }

        await SendAsync(owed, cancellationToken);
        return true;
    }

    /// <summary>Publishes an owed notice and marks it sent; returns the message id.</summary>
    /// <exception cref="PubSubException">Pub/Sub did not take the notice; it is still owed.</exception>
    public async Task<string> SendAsync(OwedNotice owed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owed);
        if (!Enabled)
        {
            throw new InvalidOperationException("Notices are off: NOTIFY_TOPIC is not set.");
        }

        var messageId = await publisher!.PublishAsync(topic!, NoticeMessage.From(owed), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the {Status} notice of gs://{Bucket}/{ObjectName} generation {Generation} as message {MessageId}")]
    private static partial void LogPublished(ILogger logger, string bucket, string objectName, long generation, string status, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Published the notice of gs://{Bucket}/{ObjectName} generation {Generation} but could not mark it sent ({Reason}); it may be published again")]
    private static partial void LogNotMarked(ILogger logger, string bucket, string objectName, long generation, string reason);
}
