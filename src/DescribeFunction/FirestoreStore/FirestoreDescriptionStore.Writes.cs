using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

public sealed partial class FirestoreDescriptionStore
{
    private readonly DescriberIdentity _describer = DescriberIdentity.From(model);
    private readonly ConditionalCommit _commits = new(firestore, clock);

    public Task<bool> RenewLeaseAsync(DescriptionClaim claim, CancellationToken cancellationToken) =>
        UpdateAsync(claim, new DocumentFields(), [], renewLease: true, cancellationToken);

    public Task<bool> WriteProgressAsync(DescriptionClaim claim, string partialText, int chunks, CancellationToken cancellationToken) =>
        UpdateAsync(claim, DescriptionDocument.ProgressFields(partialText, chunks), [], renewLease: true, cancellationToken);

    public Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, CancellationToken cancellationToken) =>
        CompleteAsync(claim, result, embedding: null, cancellationToken);

    public Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, EmbeddingOutcome? embedding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fields = DescriptionDocument.DoneFields(result, _describer, NoticeOwedFor(DescriptionStatus.Done));
        var cleared = EmbeddingFields.AddTo(fields, embedding).Append(DescriptionFields.Error).Append(DescriptionFields.LeaseExpiresAt);
        return UpdateAsync(claim, fields, cleared, renewLease: false, cancellationToken,
            DailyUsage.Described(result.InputTokens, result.OutputTokens), EmbeddingFields.Usage(embeddingSettings, embedding));
    }

    public Task<bool> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken) =>
        UpdateAsync(claim, DescriptionDocument.FailedFields(code, message, notice: NoticeOwedFor(DescriptionStatus.Failed)), [DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken, DailyUsage.OneFailed);

    public Task<bool> FailWithOutputAsync(DescriptionClaim claim, string code, string message, string rawOutput, CancellationToken cancellationToken) =>
        UpdateAsync(claim, DescriptionDocument.FailedFields(code, message, rawOutput, NoticeOwedFor(DescriptionStatus.Failed)), [DescriptionFields.LeaseExpiresAt], renewLease: false, cancellationToken, DailyUsage.OneFailed);

    public Task<bool> ReleaseAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken) =>
        UpdateAsync(claim, DescriptionDocument.ReleasedFields(code, message, clock.GetUtcNow()), [], renewLease: false, cancellationToken);

    /// <param name="usage">Counted in the usage ledger by the same commit, so it lands exactly when the outcome does.</param>
    /// <param name="embeddingUsage">Embedding tokens, counted under the embedding model in the same commit.</param>
    private async Task<bool> UpdateAsync(DescriptionClaim claim, DocumentFields fields, IEnumerable<string> deleted, bool renewLease, CancellationToken cancellationToken, DailyUsage? usage = null, (string Model, DailyUsage Usage)? embeddingUsage = null)
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
                fields.Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow() + reliability.LeaseDuration);
            }

            var mask = fields.Keys.Concat(deleted).Append(DescriptionFields.UpdatedAt).Select(FieldPath.Quote).ToArray();
            // Once sent, a write is seen through, never abandoned: a renewal or progress write that lands after the
            // caller stopped listening would leave the claim's version stale, and the final write would then take
            // this instance's own renewal for another writer and give up the version. The client's timeout and
            // retry limit bound the wait; cancellation still applies while waiting for the lock above.
            if (await GuardAsync(() => CommitOwnedAsync(claim, fields, mask, usage, embeddingUsage, CancellationToken.None)) is { } updateTime)
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
    /// Commits a write conditional on the claim's update time (<see cref="ConditionalCommit"/>). Returns the new
    /// update time, or null when the claim was lost.
    /// </summary>
    private Task<string?> CommitOwnedAsync(DescriptionClaim claim, DocumentFields fields, string[] mask, DailyUsage? usage, (string Model, DailyUsage Usage)? embeddingUsage, CancellationToken cancellationToken) =>
        _commits.CommitAsync(
            () =>
            {
                var write = FirestoreWrite.Update(Collection, claim.DocumentId, fields, FirestorePrecondition.UpdateTime(claim.Version), Updated, mask);
                // One turn of the shards per counting commit, none for a renewal or progress write: the embedding
                // model's day has shards of its own, so it takes the same number. A turn each would leave each model
                // half its shards when USAGE_SHARDS is even, doubling the writes per shard.
                var shard = usage is null && embeddingUsage is null ? 0 : NextShard();
                var writes = WithUsage(write, usage, shard);
                return embeddingUsage is { } embedded ? [.. writes, UsageWrite(embedded.Model, embedded.Usage, shard)] : writes;
            },
            committed => committed.WriteResults[0].UpdateTimeRaw!,
            () => LandedAsync(claim, fields, cancellationToken),
            cancellationToken);

    private async Task<string?> LandedAsync(DescriptionClaim claim, DocumentFields fields, CancellationToken cancellationToken)
    {
        var current = await firestore.GetAsync(Collection, claim.DocumentId, cancellationToken);
        return DescriptionDocument.IsOurs(current?.Fields, claim, fields) ? current!.UpdateTimeRaw : null;
    }
}
