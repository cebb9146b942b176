using DescribeFunction.Events;

namespace DescribeFunction.Documents;

/// <summary>
/// This instance's hold on one object version's document. Every later write is conditional on
/// <see cref="UpdateTimeRaw"/>, so a claim that was taken over (its lease lapsed) can no longer write; writes are
/// serialized because each one moves that update time.
/// </summary>
public sealed class DescriptionClaim(string documentId, StorageEvent storageEvent, int attempts, string updateTimeRaw) : IDisposable
{
    internal SemaphoreSlim WriteLock { get; } = new(1, 1);

    public string DocumentId { get; } = documentId;

    public StorageEvent Event { get; } = storageEvent;

    /// <summary>Deliveries that have claimed this object version so far, this one included.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The document's update time after this claim's last write, as Firestore wrote it.</summary>
    public string UpdateTimeRaw { get; internal set; } = updateTimeRaw;

    /// <summary>Set when a write found the document changed by someone else: the claim was taken over.</summary>
    public bool Lost { get; internal set; }

    public void Dispose() => WriteLock.Dispose();
}

/// <summary>What a claim attempt decided: a claim to work under, or why the event needs no work now.</summary>
/// <param name="Busy">Another instance still held a live lease when the wait ended: redeliver later.</param>
public readonly record struct ClaimOutcome(DescriptionClaim? Claim, string? SkipReason, bool Busy = false)
{
    public static ClaimOutcome Skip(string reason, bool busy = false) => new(null, reason, busy);
}
