using DescribeFunction.Describing;
using DescribeFunction.Events;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// The field mapping of a description document: what a claim, a result, a failure or a release writes, and what the
/// claim rules read back. The compare-and-set protocol that writes these is <see cref="FirestoreDescriptionStore"/>.
/// </summary>
internal static class DescriptionDocument
{
    public static StoredVersion? StoredVersionOf(FirestoreDocument? document) => document?.Fields is not { } fields ? null : new StoredVersion(
        fields.GetInt64(DescriptionFields.Generation) ?? 0,
        fields.GetString(DescriptionFields.Status),
        fields.GetTimestamp(DescriptionFields.LeaseExpiresAt),
        (int)(fields.GetInt64(DescriptionFields.Attempts) ?? 0),
        DescriberOf(fields.GetMap(DescriptionFields.Describer)),
        fields.GetMap(DescriptionFields.Error)?.GetString(DescriptionFields.ErrorCode),
        document.UpdateTime);

    /// <param name="leaseExpiresAt">The new lease; ignored for a deferral, which holds none.</param>
    /// <param name="owner">From <c>OWNER_PATTERN</c>; null writes no <c>owner</c> field.</param>
    /// <param name="notice">With a deferral, the <see cref="PendingNotice"/> its commit records as owed; null records none.</param>
    public static DocumentFields ClaimFields(StorageEvent storageEvent, int attempts, FirestoreDocument? current, long generation, DocumentFields? deferral, DateTimeOffset leaseExpiresAt, string? owner, DocumentFields? notice = null)
    {
        var data = storageEvent.Data;
        var fields = new DocumentFields()
            .Set(DescriptionFields.Bucket, storageEvent.Bucket)
            .Set(DescriptionFields.Name, data.Name)
            .Set(DescriptionFields.GsUri, $"gs://{storageEvent.Bucket}/{data.Name}")
            .Set(DescriptionFields.Generation, generation)
            .Set(DescriptionFields.ContentType, data.ContentType)
            .Set(DescriptionFields.Size, data.Size)
            .Set(DescriptionFields.Status, deferral is null ? DescriptionStatus.Processing : DescriptionStatus.Deferred)
            .Set(DescriptionFields.Attempts, (long)attempts)
            .Set(DescriptionFields.EventId, storageEvent.Id);
        // The claim replaces the whole document and later writes keep its fields, so every state carries the owner.
        if (owner is not null)
        {
            fields.Set(DescriptionFields.Owner, owner);
        }

        if (deferral is not null)
        {
            WithNotice(fields.Set(DescriptionFields.Error, deferral), notice);
        }
        else
        {
            fields.Set(DescriptionFields.LeaseExpiresAt, leaseExpiresAt);
        }

        // A retry of the same version keeps its creation time and its last error; a new version starts afresh.
        if (current?.Fields.GetInt64(DescriptionFields.Generation) == generation)
        {
            if (current.Fields.GetTimestamp(DescriptionFields.CreatedAt) is { } createdAt)
            {
                fields.Set(DescriptionFields.CreatedAt, createdAt);
            }

            if (deferral is null && current.Fields.GetMap(DescriptionFields.Error) is { } lastError)
            {
                fields.Set(DescriptionFields.Error, lastError);
            }

            CarryOverForRedescription(current.Fields, fields);
        }

        return fields;
    }

    public static DocumentFields ProgressFields(string partialText, int chunks) => new DocumentFields()
        .Set(DescriptionFields.Status, DescriptionStatus.Streaming)
        .Set(DescriptionFields.Description, DescriptionText.Cap(partialText).Text)
        .Set(DescriptionFields.Chunks, (long)chunks);

    /// <param name="notice">The <see cref="PendingNotice"/> this final commit records as owed; null records none.</param>
    public static DocumentFields DoneFields(DescriptionResult result, DescriberIdentity describer, DocumentFields? notice = null)
    {
        var (text, truncated) = DescriptionText.Cap(result.Text);
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Done)
            .Set(DescriptionFields.Description, text)
            .Set(DescriptionFields.Truncated, truncated)
            .Set(DescriptionFields.Model, result.Model)
            .Set(DescriptionFields.Describer, new DocumentFields()
                .Set(DescriptionFields.DescriberModel, describer.Model)
                .Set(DescriptionFields.DescriberPromptHash, describer.PromptHash))
            .Set(DescriptionFields.FinishReason, result.RawFinishReason ?? result.FinishReason)
            .Set(DescriptionFields.Usage, new DocumentFields()
                .Set("inputTokens", (long?)result.InputTokens)
                .Set("outputTokens", (long?)result.OutputTokens))
            .Set(DescriptionFields.Timings, new DocumentFields()
                .Set("timeToFirstTokenMs", (long?)result.TimeToFirstToken?.TotalMilliseconds)
                .Set("totalMs", (long)result.Total.TotalMilliseconds))
            .Set(DescriptionFields.Chunks, (long)result.Chunks);
        if (result.Structured is { } structured)
        {
            StructuredFields.AddTo(fields, structured);
        }

        return WithNotice(fields, notice);
    }

    /// <param name="notice">The <see cref="PendingNotice"/> this final commit records as owed; null records none.</param>
    public static DocumentFields FailedFields(string code, string message, string? rawOutput = null, DocumentFields? notice = null)
    {
        var fields = WithNotice(new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Failed)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: false)), notice);
        return rawOutput is null
            ? fields
            : fields.Set(DescriptionFields.RawOutput, DescriptionText.Cap(rawOutput, StructuredFields.MaxRawOutputBytes).Text);
    }

    /// <summary>Given back for a redelivery: still <c>processing</c>, the transient error recorded, the lease ended now.</summary>
    public static DocumentFields ReleasedFields(string code, string message, DateTimeOffset now) => new DocumentFields()
        .Set(DescriptionFields.Status, DescriptionStatus.Processing)
        .Set(DescriptionFields.Error, ErrorFields(code, message, transient: true))
        .Set(DescriptionFields.LeaseExpiresAt, now);

    /// <summary>
    /// The <c>notification</c> a final write carries in its own commit when its status owes a notice: pending, and
    /// leased until <paramref name="leaseExpiresAt"/> to the delivery that wrote it, which publishes it.
    /// </summary>
    public static DocumentFields PendingNotice(DateTimeOffset leaseExpiresAt) => new DocumentFields()
        .Set(NotificationFields.State, NotificationFields.Pending)
        .Set(NotificationFields.LeaseExpiresAt, leaseExpiresAt);

    public static DocumentFields ErrorFields(string code, string message, bool transient) =>
        ErrorMap(code, message).Set(DescriptionFields.ErrorTransient, transient);

    /// <summary>{<c>code</c>, <c>message</c>}: the shape of both <c>error</c> and <c>embeddingError</c>.</summary>
    public static DocumentFields ErrorMap(string? code, string? message) =>
        new DocumentFields().Set(DescriptionFields.ErrorCode, code).Set(DescriptionFields.ErrorMessage, message);

    /// <summary>Whether the stored document is the one our write would have left (an earlier try landed).</summary>
    public static bool IsOurs(DocumentFields? stored, DescriptionClaim claim, DocumentFields fields) =>
        stored is not null
        && stored.GetString(DescriptionFields.EventId) == claim.Event.Id
        && stored.GetInt64(DescriptionFields.Generation) == claim.Event.Data.Generation
        && (!fields.ContainsKey(DescriptionFields.Status) || stored.GetString(DescriptionFields.Status) == fields.GetString(DescriptionFields.Status))
        && (!fields.ContainsKey(DescriptionFields.Description) || stored.GetString(DescriptionFields.Description) == fields.GetString(DescriptionFields.Description));

    private static DocumentFields WithNotice(DocumentFields fields, DocumentFields? notice) =>
        notice is null ? fields : fields.Set(NotificationFields.Notification, notice);

    private static DescriberIdentity? DescriberOf(DocumentFields? map) =>
        map?.GetString(DescriptionFields.DescriberModel) is { } model && map.GetString(DescriptionFields.DescriberPromptHash) is { } hash
            ? new DescriberIdentity(model, hash)
            : null;

    /// <summary>
    /// Re-describing a <c>done</c> version keeps its describer as <c>previousDescriber</c> and its text in place until
    /// the new description replaces it; a retry of a re-description keeps both as the first try left them.
    /// </summary>
    private static void CarryOverForRedescription(DocumentFields stored, DocumentFields fields)
    {
        var previous = stored.GetString(DescriptionFields.Status) == DescriptionStatus.Done
            ? stored.GetMap(DescriptionFields.Describer) ?? LegacyDescriber(stored)
            : stored.GetMap(DescriptionFields.PreviousDescriber);
        if (previous is null)
        {
            return;
        }

        fields.Set(DescriptionFields.PreviousDescriber, previous);
        if (stored.GetString(DescriptionFields.Description) is { } description)
        {
            fields.Set(DescriptionFields.Description, description);
        }
    }

    /// <summary>A description stored before documents recorded their describer still names its model.</summary>
    private static DocumentFields? LegacyDescriber(DocumentFields stored) =>
        stored.GetString(DescriptionFields.Model) is { } model ? new DocumentFields().Set(DescriptionFields.DescriberModel, model) : null;
}
