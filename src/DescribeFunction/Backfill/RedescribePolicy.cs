using DescribeFunction.Describing;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary>What the listing found for one object version, before any claim.</summary>
public enum ListedClass
{
    /// <summary>To hand to the pipeline: no finished document, or one the redescribe mode selects.</summary>
    ToDescribe,

    /// <summary>Described already (by the current describer, or the mode does not re-describe it).</summary>
    UpToDate,

    /// <summary>Recorded <c>failed</c> and not selected for another try.</summary>
    Failed,

    /// <summary>Recorded <c>deferred</c> by a spent budget and not selected (<c>--redescribe deferred</c> selects it).</summary>
    Deferred,
}

/// <summary>
/// Decides from a stored document whether a listed version is described (again), for the classification of a page
/// and, as the claim's <see cref="ReclaimRule"/>, again on the document as it stands at claim time, so that a run
/// racing events or another run re-describes a version at most once. Pure, so it is unit tested.
/// </summary>
/// <param name="Current">The describer of the current settings.</param>
/// <param name="StartedAt">With <see cref="RedescribeMode.All"/>, descriptions written since then are this run's own.</param>
public sealed record RedescribePolicy(RedescribeMode Mode, bool IncludePoison, DescriberIdentity Current, DateTimeOffset StartedAt)
{
    public const string PoisonCode = "too-many-attempts";

    public ListedClass Classify(StoredVersion? stored, long generation)
    {
        if (stored is null || stored.Generation < generation)
        {
            return ListedClass.ToDescribe;
        }

        if (stored.Generation > generation)
        {
            return ListedClass.UpToDate;
        }

        return stored.Status switch
        {
            DescriptionStatus.Done => Reclaims(stored) ? ListedClass.ToDescribe : ListedClass.UpToDate,
            DescriptionStatus.Failed => Reclaims(stored) ? ListedClass.ToDescribe : ListedClass.Failed,
            // Deferred is a recorded outcome, not unfinished work: it costs a model call only when asked for.
            DescriptionStatus.Deferred => Mode >= RedescribeMode.Deferred ? ListedClass.ToDescribe : ListedClass.Deferred,
            // processing, streaming: unfinished, so the claim takes it over once any lease lapses.
            _ => ListedClass.ToDescribe,
        };
    }

    /// <summary>Whether a finished version of the listed generation is described again.</summary>
    public bool Reclaims(StoredVersion finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        return finished.Status switch
        {
            DescriptionStatus.Failed => Mode >= RedescribeMode.Failed && (IncludePoison || finished.ErrorCode != PoisonCode),
            DescriptionStatus.Done => Mode switch
            {
                RedescribeMode.Stale => finished.Describer != Current,
                RedescribeMode.All => finished.UpdatedAt is not { } updated || updated < StartedAt,
                _ => false,
            },
            _ => false,
        };
    }
}
