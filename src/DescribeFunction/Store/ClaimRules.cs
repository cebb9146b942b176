using DescribeFunction.Describing;

namespace DescribeFunction.Store;

/// <summary>What a store holds for an object name, as far as claiming and re-describing are concerned.</summary>
/// <param name="Attempts">Deliveries that have claimed the stored generation so far.</param>
/// <param name="Describer">What produced the stored description, when the document records it.</param>
/// <param name="ErrorCode">The recorded error's code, such as <c>too-many-attempts</c>.</param>
/// <param name="UpdatedAt">When the document was last written.</param>
public sealed record StoredVersion(
    long Generation,
    string? Status,
    DateTimeOffset? LeaseExpiresAt,
    int Attempts,
    DescriberIdentity? Describer = null,
    string? ErrorCode = null,
    DateTimeOffset? UpdatedAt = null);

/// <summary>
/// Whether a finished (<c>done</c> or <c>failed</c>) version of the same generation may be claimed again: a
/// backfill's <c>--redescribe</c>. The event path passes none, so it never re-describes a finished version.
/// </summary>
public delegate bool ReclaimRule(StoredVersion finished);

/// <summary>Whether an event for <c>generation</c> may claim the document as it stands now. Pure, so it is unit tested.</summary>
public static class ClaimRules
{
    /// <summary>The error code of a version given up after <c>MAX_ATTEMPTS</c> deliveries (the backfill calls it poison).</summary>
    public const string TooManyAttemptsCode = "too-many-attempts";

    /// <param name="Attempts">The attempt number a claim would record.</param>
    /// <param name="SkipReason">Why there is nothing to do; null when the version may be claimed.</param>
    /// <param name="LeaseHeld">The version is being worked on elsewhere: waiting may still end in a claim.</param>
    /// <param name="OutOfAttempts">
    /// The claim may only record an outcome, never call the model: <c>MAX_ATTEMPTS</c> deliveries already claimed the
    /// version and none recorded one (each was killed, or its final write failed).
    /// </param>
    public readonly record struct Decision(int Attempts, string? SkipReason, bool LeaseHeld = false, bool OutOfAttempts = false);

    /// <param name="maxAttempts">
    /// <c>MAX_ATTEMPTS</c>: claims that may send the version to the model. Counted at the claim, not when a failure
    /// is seen, so an instance that dies mid-describe (out of memory, SIGKILL) still spends one.
    /// </param>
    public static Decision Decide(StoredVersion? current, long generation, DateTimeOffset now, int maxAttempts, ReclaimRule? reclaim = null)
    {
        if (current is null || current.Generation < generation)
        {
            return new Decision(1, null);
        }

        if (current.Generation > generation)
        {
            return new Decision(0, $"generation {current.Generation} is already stored, newer than this event's {generation}");
        }

        if (current.Status is DescriptionStatus.Done or DescriptionStatus.Failed && reclaim?.Invoke(current) == true)
        {
            // A re-description starts a fresh count, so a version that failed MAX_ATTEMPTS times gets its full budget.
            return new Decision(1, null);
        }

        if (current.Status is DescriptionStatus.Done or DescriptionStatus.Failed)
        {
            return new Decision(0, $"generation {generation} is already {current.Status}");
        }

        if (current.LeaseExpiresAt is { } lease && lease > now)
        {
            return new Decision(0, $"generation {generation} is being described under a lease until {lease:O}", LeaseHeld: true);
        }

        if (current.Attempts >= maxAttempts)
        {
            // A transient failure on the last attempt records failed itself, so a lapsed or released lease here means
            // the deliveries that claimed it died or could not write: another model call would be paid for again and
            // again, for the whole retry window. The count stays, since this claim sends nothing to the model.
            return new Decision(current.Attempts, null, OutOfAttempts: true);
        }

        return new Decision(current.Attempts + 1, null);
    }

    /// <summary>
    /// Whether the version may be recorded <c>deferred</c>: as for a claim, except that a version already deferred is
    /// left as it is (so a duplicate is not counted twice) and a deferral is no attempt: it keeps the stored count.
    /// </summary>
    public static Decision DecideDeferral(StoredVersion? current, long generation, DateTimeOffset now)
    {
        if (current?.Generation == generation && current.Status == DescriptionStatus.Deferred)
        {
            return new Decision(0, $"generation {generation} is already deferred");
        }

        // A deferral calls no model, so it needs no bound on attempts; the claim after it applies the bound.
        var decision = Decide(current, generation, now, int.MaxValue);
        return decision.SkipReason is null ? decision with { Attempts = current?.Generation == generation ? current.Attempts : 0 } : decision;
    }
}
