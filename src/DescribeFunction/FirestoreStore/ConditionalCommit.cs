using DescribeFunction.Firestore;
using DescribeFunction.Retries;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// The one loop for a commit whose first write is conditional on the document's update time (a claim's write, a
/// re-embedding). ABORTED (contention) and UNAVAILABLE beyond the client's own retries are tried again, since the
/// precondition keeps the write safe; if a retry then finds the precondition failed or the document gone, the caller
/// reads the document to tell "our earlier try landed" from "someone else wrote". On the first try it is always
/// someone else.
/// </summary>
/// <param name="backoff">The wait between tries; tests pass <see cref="Backoff.None"/>.</param>
internal sealed class ConditionalCommit(FirestoreClient firestore, TimeProvider clock, Backoff? backoff = null)
{
    public const int MaxAttempts = 4;

    private static readonly Backoff DefaultBackoff = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2));

    private readonly Backoff _backoff = backoff ?? DefaultBackoff;

    /// <param name="writesForAttempt">
    /// The commit's writes, asked again for every try: a caller that counts usage turns to the next ledger shard per
    /// try, one that built its writes once hands the same ones back.
    /// </param>
    /// <param name="committed">The caller's answer for a commit that succeeded.</param>
    /// <param name="earlierTryLanded">
    /// After a retry met a failed precondition: the caller's answer when the stored document is what its own earlier
    /// try left, or <c>default</c> when someone else wrote.
    /// </param>
    /// <returns><paramref name="committed"/>'s or <paramref name="earlierTryLanded"/>'s answer; <c>default</c> when the write lost.</returns>
    public async Task<T?> CommitAsync<T>(Func<FirestoreWrite[]> writesForAttempt, Func<CommitResult, T> committed, Func<Task<T?>> earlierTryLanded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writesForAttempt);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(earlierTryLanded);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return committed(await firestore.CommitAsync(writesForAttempt(), cancellationToken));
            }
            catch (FirestoreException e) when (e.IsTransient && attempt < MaxAttempts)
            {
                await Task.Delay(_backoff.Before(attempt), clock, cancellationToken);
            }
            catch (FirestoreException e) when (e.Status is FirestoreStatus.FailedPrecondition or FirestoreStatus.NotFound)
            {
                return attempt > 1 ? await earlierTryLanded() : default;
            }
        }
    }
}
