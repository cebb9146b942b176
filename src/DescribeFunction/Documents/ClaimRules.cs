using DescribeFunction.Firestore;

namespace DescribeFunction.Documents;

/// <summary>Whether an event for <c>generation</c> may claim the document as it stands now. Pure, so it is unit tested.</summary>
public static class ClaimRules
{
    /// <param name="Attempts">The attempt number a claim would record.</param>
    /// <param name="SkipReason">Why there is nothing to do; null when the version may be claimed.</param>
    /// <param name="LeaseHeld">The version is being worked on elsewhere: waiting may still end in a claim.</param>
    public readonly record struct Decision(int Attempts, string? SkipReason, bool LeaseHeld = false);

    public static Decision Decide(DocumentFields? current, long generation, DateTimeOffset now)
    {
        if (current is null)
        {
            return new Decision(1, null);
        }

        var stored = current.GetInt64(DescriptionFields.Generation) ?? 0;
        if (stored > generation)
        {
            return new Decision(0, $"generation {stored} is already stored, newer than this event's {generation}");
        }

        if (stored < generation)
        {
            return new Decision(1, null);
        }

        var status = current.GetString(DescriptionFields.Status);
        if (status is DescriptionStatus.Done or DescriptionStatus.Failed)
        {
            return new Decision(0, $"generation {generation} is already {status}");
        }

        if (current.GetTimestamp(DescriptionFields.LeaseExpiresAt) is { } lease && lease > now)
        {
            return new Decision(0, $"generation {generation} is being described under a lease until {lease:O}", LeaseHeld: true);
        }

        return new Decision((int)(current.GetInt64(DescriptionFields.Attempts) ?? 0) + 1, null);
    }
}
