namespace DescribeFunction.Store;

/// <summary>
/// A finished version whose notice is still owed (<c>notification.state = pending</c>), with what its message
/// carries. <see cref="Version"/> is the store's token for the document as read, so marking the notice sent is a
/// compare-and-set: it never overwrites a newer generation or a re-description. Until <see cref="LeaseExpiresAt"/>
/// the delivery that wrote the outcome is publishing it, so a duplicate waits instead of publishing a second copy.
/// </summary>
public sealed record OwedNotice(
    string DocumentId,
    string DocumentPath,
    string Version,
    string Bucket,
    string Name,
    long Generation,
    string Status,
    string? ContentType,
    string? Description,
    string? AltText,
    IReadOnlyList<string>? Labels,
    string? ErrorCode,
    string? ErrorMessage,
    string? DescriberModel,
    string? DescriberPromptHash,
    DateTimeOffset? LeaseExpiresAt);

/// <summary>The <c>notification</c> map of a description document: {<c>state</c>, <c>messageId</c>, <c>sentAt</c>}.</summary>
public static class NotificationFields
{
    public const string Notification = "notification";
    public const string State = "state";
    public const string MessageId = "messageId";
    public const string SentAt = "sentAt";

    /// <summary>Until when the delivery that wrote the outcome is publishing the notice.</summary>
    public const string LeaseExpiresAt = "leaseExpiresAt";

    /// <summary>Recorded by the final commit: a notice is owed.</summary>
    public const string Pending = "pending";

    /// <summary>Pub/Sub accepted the notice; <see cref="MessageId"/> is its id.</summary>
    public const string Sent = "sent";
}
