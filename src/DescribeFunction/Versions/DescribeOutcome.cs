namespace DescribeFunction.Versions;

/// <summary>What became of one object version that was offered to the function.</summary>
public enum DescribeOutcome
{
    /// <summary>A description was stored.</summary>
    Described,

    /// <summary>A permanent failure was recorded (<c>failed</c>); it will not be retried.</summary>
    RecordedFailure,

    /// <summary>Nothing to do: filtered out, finished already, or a newer generation is stored.</summary>
    Skipped,

    /// <summary>Another instance still held a live lease when the wait ended.</summary>
    Busy,

    /// <summary>A daily budget is spent: recorded <c>deferred</c> (<c>error.code = budget-exceeded</c>), no model call.</summary>
    Deferred,
}
