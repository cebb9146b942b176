using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Events;

namespace DescribeFunction.Store;

/// <summary>
/// Where description documents live, in the function's own words: claim an object version, keep the claim alive,
/// record progress and the outcome. Every write after the claim is conditional on the claim's version, so a claim
/// that another instance has taken over can no longer write (the write returns false and the claim is marked lost).
/// Failures of the store itself surface as <see cref="DescriptionStoreException"/>.
/// </summary>
public interface IDescriptionStore
{
    /// <summary>
    /// Takes the object version for this instance, or says why there is nothing to do: a newer generation is stored,
    /// or this one is finished. While another instance holds a live lease, waits up to <c>DUPLICATE_WAIT</c> for it
    /// to finish or lapse.
    /// </summary>
    Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, CancellationToken cancellationToken) =>
        ClaimAsync(storageEvent, reclaim: null, cancellationToken);

    /// <summary>
    /// As <see cref="ClaimAsync(StorageEvent, CancellationToken)"/>, but a finished version of the same generation is
    /// claimed again when <paramref name="reclaim"/> says so (re-description keeps the old <c>describer</c> as
    /// <c>previousDescriber</c>).
    /// </summary>
    Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken);

    /// <summary>What is stored for each object name, in order, null where nothing is: one round trip for many names.</summary>
    Task<IReadOnlyList<StoredVersion?>> GetVersionsAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken);

    /// <summary>Extends the claim's lease while the work goes on.</summary>
    Task<bool> RenewLeaseAsync(DescriptionClaim claim, CancellationToken cancellationToken);

    /// <summary>Writes the partial text while the stream runs (status <c>streaming</c>).</summary>
    Task<bool> WriteProgressAsync(DescriptionClaim claim, string partialText, int chunks, CancellationToken cancellationToken);

    /// <summary>Records the finished description, and counts it in the usage ledger in the same atomic write.</summary>
    Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, CancellationToken cancellationToken) =>
        CompleteAsync(claim, result, embedding: null, cancellationToken);

    /// <summary>
    /// As <see cref="CompleteAsync(DescriptionClaim, DescriptionResult, CancellationToken)"/>, with the description's
    /// vector (or the error that left it without one) in the same commit; null when embeddings are off, which clears
    /// any vector an earlier description left.
    /// </summary>
    Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, EmbeddingOutcome? embedding, CancellationToken cancellationToken);

    /// <summary>Records a permanent failure (the version will not be retried), counted in the usage ledger in the same write.</summary>
    Task<bool> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken);

    /// <summary>Records a permanent failure caused by what the model wrote, keeping that text (capped) as <c>rawOutput</c>.</summary>
    Task<bool> FailWithOutputAsync(DescriptionClaim claim, string code, string message, string rawOutput, CancellationToken cancellationToken);

    /// <summary>
    /// Records the version <c>deferred</c> with the error, without a claim or a model call: a daily budget is spent.
    /// The same rules as a claim decide whether there is anything to record (a newer generation, a finished or an
    /// already deferred version is left alone; a live lease elsewhere is waited for). A deferral counts once in the
    /// usage ledger, in the same write.
    /// </summary>
    Task<DeferOutcome> DeferAsync(StorageEvent storageEvent, string code, string message, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the version back after a transient failure: the error is recorded and the lease ends now, so the
    /// redelivery can claim it at once.
    /// </summary>
    Task<bool> ReleaseAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <c>ON_DELETE</c> to the document of the deleted generation only, so the delete of an overwritten
    /// version never touches its successor's description. Returns what was done, for the log.
    /// </summary>
    Task<string> ApplyDeleteAsync(StorageEvent storageEvent, DeletePolicy policy, CancellationToken cancellationToken);
}
