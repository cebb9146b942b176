using DescribeFunction.Describing;
using DescribeFunction.Documents;
using DescribeFunction.Firestore;
using DescribeFunction.Reliability;

namespace DescribeFunction.Stores;

public sealed partial class FirestoreDescriptionStore
{
    private const int MaxWriteAttempts = 4;

    private readonly DescriberIdentity _describer = DescriberIdentity.From(settings);
    private static readonly Backoff WriteBackoff = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2));

    public Task<bool> RenewLeaseAsync(DescriptionClaim claim, CancellationToken cancellationToken) =>
        UpdateAsync(claim, new DocumentFields(), [], renewLease: true, cancellationToken);

    public Task<bool> WriteProgressAsync(DescriptionClaim claim, string partialText, int chunks, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Streaming)
            .Set(DescriptionFields.Description, DescriptionText.Cap(partialText).Text)
            .Set(DescriptionFields.Chunks, (long)chunks);
        return UpdateAsync(claim, fields, [], renewLease: true, cancellationToken);
    }

    public Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (text, truncated) = DescriptionText.Cap(result.Text);
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Done)
            .Set(DescriptionFields.Description, text)
            .Set(DescriptionFields.Truncated, truncated)
            .Set(DescriptionFields.Model, result.Model)
            .Set(DescriptionFields.Describer, new DocumentFields()
                .Set(DescriptionFields.DescriberModel, _describer.Model)
                .Set(DescriptionFields.DescriberPromptHash, _describer.PromptHash))
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

        return UpdateAsync(claim, OwingNotice(fields, DescriptionStatus.Done), [DescriptionFields.Error, DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken,
            DailyUsage.Described(result.InputTokens, result.OutputTokens));
    }

    public Task<bool> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Failed)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: false));
        return UpdateAsync(claim, OwingNotice(fields, DescriptionStatus.Failed), [DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken, DailyUsage.OneFailed);
    }

    public Task<bool> FailWithOutputAsync(DescriptionClaim claim, string code, string message, string rawOutput, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Failed)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: false))
            .Set(DescriptionFields.RawOutput, DescriptionText.Cap(rawOutput, StructuredFields.MaxRawOutputBytes).Text);
        return UpdateAsync(claim, OwingNotice(fields, DescriptionStatus.Failed), [DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken, DailyUsage.OneFailed);
    }

    public Task<bool> ReleaseAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken)
    {
        var fields = new DocumentFields()
            .Set(DescriptionFields.Status, DescriptionStatus.Processing)
            .Set(DescriptionFields.Error, ErrorFields(code, message, transient: true))
            .Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow());
        return UpdateAsync(claim, fields, [], renewLease: false, cancellationToken);
    }

    /// <param name="usage">Counted in the usage ledger by the same commit, so it lands exactly when the outcome does.</param>
    private async Task<bool> UpdateAsync(DescriptionClaim claim, DocumentFields fields, IEnumerable<string> deleted, bool renewLease, CancellationToken cancellationToken, DailyUsage? usage = null)
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
                fields.Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow() + settings.LeaseDuration);
            }

            var mask = fields.Keys.Concat(deleted).Append(DescriptionFields.UpdatedAt).Select(FieldPath.Quote).ToArray();
            // Once sent, a write is seen through, never abandoned: a renewal or progress write that lands after the
            // caller stopped listening would leave the claim's version stale, and the final write would then take
            // this instance's own renewal for another writer and give up the version. The client's timeout and
            // retry limit bound the wait; cancellation still applies while waiting for the lock above.
            if (await GuardAsync(() => CommitOwnedAsync(claim, fields, mask, usage, CancellationToken.None)) is { } updateTime)
            {
                claim.Version = updateTime;
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
    private async Task<string?> CommitOwnedAsync(DescriptionClaim claim, DocumentFields fields, string[] mask, DailyUsage? usage, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var write = FirestoreWrite.Update(Collection, claim.DocumentId, fields, FirestorePrecondition.UpdateTime(claim.Version), Updated, mask);
            try
            {
                return (await firestore.CommitAsync(WithUsage(write, usage), cancellationToken)).WriteResults[0].UpdateTimeRaw!;
            }
            catch (FirestoreException e) when (e.IsTransient && attempt < MaxWriteAttempts)
            {
                await Task.Delay(WriteBackoff.Before(attempt), clock, cancellationToken);
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

    private static DocumentFields ErrorFields(string code, string message, bool transient) =>
        new DocumentFields().Set("code", code).Set("message", message).Set("transient", transient);
}
