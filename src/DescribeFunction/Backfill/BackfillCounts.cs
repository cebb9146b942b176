using System.Collections.Concurrent;
using DescribeFunction.Versions;

namespace DescribeFunction.Backfill;

/// <summary>The running counts of one backfill, updated by the lister and every worker at once.</summary>
public sealed class BackfillCounts
{
    /// <summary>Distinct filter reasons kept apart; the rest are counted together, so memory stays bounded.</summary>
    private const int MaxReasons = 50;
    private const string OtherReasons = "other reasons";

    private readonly ConcurrentDictionary<string, long> _filtered = new(StringComparer.Ordinal);
    private long _listed, _outsideShard, _upToDate, _previouslyFailed, _selected, _bytes, _described, _recordedFailed;
    private long _skipped, _busy, _transient, _notStarted, _estimated, _estimatedTokens, _unknownSize, _deferred, _previouslyDeferred;

    public long Listed => Interlocked.Read(ref _listed);

    public long Selected => Interlocked.Read(ref _selected);

    public long UpToDate => Interlocked.Read(ref _upToDate);

    /// <summary>Listed objects the filters left out.</summary>
    public long Filtered => _filtered.Values.Sum();

    /// <summary>Selected versions whose outcome is known (or, in a dry run, whose header was read).</summary>
    public long Finished => Described + RecordedFailed + Skipped + Busy + Transient + Deferred + Interlocked.Read(ref _estimated);

    public long Deferred => Interlocked.Read(ref _deferred);

    public long Described => Interlocked.Read(ref _described);

    public long RecordedFailed => Interlocked.Read(ref _recordedFailed);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Busy => Interlocked.Read(ref _busy);

    public long Transient => Interlocked.Read(ref _transient);

    public void CountListed() => Interlocked.Increment(ref _listed);

    public void CountOutsideShard() => Interlocked.Increment(ref _outsideShard);

    public void CountFiltered(string reason)
    {
        var key = _filtered.Count < MaxReasons || _filtered.ContainsKey(reason) ? reason : OtherReasons;
        _filtered.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public void CountUpToDate() => Interlocked.Increment(ref _upToDate);

    public void CountPreviouslyFailed() => Interlocked.Increment(ref _previouslyFailed);

    public void CountPreviouslyDeferred() => Interlocked.Increment(ref _previouslyDeferred);

    public void CountSelected(long bytes)
    {
        Interlocked.Increment(ref _selected);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void CountNotStarted() => Interlocked.Increment(ref _notStarted);

    public void CountOutcome(DescribeOutcome outcome)
    {
        switch (outcome)
        {
            case DescribeOutcome.Described:
                Interlocked.Increment(ref _described);
                break;
            case DescribeOutcome.RecordedFailure:
                Interlocked.Increment(ref _recordedFailed);
                break;
            case DescribeOutcome.Busy:
                Interlocked.Increment(ref _busy);
                break;
            case DescribeOutcome.Deferred:
                Interlocked.Increment(ref _deferred);
                break;
            default:
                Interlocked.Increment(ref _skipped);
                break;
        }
    }

    public void CountTransient() => Interlocked.Increment(ref _transient);

    /// <summary>A dry run's estimate for one selected image; null tokens when its header did not give its size.</summary>
    public void CountEstimate(long? tokens)
    {
        Interlocked.Increment(ref _estimated);
        if (tokens is { } t)
        {
            Interlocked.Add(ref _estimatedTokens, t);
        }
        else
        {
            Interlocked.Increment(ref _unknownSize);
        }
    }

    public BackfillSummary Snapshot(TimeSpan elapsed, bool dryRun, string? stoppedBy) => new()
    {
        DryRun = dryRun,
        Listed = Listed,
        OutsideShard = Interlocked.Read(ref _outsideShard),
        Filtered = _filtered.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray(),
        UpToDate = Interlocked.Read(ref _upToDate),
        PreviouslyFailed = Interlocked.Read(ref _previouslyFailed),
        PreviouslyDeferred = Interlocked.Read(ref _previouslyDeferred),
        Deferred = Deferred,
        Selected = Selected,
        SelectedBytes = Interlocked.Read(ref _bytes),
        Described = Described,
        RecordedFailed = RecordedFailed,
        Skipped = Skipped,
        Busy = Busy,
        Transient = Transient,
        NotStarted = Interlocked.Read(ref _notStarted),
        EstimatedInputTokens = Interlocked.Read(ref _estimatedTokens),
        UnknownSize = Interlocked.Read(ref _unknownSize),
        Elapsed = elapsed,
        StoppedBy = stoppedBy,
    };
}
