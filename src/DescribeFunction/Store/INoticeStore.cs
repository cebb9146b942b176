namespace DescribeFunction.Store;

/// <summary>
/// The notices that final writes record as owed (the store adds <c>notification.state = pending</c> to the commit
/// that records a status in <c>NOTIFY_ON</c>), read back and marked sent once Pub/Sub has taken them.
/// </summary>
public interface INoticeStore
{
    /// <summary>The notice owed for this generation of the object, or null when none is (sent, not finished, or another generation is stored).</summary>
    Task<OwedNotice?> GetOwedNoticeAsync(string objectName, long generation, CancellationToken cancellationToken);

    /// <summary>The notices owed for these object names, whatever generation is stored: one round trip for many.</summary>
    Task<IReadOnlyList<OwedNotice>> GetOwedNoticesAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken);

    /// <summary>
    /// Records the notice sent with Pub/Sub's message id, only if the document is still as <paramref name="notice"/>
    /// read it; false when it changed (another delivery marked it first, or a newer version was stored).
    /// </summary>
    Task<bool> MarkNoticeSentAsync(OwedNotice notice, string messageId, CancellationToken cancellationToken);

    /// <summary>Ends the notice's lease now, after a failed publish, so a redelivery publishes it at once; false when the document changed.</summary>
    Task<bool> ReleaseNoticeAsync(OwedNotice notice, CancellationToken cancellationToken);
}
