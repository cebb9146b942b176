using DescribeFunction.Events;

namespace DescribeFunction.Documents;

/// <summary>
/// This instance's hold on one object version's document. Every later write is conditional on
/// <see cref="UpdateTimeRaw"/>, so a claim that was taken over (its lease expired) can no longer write.
/// </summary>
public sealed class DescriptionClaim(string documentId, StorageEvent storageEvent, int attempts, string updateTimeRaw)
{
    public string DocumentId { get; } = documentId;

    public StorageEvent Event { get; } = storageEvent;

    /// <summary>Tries of this object version so far, this one included, across deliveries.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The document's update time after this claim's last write, as Firestore wrote it.</summary>
    public string UpdateTimeRaw { get; internal set; } = updateTimeRaw;
}

/// <summary>What a claim attempt decided: a claim to work under, or why the event needs no work.</summary>
public readonly record struct ClaimOutcome(DescriptionClaim? Claim, string? SkipReason)
{
    public static ClaimOutcome Skip(string reason) => new(null, reason);
}
