using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Events;
using DescribeFunction.Firestore;

namespace DescribeFunction.Documents;

/// <summary>
/// The description documents: one per object name, claimed per generation with compare-and-set writes so that
/// duplicates, retries and out-of-order deliveries settle on exactly one description per object version.
/// </summary>
public sealed class DescriptionStore(FirestoreClient firestore, DescribeOptions options, TimeProvider clock)
{
    private const int MaxClaimRaces = 8;
    private static readonly string[] CreatedAndUpdated = [DescriptionFields.CreatedAt, DescriptionFields.UpdatedAt];
    private static readonly string[] Updated = [DescriptionFields.UpdatedAt];

    private string Collection => options.FirestoreCollection;

    public Task<FirestoreDocument?> GetAsync(string objectName, CancellationToken cancellationToken) =>
        firestore.GetAsync(Collection, DocumentId.FromObjectName(objectName), cancellationToken);

    /// <summary>
    /// Takes the object version for this instance, or says why there is nothing to do: a newer generation is
    /// stored, this one is finished, or another instance holds a live lease on it.
    /// </summary>
    public async Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var documentId = DocumentId.FromObjectName(storageEvent.Data.Name!);
        var generation = storageEvent.Data.Generation ?? 0;
        for (var race = 0; race < MaxClaimRaces; race++)
        {
            var current = await firestore.GetAsync(Collection, documentId, cancellationToken);
            var decision = ClaimRules.Decide(current?.Fields, generation, clock.GetUtcNow());
            if (decision.SkipReason is not null)
            {
                return ClaimOutcome.Skip(decision.SkipReason);
            }

            var fields = ClaimFields(storageEvent, decision.Attempts, current, generation);
            var precondition = current is null ? FirestorePrecondition.MustNotExist : current.Unchanged;
            var timestamps = fields.ContainsKey(DescriptionFields.CreatedAt) ? Updated : CreatedAndUpdated;
            try
            {
                var result = (await firestore.CommitAsync([FirestoreWrite.Replace(Collection, documentId, fields, precondition, timestamps)], cancellationToken)).WriteResults[0];
                return new ClaimOutcome(new DescriptionClaim(documentId, storageEvent, decision.Attempts, result.UpdateTimeRaw!), null);
            }
            catch (FirestoreException e) when (IsLostRace(e))
            {
                // Another delivery wrote between our read and our write: read again and decide again.
            }
        }

        throw new FirestoreException($"Could not claim document {documentId} after {MaxClaimRaces} contended attempts.", FirestoreStatus.Aborted, 409);
    }

    /// <summary>Writes the partial text while the stream runs (status <c>streaming</c>).</summary>
    public Task WriteProgressAsync(DescriptionClaim claim, string partialText, int chunks, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Streaming)
            .Set(DescriptionFields.Description, DescriptionText.Cap(partialText).Text)
            .Set(DescriptionFields.Chunks, (long)chunks);
        return UpdateAsync(claim, fields, [], cancellationToken);
    }

    /// <summary>Records the finished description; false if the claim was lost to another instance meanwhile.</summary>
    public Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (text, truncated) = DescriptionText.Cap(result.Text);
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Done)
            .Set(DescriptionFields.Description, text)
            .Set(DescriptionFields.Truncated, truncated)
            .Set(DescriptionFields.Model, result.Model)
            .Set(DescriptionFields.FinishReason, result.RawFinishReason ?? result.FinishReason)
            .Set(DescriptionFields.Usage, new DocumentFields()
                .Set("inputTokens", (long?)result.InputTokens)
                .Set("outputTokens", (long?)result.OutputTokens))
            .Set(DescriptionFields.Timings, new DocumentFields()
                .Set("timeToFirstTokenMs", (long?)result.TimeToFirstToken?.TotalMilliseconds)
                .Set("totalMs", (long)result.Total.TotalMilliseconds))
            .Set(DescriptionFields.Chunks, (long)result.Chunks);
        return UpdateAsync(claim, fields, [DescriptionFields.Error, DescriptionFields.LeaseExpiresAt], cancellationToken);
    }

    /// <summary>Records a permanent failure: the version will not be retried.</summary>
    public Task<bool> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Failed)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: false));
        return UpdateAsync(claim, fields, [DescriptionFields.LeaseExpiresAt], cancellationToken);
    }

    /// <summary>
    /// Gives the version back after a transient failure: the error is recorded and the lease ends now, so the
    /// redelivery Eventarc makes can claim it at once.
    /// </summary>
    public Task<bool> ReleaseAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Processing)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: true))
            .Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow());
        return UpdateAsync(claim, fields, [], cancellationToken);
    }

    private async Task<bool> UpdateAsync(DescriptionClaim claim, DocumentFields fields, IEnumerable<string> deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var mask = fields.Keys.Concat(deleted).Append(DescriptionFields.UpdatedAt).Select(FieldPath.Quote);
        var write = FirestoreWrite.Update(Collection, claim.DocumentId, fields, FirestorePrecondition.UpdateTime(claim.UpdateTimeRaw), Updated, mask);
        try
        {
            var result = (await firestore.CommitAsync([write], cancellationToken)).WriteResults[0];
            claim.UpdateTimeRaw = result.UpdateTimeRaw!;
            return true;
        }
        catch (FirestoreException e) when (IsLostRace(e) || e.Status == FirestoreStatus.NotFound)
        {
            return false;
        }
    }

    private DocumentFields ClaimFields(StorageEvent storageEvent, int attempts, FirestoreDocument? current, long generation)
    {
        var data = storageEvent.Data;
        var fields = new DocumentFields()
            .Set(DescriptionFields.Bucket, storageEvent.Bucket)
            .Set(DescriptionFields.Name, data.Name)
            .Set(DescriptionFields.GsUri, $"gs://{storageEvent.Bucket}/{data.Name}")
            .Set(DescriptionFields.Generation, generation)
            .Set(DescriptionFields.ContentType, data.ContentType)
            .Set(DescriptionFields.Size, data.Size)
            .Set(DescriptionFields.Status, DescriptionStatus.Processing)
            .Set(DescriptionFields.Attempts, (long)attempts)
            .Set(DescriptionFields.EventId, storageEvent.Id)
            .Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow() + options.LeaseDuration);
        // A retry of the same version keeps its creation time; a new version starts a new document.
        if (current?.Fields.GetInt64(DescriptionFields.Generation) == generation && current.Fields.GetTimestamp(DescriptionFields.CreatedAt) is { } createdAt)
        {
            fields.Set(DescriptionFields.CreatedAt, createdAt);
        }

        return fields;
    }

    private static DocumentFields ErrorFields(string code, string message, bool transient) =>
        new DocumentFields().Set("code", code).Set("message", message).Set("transient", transient);

    private static bool IsLostRace(FirestoreException e) =>
        e.Status is FirestoreStatus.AlreadyExists or FirestoreStatus.FailedPrecondition or FirestoreStatus.Aborted;
}
