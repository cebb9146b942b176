using DescribeFunction.Store;

namespace DescribeFunction.Tests.Store;

public class ClaimRulesTests
{
    private const int MaxAttempts = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static StoredVersion Stored(long generation, string status, DateTimeOffset? lease = null, int attempts = 1) =>
        new(generation, status, lease, attempts);

    [Fact]
    public void Decide_NoDocument_ClaimsFirstAttempt() =>
        Assert.Equal(new ClaimRules.Decision(1, null), ClaimRules.Decide(null, 5, Now, MaxAttempts));

    [Fact]
    public void Decide_NewerGenerationStored_Skips() =>
        Assert.Contains("newer", ClaimRules.Decide(Stored(6, DescriptionStatus.Processing), 5, Now, MaxAttempts).SkipReason, StringComparison.Ordinal);

    [Fact]
    public void Decide_OlderGenerationStored_ClaimsAfreshWhateverItsState() =>
        Assert.Equal(new ClaimRules.Decision(1, null), ClaimRules.Decide(Stored(4, DescriptionStatus.Processing, Now.AddMinutes(5), attempts: 3), 5, Now, MaxAttempts));

    [Theory]
    [InlineData(DescriptionStatus.Done)]
    [InlineData(DescriptionStatus.Failed)]
    public void Decide_SameGenerationFinished_Skips(string status) =>
        Assert.Contains(status, ClaimRules.Decide(Stored(5, status), 5, Now, MaxAttempts).SkipReason, StringComparison.Ordinal);

    [Theory]
    [InlineData(DescriptionStatus.Processing)]
    [InlineData(DescriptionStatus.Streaming)]
    public void Decide_SameGenerationUnderLiveLease_Skips(string status) =>
        Assert.Contains("lease", ClaimRules.Decide(Stored(5, status, Now.AddSeconds(1)), 5, Now, MaxAttempts).SkipReason, StringComparison.Ordinal);

    [Fact]
    public void Decide_SameGenerationWithExpiredLease_TakesOverAndCountsTheAttempt() =>
        Assert.Equal(new ClaimRules.Decision(3, null), ClaimRules.Decide(Stored(5, DescriptionStatus.Streaming, Now.AddSeconds(-1), attempts: 2), 5, Now, MaxAttempts));

    [Fact]
    public void Decide_SameGenerationDeferred_ClaimsWithoutCountingTheDeferralAsAnAttempt() =>
        Assert.Equal(new ClaimRules.Decision(2, null), ClaimRules.Decide(Stored(5, DescriptionStatus.Deferred, attempts: 1), 5, Now, MaxAttempts));

    [Fact]
    public void DecideDeferral_SameGenerationAlreadyDeferred_Skips() =>
        Assert.Contains("already deferred", ClaimRules.DecideDeferral(Stored(5, DescriptionStatus.Deferred), 5, Now).SkipReason, StringComparison.Ordinal);

    [Fact]
    public void DecideDeferral_KeepsTheStoredAttempts() =>
        Assert.Equal(new ClaimRules.Decision(2, null), ClaimRules.DecideDeferral(Stored(5, DescriptionStatus.Processing, Now.AddSeconds(-1), attempts: 2), 5, Now));

    [Fact]
    public void DecideDeferral_NewObject_HasNoAttempts() =>
        Assert.Equal(new ClaimRules.Decision(0, null), ClaimRules.DecideDeferral(null, 5, Now));

    [Theory]
    [InlineData(DescriptionStatus.Done)]
    [InlineData(DescriptionStatus.Failed)]
    public void DecideDeferral_SameGenerationFinished_Skips(string status) =>
        Assert.Contains(status, ClaimRules.DecideDeferral(Stored(5, status), 5, Now).SkipReason, StringComparison.Ordinal);

    [Theory]
    [InlineData(DescriptionStatus.Processing)]
    [InlineData(DescriptionStatus.Streaming)]
    public void Decide_LapsedLeaseAfterMaxAttempts_ClaimsOnlyToRecordAnOutcome(string status) =>
        Assert.Equal(new ClaimRules.Decision(MaxAttempts, null, OutOfAttempts: true),
            ClaimRules.Decide(Stored(5, status, Now.AddSeconds(-1), attempts: MaxAttempts), 5, Now, MaxAttempts));

    [Fact]
    public void Decide_ReleasedAfterMaxAttempts_ClaimsOnlyToRecordAnOutcome() =>
        Assert.True(ClaimRules.Decide(Stored(5, DescriptionStatus.Processing, Now, attempts: MaxAttempts + 2), 5, Now, MaxAttempts).OutOfAttempts);

    [Fact]
    public void Decide_LapsedLeaseBeforeMaxAttempts_MayCallTheModel() =>
        Assert.Equal(new ClaimRules.Decision(MaxAttempts, null), ClaimRules.Decide(Stored(5, DescriptionStatus.Processing, Now.AddSeconds(-1), attempts: MaxAttempts - 1), 5, Now, MaxAttempts));

    [Fact]
    public void Decide_LiveLeaseAfterMaxAttempts_StillWaitsForIt() =>
        Assert.True(ClaimRules.Decide(Stored(5, DescriptionStatus.Streaming, Now.AddSeconds(1), attempts: MaxAttempts), 5, Now, MaxAttempts).LeaseHeld);

    [Fact]
    public void Decide_DeferredAfterMaxAttempts_ClaimsOnlyToRecordAnOutcome() =>
        Assert.True(ClaimRules.Decide(Stored(5, DescriptionStatus.Deferred, attempts: MaxAttempts), 5, Now, MaxAttempts).OutOfAttempts);

    [Fact]
    public void Decide_NewerGenerationAfterMaxAttempts_StartsAFreshCount() =>
        Assert.Equal(new ClaimRules.Decision(1, null), ClaimRules.Decide(Stored(4, DescriptionStatus.Processing, Now.AddSeconds(-1), attempts: MaxAttempts), 5, Now, MaxAttempts));

    [Fact]
    public void Decide_RedescriptionAfterTooManyAttempts_StartsAFreshCount() =>
        Assert.Equal(new ClaimRules.Decision(1, null), ClaimRules.Decide(Stored(5, DescriptionStatus.Failed, attempts: MaxAttempts), 5, Now, MaxAttempts, _ => true));

    [Fact]
    public void DecideDeferral_AfterMaxAttempts_DefersAndKeepsTheCount() =>
        Assert.Equal(new ClaimRules.Decision(MaxAttempts, null), ClaimRules.DecideDeferral(Stored(5, DescriptionStatus.Processing, Now.AddSeconds(-1), attempts: MaxAttempts), 5, Now));
}
