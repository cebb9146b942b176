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
    private const int MaxWriteAttempts = 4;
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);
    private static readonly string[] CreatedAndUpdated = [DescriptionFields.CreatedAt, DescriptionFields.UpdatedAt];
    private static readonly string[] Updated = [DescriptionFields.UpdatedAt];

    private string Collection => options.FirestoreCollection;

    /// <summary>
    /// Takes the object version for this instance, or says why there is nothing to do: a newer generation is
    /// stored, or this one is finished. While another instance holds a live lease, waits up to
    /// <c>DUPLICATE_WAIT</c> for it to finish or lapse (a crashed holder's lease lapses and is taken over).
    /// </summary>
    public async Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var documentId = DocumentId.FromObjectName(storageEvent.Data.Name!);
        var generation = storageEvent.Data.Generation ?? 0;
        var waitUntil = clock.GetUtcNow() + options.DuplicateWait;
        // Most uploads are new objects: try to create the document before reading it, which saves a round trip.
        var readFirst = false;
        for (var race = 0; race < MaxClaimRaces;)
        {
            var current = readFirst ? await firestore.GetAsync(Collection, documentId, cancellationToken) : null;
            readFirst = true;
            var now = clock.GetUtcNow();
            var decision = ClaimRules.Decide(current?.Fields, generation, now);
            if (decision.LeaseHeld && now < waitUntil)
            {
                await Task.Delay(LeasePoll, clock, cancellationToken);
                continue;
            }

            if (decision.SkipReason is not null)
            {
                return ClaimOutcome.Skip(decision.SkipReason, busy: decision.LeaseHeld);
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
                race++;
            }
        }

        throw new FirestoreException($"Could not claim document {documentId} after {MaxClaimRaces} contended attempts.", FirestoreStatus.Aborted, 409);
    }

    /// <summary>Extends the lease while the work goes on.</summary>
    public Task<bool> RenewLeaseAsync(DescriptionClaim claim, CancellationToken cancellationToken) =>
        UpdateAsync(claim, new DocumentFields(), [], renewLease: true, cancellationToken);

    /// <summary>Writes the partial text while the stream runs (status <c>streaming</c>).</summary>
    public Task<bool> WriteProgressAsync(DescriptionClaim claim, string partialText, int chunks, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Streaming)
            .Set(DescriptionFields.Description, DescriptionText.Cap(partialText).Text)
            .Set(DescriptionFields.Chunks, (long)chunks);
        return UpdateAsync(claim, fields, [], renewLease: true, cancellationToken);
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
        return UpdateAsync(claim, fields, [DescriptionFields.Error, DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken);
    }

    /// <summary>Records a permanent failure: the version will not be retried.</summary>
    public Task<bool> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Failed)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: false));
        return UpdateAsync(claim, fields, [DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken);
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
        return UpdateAsync(claim, fields, [], renewLease: false, cancellationToken);
    }

    private async Task<bool> UpdateAsync(DescriptionClaim claim, DocumentFields fields, IEnumerable<string> deleted, bool renewLease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await claim.WriteLock.WaitAsync(cancellationToken);
        try
        {
            if (claim.Lost)
            {
                return false;
            }

            if (renewLease)
            {
                fields.Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow() + options.LeaseDuration);
            }

            var mask = fields.Keys.Concat(deleted).Append(DescriptionFields.UpdatedAt).Select(FieldPath.Quote).ToArray();
            if (await CommitOwnedAsync(claim, fields, mask, cancellationToken) is { } updateTime)
            {
                claim.UpdateTimeRaw = updateTime;
                return true;
            }

            claim.Lost = true;
            return false;
        }
        finally
        {
            claim.WriteLock.Release();
        }
    }

    /// <summary>
    /// Commits a write conditional on the claim's update time. ABORTED (contention) and UNAVAILABLE beyond the
    /// client's own retries are tried again, since the precondition keeps the write safe; if a retry then finds the
    /// precondition failed, the document is read to tell "our earlier try landed" from "someone else wrote".
    /// Returns the new update time, or null when the claim was lost.
    /// </summary>
    private async Task<string?> CommitOwnedAsync(DescriptionClaim claim, DocumentFields fields, string[] mask, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var write = FirestoreWrite.Update(Collection, claim.DocumentId, fields, FirestorePrecondition.UpdateTime(claim.UpdateTimeRaw), Updated, mask);
            try
            {
                return (await firestore.CommitAsync([write], cancellationToken)).WriteResults[0].UpdateTimeRaw!;
            }
            catch (FirestoreException e) when (e.IsTransient && attempt < MaxWriteAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt) * (1 + Random.Shared.NextDouble())), clock, cancellationToken);
            }
            catch (FirestoreException e) when (e.Status is FirestoreStatus.FailedPrecondition or FirestoreStatus.NotFound)
            {
                return attempt > 1 ? await LandedAsync(claim, fields, cancellationToken) : null;
            }
        }
    }

    private async Task<string?> LandedAsync(DescriptionClaim claim, DocumentFields fields, CancellationToken cancellationToken)
    {
        var current = await firestore.GetAsync(Collection, claim.DocumentId, cancellationToken);
        var stored = current?.Fields;
        var ours = stored is not null
            && stored.GetString(DescriptionFields.EventId) == claim.Event.Id
            && stored.GetInt64(DescriptionFields.Generation) == claim.Event.Data.Generation
            && (!fields.ContainsKey(DescriptionFields.Status) || stored.GetString(DescriptionFields.Status) == fields.GetString(DescriptionFields.Status))
            && (!fields.ContainsKey(DescriptionFields.Description) || stored.GetString(DescriptionFields.Description) == fields.GetString(DescriptionFields.Description));
        return ours ? current!.UpdateTimeRaw : null;
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
        // A retry of the same version keeps its creation time and its last error; a new version starts afresh.
        if (current?.Fields.GetInt64(DescriptionFields.Generation) == generation)
        {
            if (current.Fields.GetTimestamp(DescriptionFields.CreatedAt) is { } createdAt)
            {
                fields.Set(DescriptionFields.CreatedAt, createdAt);
            }

            if (current.Fields.GetMap(DescriptionFields.Error) is { } lastError)
            {
                fields.Set(DescriptionFields.Error, lastError);
            }
        }

        return fields;
    }

    internal static DocumentFields ErrorFields(string code, string message, bool transient) =>
        new DocumentFields().Set("code", code).Set("message", message).Set("transient", transient);

    internal static bool IsLostRace(FirestoreException e) =>
        e.Status is FirestoreStatus.AlreadyExists or FirestoreStatus.FailedPrecondition or FirestoreStatus.Aborted;
}
