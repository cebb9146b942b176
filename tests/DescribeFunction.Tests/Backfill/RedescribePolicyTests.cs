using DescribeFunction.Backfill;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Backfill;

public class RedescribePolicyTests
{
    private static readonly DateTimeOffset RunStart = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DescriberIdentity Current = DescriberIdentity.From(new ModelSettings());
    private static readonly DescriberIdentity Old = DescriberIdentity.From(new ModelSettings { DescribePrompt = "Old prompt." });

    private static StoredVersion Done(DescriberIdentity? describer, DateTimeOffset? updated = null) =>
        new(5, DescriptionStatus.Done, null, 1, describer, null, updated ?? RunStart.AddDays(-1));

    private static StoredVersion Failed(string code) => new(5, DescriptionStatus.Failed, null, 1, null, code, RunStart.AddDays(-1));

    private static ListedClass Classify(RedescribeMode mode, StoredVersion? stored, long generation = 5, bool poison = false) =>
        new RedescribePolicy(mode, poison, Current, RunStart).Classify(stored, generation);

    [Theory]
    [InlineData(RedescribeMode.Missing)]
    [InlineData(RedescribeMode.All)]
    public void Classify_NoDocumentOrAnOlderGeneration_IsToDescribe(RedescribeMode mode)
    {
        Assert.Equal(ListedClass.ToDescribe, Classify(mode, null));
        Assert.Equal(ListedClass.ToDescribe, Classify(mode, Done(Current), generation: 6));
    }

    [Fact]
    public void Classify_NewerGenerationStored_IsUpToDateInEveryMode() =>
        Assert.All(Enum.GetValues<RedescribeMode>(), mode => Assert.Equal(ListedClass.UpToDate, Classify(mode, Done(Old), generation: 4)));

    [Theory]
    [InlineData(RedescribeMode.Missing, ListedClass.Deferred)]
    [InlineData(RedescribeMode.Deferred, ListedClass.ToDescribe)]
    [InlineData(RedescribeMode.Failed, ListedClass.ToDescribe)]
    [InlineData(RedescribeMode.All, ListedClass.ToDescribe)]
    public void Classify_Deferred_IsSelectedFromTheDeferredModeOn(RedescribeMode mode, ListedClass expected) =>
        Assert.Equal(expected, Classify(mode, new StoredVersion(5, DescriptionStatus.Deferred, null, 0, ErrorCode: "budget-exceeded")));

    [Fact]
    public void Classify_Unfinished_IsToDescribe() =>
        Assert.Equal(ListedClass.ToDescribe, Classify(RedescribeMode.Missing, new StoredVersion(5, DescriptionStatus.Processing, RunStart.AddMinutes(1), 1)));

    [Theory]
    [InlineData(RedescribeMode.Missing, ListedClass.UpToDate, ListedClass.Failed, ListedClass.Failed)]
    [InlineData(RedescribeMode.Failed, ListedClass.UpToDate, ListedClass.ToDescribe, ListedClass.Failed)]
    [InlineData(RedescribeMode.Stale, ListedClass.ToDescribe, ListedClass.ToDescribe, ListedClass.Failed)]
    [InlineData(RedescribeMode.All, ListedClass.ToDescribe, ListedClass.ToDescribe, ListedClass.Failed)]
    public void Classify_FinishedVersions_FollowTheMode(RedescribeMode mode, ListedClass staleDone, ListedClass failed, ListedClass poison)
    {
        Assert.Equal(staleDone, Classify(mode, Done(Old)));
        Assert.Equal(failed, Classify(mode, Failed("endpoint-500")));
        Assert.Equal(poison, Classify(mode, Failed(RedescribePolicy.PoisonCode)));
    }

    [Fact]
    public void Classify_Poison_IsRetriedOnlyWithIncludePoison() =>
        Assert.Equal(ListedClass.ToDescribe, Classify(RedescribeMode.Failed, Failed(RedescribePolicy.PoisonCode), poison: true));

    [Fact]
    public void Classify_Stale_LeavesTheCurrentDescriberAlone_AndTakesDocumentsThatRecordNone()
    {
        Assert.Equal(ListedClass.UpToDate, Classify(RedescribeMode.Stale, Done(Current)));
        Assert.Equal(ListedClass.ToDescribe, Classify(RedescribeMode.Stale, Done(describer: null)));
    }

    [Fact]
    public void Classify_All_LeavesWhatThisRunDescribed() =>
        Assert.Equal(ListedClass.UpToDate, Classify(RedescribeMode.All, Done(Current, updated: RunStart.AddSeconds(5))));

    [Fact]
    public void ClaimRules_WithoutAReclaimRule_NeverReclaimsAFinishedVersion()
    {
        var now = RunStart;

        Assert.NotNull(ClaimRules.Decide(Done(Old), 5, now, maxAttempts: 5).SkipReason);
        Assert.NotNull(ClaimRules.Decide(Failed("x"), 5, now, maxAttempts: 5).SkipReason);
        Assert.Equal(new ClaimRules.Decision(1, null), ClaimRules.Decide(Done(Old), 5, now, maxAttempts: 5, _ => true));
    }

    [Fact]
    public void DescriberIdentity_ChangesWithEveryHashedSetting_AndOnlyThen()
    {
        var baseline = DescriberIdentity.From(new ModelSettings());

        Assert.NotEqual(baseline.PromptHash, DescriberIdentity.From(new ModelSettings { DescribePrompt = "Other." }).PromptHash);
        Assert.NotEqual(baseline.PromptHash, DescriberIdentity.From(new ModelSettings { DescribeTemperature = 0.2f }).PromptHash);
        Assert.NotEqual(baseline.PromptHash, DescriberIdentity.From(new ModelSettings { DescribeReasoningEffort = "low" }).PromptHash);
        Assert.NotEqual(baseline.PromptHash, DescriberIdentity.From(new ModelSettings { DescribeMaxOutputTokens = 100 }).PromptHash);
        Assert.Equal(baseline.PromptHash, DescriberIdentity.From(new ModelSettings { DescribeModel = "google/gemini-3.8-pro" }).PromptHash);
        var structured = DescriberIdentity.From(new ModelSettings { DescribeOutput = DescribeOutput.Structured });
        Assert.NotEqual(baseline.PromptHash, structured.PromptHash);
        Assert.Matches("^[0-9a-f]{64}$", baseline.PromptHash);
    }
}
