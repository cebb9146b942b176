using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Spending;
using DescribeFunction.Store;

namespace DescribeFunction.Versions;

/// <summary>
/// The first step of one object version's line, after the entry has judged and admitted it: the daily budget
/// (spent: recorded deferred), then the claim, and the claimed version handed to <see cref="AnswerStep"/>, or to
/// <see cref="CommitStep"/> as refused when the verdict says the model cannot take it. Once the outcome is recorded,
/// <see cref="NoticeStep"/> publishes the notice it owes.
/// </summary>
public sealed partial class ClaimStep(
    IDescriptionStore store,
    IBudgetGate budget,
    AnswerStep answer,
    CommitStep commit,
    NoticeStep notice,
    ReliabilitySettings reliability,
    TimeProvider clock,
    ILogger<ClaimStep> logger)
{
    /// <summary>The error code of a deferred version, and what a log-based metric counts.</summary>
    public const string BudgetExceededCode = "budget-exceeded";

    /// <exception cref="Hosting.TransientEventException">A transient failure outlasted the budget (the version was given back), or a notice Pub/Sub did not take.</exception>
    /// <exception cref="DescriptionStoreException">The store failed.</exception>
    public async Task<VersionOutcome> DescribeAsync(StorageEvent storageEvent, FilterVerdict verdict, ReclaimRule? reclaim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        ArgumentNullException.ThrowIfNull(verdict);
        var outcome = await ClaimAndAnswerAsync(storageEvent, verdict, reclaim, cancellationToken);
        // Only after the claim and the budget's reservation are let go: publishing may wait out another delivery's lease.
        await notice.PublishOwedAsync(storageEvent, verdict, outcome, cancellationToken);
        return outcome;
    }

    private async Task<VersionOutcome> ClaimAndAnswerAsync(StorageEvent storageEvent, FilterVerdict verdict, ReclaimRule? reclaim, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + reliability.DescribeDeadline;
        if (verdict.SkipReason is { } filtered)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, filtered);
            return new VersionOutcome(DescribeOutcome.Skipped, filtered);
        }

        // What is refused without a model call needs no budget.
        var refusal = verdict.Refusal;
        using var admission = refusal is null ? await budget.AdmitAsync(storageEvent, cancellationToken) : null;
        if (admission?.Refusal is { } spent)
        {
            return await DeferAsync(storageEvent, spent, cancellationToken);
        }

        var outcome = await store.ClaimAsync(storageEvent, reclaim, cancellationToken);
        if (outcome.Claim is not { } claim)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, outcome.SkipReason!);
            return new VersionOutcome(outcome.Busy ? DescribeOutcome.Busy : DescribeOutcome.Skipped, outcome.SkipReason);
        }

        using (claim)
        {
            if (refusal is { } refused)
            {
                return await commit.FailAsync(claim, refused.Code, refused.Message, cancellationToken);
            }

            return await answer.AnswerAsync(claim, admission!, deadline, cancellationToken);
        }
    }

    private async Task<VersionOutcome> DeferAsync(StorageEvent storageEvent, string spent, CancellationToken cancellationToken)
    {
        var message = $"Not described today: {spent}; a backfill with --redescribe deferred describes it once the budget allows.";
        var outcome = await store.DeferAsync(storageEvent, BudgetExceededCode, message, cancellationToken);
        if (!outcome.Deferred)
        {
            LogSkipped(logger, storageEvent.Bucket, storageEvent.Data.Name, outcome.SkipReason!);
            return new VersionOutcome(outcome.Busy ? DescribeOutcome.Busy : DescribeOutcome.Skipped, outcome.SkipReason, BudgetSpent: spent);
        }

        LogDeferred(logger, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation, BudgetExceededCode, spent);
        return new VersionOutcome(DescribeOutcome.Deferred, spent, BudgetSpent: spent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deferred gs://{Bucket}/{ObjectName} generation {Generation}: {Code}: {Reason}")]
    private static partial void LogDeferred(ILogger logger, string? bucket, string? objectName, long? generation, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped gs://{Bucket}/{ObjectName}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string? bucket, string? objectName, string reason);
}
