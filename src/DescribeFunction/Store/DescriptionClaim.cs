using DescribeFunction.Events;

namespace DescribeFunction.Store;

/// <summary>
/// This instance's hold on one object version's document. <see cref="Version"/> is the store's opaque token for
/// the document as this claim last wrote it; every later write is conditional on it, so writes are serialized and a
/// claim that was taken over (its lease lapsed) can no longer write.
/// </summary>
public sealed class DescriptionClaim(string documentId, StorageEvent storageEvent, int attempts, string version, bool outOfAttempts = false) : IDisposable
{
    /// <summary>Held by the store around each write, so the version moves one write at a time.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public string DocumentId { get; } = documentId;

    public StorageEvent Event { get; } = storageEvent;

    /// <summary>Deliveries that have claimed this object version so far, this one included.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>
    /// <c>MAX_ATTEMPTS</c> deliveries claimed the version before and none recorded an outcome
    /// (<see cref="ClaimRules.Decision.OutOfAttempts"/>): this claim may store an answer already paid for, or record
    /// the version failed, but never send it to the model.
    /// </summary>
    public bool OutOfAttempts { get; } = outOfAttempts;

    /// <summary>The store's token for the document after this claim's last write.</summary>
    public string Version { get; set; } = version;

    /// <summary>Set when a write found the document changed by someone else: the claim was taken over.</summary>
    public bool Lost { get; set; }

    public void Dispose() => WriteLock.Dispose();
}

/// <summary>What a claim attempt decided: a claim to work under, or why the event needs no work now.</summary>
/// <param name="Busy">Another instance still held a live lease when the wait ended: redeliver later.</param>
public readonly record struct ClaimOutcome(DescriptionClaim? Claim, string? SkipReason, bool Busy = false)
{
    public static ClaimOutcome Skip(string reason, bool busy = false) => new(null, reason, busy);
}

/// <summary>What a deferral decided: recorded, or why there was nothing to record.</summary>
/// <param name="Busy">Another instance still held a live lease when the wait ended: redeliver later.</param>
public readonly record struct DeferOutcome(bool Deferred, string? SkipReason, bool Busy = false);
