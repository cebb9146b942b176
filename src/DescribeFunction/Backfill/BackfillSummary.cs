using DescribeFunction.ImageHeaders;

namespace DescribeFunction.Backfill;

/// <summary>
/// The counts of a finished run. <see cref="BackfillReport"/> renders them (the table, <c>--json</c>) and
/// <see cref="BackfillExit"/> decides the exit code.
/// </summary>
public sealed record BackfillSummary
{
    public bool DryRun { get; init; }

    /// <summary>Objects listed in this task's shard.</summary>
    public long Listed { get; init; }

    public long OutsideShard { get; init; }

    public IReadOnlyList<KeyValuePair<string, long>> Filtered { get; init; } = [];

    public long UpToDate { get; init; }

    /// <summary>Recorded <c>failed</c> before this run and not selected for another try.</summary>
    public long PreviouslyFailed { get; init; }

    /// <summary>Recorded <c>deferred</c> before this run and not selected (<c>--redescribe deferred</c> selects them).</summary>
    public long PreviouslyDeferred { get; init; }

    /// <summary>Recorded <c>deferred</c> by this run: the daily budget was spent when it reached them.</summary>
    public long Deferred { get; init; }

    /// <summary>Versions to describe (a dry run stops here).</summary>
    public long Selected { get; init; }

    public long SelectedBytes { get; init; }

    public long Described { get; init; }

    /// <summary>Permanent failures recorded by this run (too large, undecodable, refused by the model…).</summary>
    public long RecordedFailed { get; init; }

    /// <summary>Found finished, newer, or taken over by another instance at claim time.</summary>
    public long Skipped { get; init; }

    /// <summary>Still under another instance's lease when the wait ended.</summary>
    public long Busy { get; init; }

    /// <summary>Transient failures that outlasted the retries: a later run (or the job's retry) takes them.</summary>
    public long Transient { get; init; }

    /// <summary>Selected but left for a later run because <c>--max-objects</c> was reached.</summary>
    public long NotStarted { get; init; }

    public long EstimatedInputTokens { get; init; }

    /// <summary>Dry run: images whose header did not give their size (estimated at one tile each).</summary>
    public long UnknownSize { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Why the run ended before the listing did (<c>max-objects</c>, <c>cancelled</c>, a listing error).</summary>
    public string? StoppedBy { get; init; }

    public long FilteredTotal => Filtered.Sum(kv => kv.Value);

    /// <summary>Input tokens for the selected images, unknown sizes counted as one tile.</summary>
    public long EstimatedInputTokensTotal => EstimatedInputTokens + (UnknownSize * ImageTokens.PerTile);
}
