using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// <see cref="IDescriptionStore"/> on Firestore: one document per object name, claimed per generation with
/// compare-and-set writes (the claim's version is the document's update time), so that duplicates, retries and
/// out-of-order deliveries settle on exactly one description per object version. This file is the claim; the writes
/// under a claim are in <c>FirestoreDescriptionStore.Writes.cs</c>, the fields in <see cref="DescriptionDocument"/>.
/// </summary>
public sealed partial class FirestoreDescriptionStore(
    FirestoreClient firestore,
    StoreSettings storeSettings,
    ReliabilitySettings reliability,
    FilterSettings filter,
    ModelSettings model,
    LedgerSettings ledger,
    EmbeddingSettings embeddingSettings,
    NoticeSettings notices,
    TimeProvider clock) : IDescriptionStore
{
    private const int MaxClaimRaces = 8;
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);
    private static readonly string[] CreatedAndUpdated = [DescriptionFields.CreatedAt, DescriptionFields.UpdatedAt];
    private static readonly string[] Updated = [DescriptionFields.UpdatedAt];

    private readonly OwnerPattern? _owners = OwnerPattern.FromSetting(filter.OwnerPattern);
    private int _nextShard = Random.Shared.Next();

    private string Collection => storeSettings.FirestoreCollection;

    public Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken) =>
        GuardAsync(() => TakeAsync(storageEvent, reclaim, deferral: null, cancellationToken));

    public async Task<DeferOutcome> DeferAsync(StorageEvent storageEvent, string code, string message, CancellationToken cancellationToken)
    {
        var outcome = await GuardAsync(() => TakeAsync(storageEvent, reclaim: null, DescriptionDocument.ErrorFields(code, message, transient: false), cancellationToken));
        using (outcome.Claim)
        {
            return new DeferOutcome(outcome.Claim is not null, outcome.SkipReason, outcome.Busy);
        }
    }

    public Task<IReadOnlyList<StoredVersion?>> GetVersionsAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(objectNames);
            var documents = await firestore.BatchGetAsync(objectNames.Select(n => (Collection, DocumentId.FromObjectName(n))), cancellationToken);
            return (IReadOnlyList<StoredVersion?>)[.. documents.Select(DescriptionDocument.StoredVersionOf)];
        });

    /// <summary>
    /// Claims the version, or with a <paramref name="deferral"/> error records it <c>deferred</c> (no lease, counted
    /// in the usage ledger by the same commit): one compare-and-set loop for both, so they follow the same rules.
    /// </summary>
    private async Task<ClaimOutcome> TakeAsync(StorageEvent storageEvent, ReclaimRule? reclaim, DocumentFields? deferral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var documentId = DocumentId.FromObjectName(storageEvent.Data.Name!);
        var generation = storageEvent.Data.Generation ?? 0;
        var waitUntil = clock.GetUtcNow() + reliability.DuplicateWait;
        // Most uploads are new objects: try to create the document before reading it, which saves a round trip.
        var readFirst = false;
        for (var race = 0; race < MaxClaimRaces;)
        {
            var current = readFirst ? await firestore.GetAsync(Collection, documentId, cancellationToken) : null;
            readFirst = true;
            var now = clock.GetUtcNow();
            var decision = deferral is null
                ? ClaimRules.Decide(DescriptionDocument.StoredVersionOf(current), generation, now, reliability.MaxAttempts, reclaim)
                : ClaimRules.DecideDeferral(DescriptionDocument.StoredVersionOf(current), generation, now);
            if (decision.LeaseHeld && now < waitUntil)
            {
                await Task.Delay(LeasePoll, clock, cancellationToken);
                continue;
            }

            if (decision.SkipReason is not null)
            {
                return ClaimOutcome.Skip(decision.SkipReason, busy: decision.LeaseHeld);
            }

            var owner = _owners?.OwnerOf(storageEvent.Data.Name!);
            var fields = DescriptionDocument.ClaimFields(storageEvent, decision.Attempts, current, generation, deferral, now + reliability.LeaseDuration, owner,
                deferral is null ? null : NoticeOwedFor(DescriptionStatus.Deferred));
            var precondition = current is null ? FirestorePrecondition.MustNotExist : current.Unchanged;
            var timestamps = fields.ContainsKey(DescriptionFields.CreatedAt) ? Updated : CreatedAndUpdated;
            var write = FirestoreWrite.Replace(Collection, documentId, fields, precondition, timestamps);
            try
            {
                FirestoreWrite[] writes = deferral is null ? [write] : WithUsage(write, DailyUsage.OneDeferred);
                var result = (await firestore.CommitAsync(writes, cancellationToken)).WriteResults[0];
                return new ClaimOutcome(new DescriptionClaim(documentId, storageEvent, decision.Attempts, result.UpdateTimeRaw!, decision.OutOfAttempts), null);
            }
            catch (FirestoreException e) when (IsLostRace(e))
            {
                // Another delivery wrote between our read and our write: read again and decide again.
                race++;
            }
        }

        throw new DescriptionStoreException($"Could not claim document {documentId} after {MaxClaimRaces} contended attempts.", isTransient: true);
    }

    /// <summary>
    /// The write and, when there is usage to count, an increment of one ledger shard for today, to go in one
    /// commit. Shards are taken in turn from a random start, so this instance spreads its writes evenly.
    /// </summary>
    /// <param name="shard">The shard to increment (from <see cref="NextShard"/>), or null for the next one.</param>
    private FirestoreWrite[] WithUsage(FirestoreWrite write, DailyUsage? usage, int? shard = null) =>
        usage is { } delta ? [write, UsageWrite(model.DescribeModel, delta, shard)] : [write];

    /// <summary>An increment of one of today's ledger shards under <paramref name="model"/>, to go in a commit beside the write it counts.</summary>
    /// <param name="shard">The shard to increment (from <see cref="NextShard"/>), or null for the next one.</param>
    private FirestoreWrite UsageWrite(string model, DailyUsage delta, int? shard = null)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return UsageLedgerDocuments.Increment(ledger.FirestoreUsageCollection, day, shard ?? NextShard(), model, delta);
    }

    /// <summary>This instance's next ledger shard, taken in turn from a random start.</summary>
    private int NextShard() => (int)((uint)Interlocked.Increment(ref _nextShard) % (uint)ledger.UsageShards);

    private static bool IsLostRace(FirestoreException e) =>
        e.Status is FirestoreStatus.AlreadyExists or FirestoreStatus.FailedPrecondition or FirestoreStatus.Aborted;

    /// <summary>Firestore's own failures leave this class as the store's exception, so callers never see Firestore types.</summary>
    private static async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (FirestoreException e)
        {
            throw new DescriptionStoreException(e.Message, e.IsTransient, e);
        }
    }
}
