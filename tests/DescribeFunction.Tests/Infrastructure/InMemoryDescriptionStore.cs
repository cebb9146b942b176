using System.Collections.Concurrent;
using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Events;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The description store in memory, with the same claim rules and compare-and-set versions as the Firestore one,
/// and its usage ledger, counted with each outcome under the same lock: what lets tests drive the function directly
/// and look at exactly what it recorded.
/// </summary>
internal sealed class InMemoryDescriptionStore(TimeProvider clock, TimeSpan lease, int maxAttempts) : IDescriptionStore, IUsageLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredDescription> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, DailyUsage> _ledger = [];

    /// <summary>Ledger reads so far.</summary>
    public int LedgerReads { get; private set; }
    private long _versions;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>An exception to throw instead of a write, chosen by the call's name ("renew", "complete", …); null writes.</summary>
    public Func<string, Exception?>? Fault { get; set; }

    public StoredDescription? Get(string objectName)
    {
        lock (_lock)
        {
            return _documents.GetValueOrDefault(DocumentId.FromObjectName(objectName));
        }
    }

    /// <summary>Puts a document in place as another instance would have left it.</summary>
    public void Put(string objectName, StoredDescription document)
    {
        lock (_lock)
        {
            _documents[DocumentId.FromObjectName(objectName)] = document with { Version = NextVersion() };
        }
    }

    public Task<IReadOnlyList<StoredVersion?>> GetVersionsAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredVersion?>>([.. objectNames.Select(n => _documents.GetValueOrDefault(DocumentId.FromObjectName(n))?.AsStoredVersion())]);
        }
    }

    public Task<ClaimOutcome> ClaimAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken)
    {
        Calls.Enqueue("claim");
        var id = DocumentId.FromObjectName(storageEvent.Data.Name!);
        var generation = storageEvent.Data.Generation ?? 0;
        lock (_lock)
        {
            var current = _documents.GetValueOrDefault(id);
            var decision = ClaimRules.Decide(current?.AsStoredVersion(), generation, clock.GetUtcNow(), maxAttempts, reclaim);
            if (decision.SkipReason is { } reason)
            {
                return Task.FromResult(ClaimOutcome.Skip(reason, busy: decision.LeaseHeld));
            }

            var claimed = new StoredDescription(generation, DescriptionStatus.Processing, decision.Attempts, clock.GetUtcNow() + lease) { Version = NextVersion() };
            _documents[id] = claimed;
            return Task.FromResult(new ClaimOutcome(new DescriptionClaim(id, storageEvent, decision.Attempts, claimed.Version, decision.OutOfAttempts), null));
        }
    }

    public Task<bool> RenewLeaseAsync(DescriptionClaim claim, CancellationToken cancellationToken) =>
        Update("renew", claim, d => d with { LeaseExpiresAt = clock.GetUtcNow() + lease });

    public Task<bool> WriteProgressAsync(DescriptionClaim claim, string partialText, int chunks, CancellationToken cancellationToken) =>
        Update("progress", claim, d => d with { Status = DescriptionStatus.Streaming, Description = partialText, LeaseExpiresAt = clock.GetUtcNow() + lease });

    public Task<bool> CompleteAsync(DescriptionClaim claim, DescriptionResult result, EmbeddingOutcome? embedding, CancellationToken cancellationToken) =>
        Update("complete", claim, d => d with { Status = DescriptionStatus.Done, Description = result.Text, ErrorCode = null, LeaseExpiresAt = null },
            DailyUsage.Described(result.InputTokens, result.OutputTokens));

    public Task<bool> FailAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken) =>
        Update("fail", claim, d => d with { Status = DescriptionStatus.Failed, ErrorCode = code, ErrorMessage = message, LeaseExpiresAt = null }, DailyUsage.OneFailed);

    public Task<DeferOutcome> DeferAsync(StorageEvent storageEvent, string code, string message, CancellationToken cancellationToken)
    {
        Calls.Enqueue("defer");
        var id = DocumentId.FromObjectName(storageEvent.Data.Name!);
        var generation = storageEvent.Data.Generation ?? 0;
        lock (_lock)
        {
            var current = _documents.GetValueOrDefault(id);
            var decision = ClaimRules.DecideDeferral(current?.AsStoredVersion(), generation, clock.GetUtcNow());
            if (decision.SkipReason is { } reason)
            {
                return Task.FromResult(new DeferOutcome(false, reason, decision.LeaseHeld));
            }

            _documents[id] = new StoredDescription(generation, DescriptionStatus.Deferred, decision.Attempts, null) { Version = NextVersion(), ErrorCode = code, ErrorMessage = message };
            Count(DailyUsage.OneDeferred);
            return Task.FromResult(new DeferOutcome(true, null));
        }
    }

    public Task<DailyUsage> ReadAsync(DateOnly day, string model, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            LedgerReads++;
            return Task.FromResult(_ledger.GetValueOrDefault(day));
        }
    }

    /// <summary>Every document's status, for tests that count outcomes.</summary>
    public IReadOnlyList<StoredDescription> All()
    {
        lock (_lock)
        {
            return [.. _documents.Values];
        }
    }

    public Task<bool> FailWithOutputAsync(DescriptionClaim claim, string code, string message, string rawOutput, CancellationToken cancellationToken) =>
        Update("fail", claim, d => d with { Status = DescriptionStatus.Failed, ErrorCode = code, ErrorMessage = message, RawOutput = rawOutput, LeaseExpiresAt = null }, DailyUsage.OneFailed);

    public Task<bool> ReleaseAsync(DescriptionClaim claim, string code, string message, CancellationToken cancellationToken) =>
        Update("release", claim, d => d with { Status = DescriptionStatus.Processing, ErrorCode = code, ErrorMessage = message, LeaseExpiresAt = clock.GetUtcNow() });

    public Task<string> ApplyDeleteAsync(StorageEvent storageEvent, DeletePolicy policy, CancellationToken cancellationToken)
    {
        Calls.Enqueue("delete");
        var id = DocumentId.FromObjectName(storageEvent.Data.Name!);
        lock (_lock)
        {
            if (policy == DeletePolicy.Keep || _documents.GetValueOrDefault(id) is not { } current || current.Generation != storageEvent.Data.Generation)
            {
                return Task.FromResult("nothing to do");
            }

            if (policy == DeletePolicy.Delete)
            {
                _documents.Remove(id);
            }
            else
            {
                _documents[id] = current with { Deleted = true, Version = NextVersion() };
            }

            return Task.FromResult(policy.ToString());
        }
    }

    private void Count(DailyUsage usage)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        _ledger[day] = _ledger.GetValueOrDefault(day) + usage;
    }

    private Task<bool> Update(string call, DescriptionClaim claim, Func<StoredDescription, StoredDescription> change, DailyUsage? usage = null)
    {
        Calls.Enqueue(call);
        if (Fault?.Invoke(call) is { } fault)
        {
            throw fault;
        }

        lock (_lock)
        {
            if (claim.Lost || _documents.GetValueOrDefault(claim.DocumentId) is not { } current || current.Version != claim.Version)
            {
                claim.Lost = true;
                return Task.FromResult(false);
            }

            var next = change(current) with { Version = NextVersion() };
            _documents[claim.DocumentId] = next;
            claim.Version = next.Version;
            if (usage is { } counted)
            {
                Count(counted);
            }

            return Task.FromResult(true);
        }
    }

    private string NextVersion() => Interlocked.Increment(ref _versions).ToString(CultureInfo.InvariantCulture);
}

/// <summary>One stored description, as the in-memory store keeps it.</summary>
internal sealed record StoredDescription(long Generation, string Status, int Attempts, DateTimeOffset? LeaseExpiresAt)
{
    public string Version { get; init; } = "";

    public string? Description { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string? RawOutput { get; init; }

    public bool Deleted { get; init; }

    public StoredVersion AsStoredVersion() => new(Generation, Status, LeaseExpiresAt, Attempts);
}
