using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// Notices: a final write whose status is in <c>NOTIFY_ON</c> carries <c>notification.state = pending</c> in the same
/// commit, so a finished version can never be stored without the record that its notice is owed, and a lease of
/// <c>LEASE_DURATION</c> for the delivery that wrote it to publish it.
/// </summary>
public sealed partial class FirestoreDescriptionStore : INoticeStore
{
    private static readonly string[] NotificationMask = [NotificationFields.Notification];

    public Task<OwedNotice?> GetOwedNoticeAsync(string objectName, long generation, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var document = await firestore.GetAsync(Collection, DocumentId.FromObjectName(objectName), cancellationToken);
            return OwedNoticeOf(document) is { } owed && owed.Generation == generation ? owed : null;
        });

    public Task<IReadOnlyList<OwedNotice>> GetOwedNoticesAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(objectNames);
            var documents = await firestore.BatchGetAsync(objectNames.Select(n => (Collection, DocumentId.FromObjectName(n))), cancellationToken);
            return (IReadOnlyList<OwedNotice>)[.. documents.Select(OwedNoticeOf).OfType<OwedNotice>()];
        });

    public Task<bool> MarkNoticeSentAsync(OwedNotice notice, string messageId, CancellationToken cancellationToken) =>
        WriteNotificationAsync(notice, new DocumentFields()
            .Set(NotificationFields.State, NotificationFields.Sent)
            .Set(NotificationFields.MessageId, messageId)
            .Set(NotificationFields.SentAt, clock.GetUtcNow()), cancellationToken);

    public Task<bool> ReleaseNoticeAsync(OwedNotice notice, CancellationToken cancellationToken) =>
        WriteNotificationAsync(notice, new DocumentFields()
            .Set(NotificationFields.State, NotificationFields.Pending)
            .Set(NotificationFields.LeaseExpiresAt, clock.GetUtcNow()), cancellationToken);

    private Task<bool> WriteNotificationAsync(OwedNotice notice, DocumentFields notification, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(notice);
            var fields = new DocumentFields().Set(NotificationFields.Notification, notification);
            var write = FirestoreWrite.Update(Collection, notice.DocumentId, fields, FirestorePrecondition.UpdateTime(notice.Version), updateMask: NotificationMask);
            try
            {
                await firestore.CommitAsync([write], cancellationToken);
                return true;
            }
            catch (FirestoreException e) when (e.Status is FirestoreStatus.FailedPrecondition or FirestoreStatus.NotFound)
            {
                return false;
            }
        });

    /// <summary>
    /// The pending notice a final write of <paramref name="status"/> records, when <c>NOTIFY_TOPIC</c> is set and
    /// <c>NOTIFY_ON</c> lists the status; null otherwise.
    /// </summary>
    private DocumentFields? NoticeOwedFor(string status) =>
        notices.NoticesOn && notices.NotifyOn.Contains(status)
            ? DescriptionDocument.PendingNotice(clock.GetUtcNow() + reliability.LeaseDuration)
            : null;

    private OwedNotice? OwedNoticeOf(FirestoreDocument? document)
    {
        var fields = document?.Fields;
        if (fields?.GetMap(NotificationFields.Notification)?.GetString(NotificationFields.State) != NotificationFields.Pending
            || fields.GetString(DescriptionFields.Status) is not (DescriptionStatus.Done or DescriptionStatus.Failed or DescriptionStatus.Deferred) ||
            fields.GetString(DescriptionFields.Name) is not { } name)
        {
            return null;
        }

        var notification = fields.GetMap(NotificationFields.Notification)!;
        var error = fields.GetMap(DescriptionFields.Error);
        var describer = fields.GetMap(DescriptionFields.Describer);
        return new OwedNotice(
            document!.Id,
            document.Name,
            document.UpdateTimeRaw,
            fields.GetString(DescriptionFields.Bucket) ?? "",
            name,
            fields.GetInt64(DescriptionFields.Generation) ?? 0,
            fields.GetString(DescriptionFields.Status)!,
            fields.GetString(DescriptionFields.ContentType),
            fields.GetString(DescriptionFields.Description),
            fields.GetString(DescriptionFields.AltText),
            StructuredFields.LabelsOf(fields),
            error?.GetString(DescriptionFields.ErrorCode),
            error?.GetString(DescriptionFields.ErrorMessage),
            describer?.GetString(DescriptionFields.DescriberModel),
            describer?.GetString(DescriptionFields.DescriberPromptHash),
            notification.GetTimestamp(NotificationFields.LeaseExpiresAt));
    }
}
