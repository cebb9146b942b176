using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Documents;
using DescribeFunction.Events;
using DescribeFunction.Firestore;

namespace DescribeFunction.Stores;

/// <summary>
/// <see cref="IDescriptionStore"/> on Firestore: one document per object name, claimed per generation with
/// compare-and-set writes (the claim's version is the document's update time), so that duplicates, retries and
/// out-of-order deliveries settle on exactly one description per object version.
/// </summary>
public sealed partial class FirestoreDescriptionStore(FirestoreClient firestore, FunctionSettings settings, TimeProvider clock) : IDescriptionStore
{
    private const int MaxClaimRaces = 8;
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(250);
    private static readonly string[] CreatedAndUpdated = [DescriptionFields.CreatedAt, DescriptionFields.UpdatedAt];
    private static readonly string[] Updated = [DescriptionFields.UpdatedAt];

    private int _nextShard = Random.Shared.Next();

    private string Collection => settings.FirestoreCollection;

    public Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken) =>
        GuardAsync(() => TakeAsync(storageEvent, reclaim, deferral: null, cancellationToken));

    public async Task<DeferOutcome> DeferAsync(StorageEvent storageEvent, string code, string message, CancellationToken cancellationToken)
    {
        var outcome = await GuardAsync(() => TakeAsync(storageEvent, reclaim: null, ErrorFields(code, message, transient: false), cancellationToken));
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
            return (IReadOnlyList<StoredVersion?>)[.. documents.Select(StoredVersionOf)];
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
        var waitUntil = clock.GetUtcNow() + settings.DuplicateWait;
        // Most uploads are new objects: try to create the document before reading it, which saves a round trip.
        var readFirst = false;
        for (var race = 0; race < MaxClaimRaces;)
        {
            var current = readFirst ? await firestore.GetAsync(Collection, documentId, cancellationToken) : null;
            readFirst = true;
            var now = clock.GetUtcNow();
            var decision = deferral is null
                ? ClaimRules.Decide(StoredVersionOf(current), generation, now, reclaim)
                : ClaimRules.DecideDeferral(StoredVersionOf(current), generation, now);
            if (decision.LeaseHeld && now < waitUntil)
            {
                await Task.Delay(LeasePoll, clock, cancellationToken);
                continue;
            }

            if (decision.SkipReason is not null)
            {
                return ClaimOutcome.Skip(decision.SkipReason, busy: decision.LeaseHeld);
            }

            var fields = ClaimFields(storageEvent, decision.Attempts, current, generation, deferral);
            var precondition = current is null ? FirestorePrecondition.MustNotExist : current.Unchanged;
            var timestamps = fields.ContainsKey(DescriptionFields.CreatedAt) ? Updated : CreatedAndUpdated;
            var write = FirestoreWrite.Replace(Collection, documentId, fields, precondition, timestamps);
            try
            {
                FirestoreWrite[] writes = deferral is null ? [write] : WithUsage(write, DailyUsage.OneDeferred);
                var result = (await firestore.CommitAsync(writes, cancellationToken)).WriteResults[0];
                return new ClaimOutcome(new DescriptionClaim(documentId, storageEvent, decision.Attempts, result.UpdateTimeRaw!), null);
            }
            catch (FirestoreException e) when (IsLostRace(e))
            {
                // Another delivery wrote between our read and our write: read again and decide again.
                race++;
            }
        }

        throw new DescriptionStoreException($"Could not claim document {documentId} after {MaxClaimRaces} contended attempts.", isTransient: true);
    }

    private static StoredVersion? StoredVersionOf(FirestoreDocument? document) => document?.Fields is not { } fields ? null : new StoredVersion(
        fields.GetInt64(DescriptionFields.Generation) ?? 0,
        fields.GetString(DescriptionFields.Status),
        fields.GetTimestamp(DescriptionFields.LeaseExpiresAt),
        (int)(fields.GetInt64(DescriptionFields.Attempts) ?? 0),
        DescriberOf(fields.GetMap(DescriptionFields.Describer)),
        fields.GetMap(DescriptionFields.Error)?.GetString("code"),
        document.UpdateTime);

    private static DescriberIdentity? DescriberOf(DocumentFields? map) =>
        map?.GetString(DescriptionFields.DescriberModel) is { } model && map.GetString(DescriptionFields.DescriberPromptHash) is { } hash
            ? new DescriberIdentity(model, hash)
            : null;

    private DocumentFields ClaimFields(StorageEvent storageEvent, int attempts, FirestoreDocument? current, long generation, DocumentFields? deferral)
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
        if (deferral is not null)
        {
            OwingNotice(fields.Set(DescriptionFields.Error, deferral), DescriptionStatus.Deferred);
        }
        else
        {
            fields.Set(DescriptionFields.LeaseExpiresAt, clock.GetUtcNow() + settings.LeaseDuration);
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

    /// <summary>
    /// The write and, when there is usage to count, an increment of one ledger shard for today, to go in one
    /// commit. Shards are taken in turn from a random start, so this instance spreads its writes evenly.
    /// </summary>
    private FirestoreWrite[] WithUsage(FirestoreWrite write, DailyUsage? usage)
    {
        if (usage is not { } delta)
        {
            return [write];
        }

        var shard = (int)((uint)Interlocked.Increment(ref _nextShard) % (uint)settings.UsageShards);
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return [write, UsageLedgerDocuments.Increment(settings, day, shard, delta)];
    }

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
