namespace DescribeFunction.Firestore;

/// <summary>The outcome of a commit: one <see cref="WriteResult"/> per write, in order.</summary>
public sealed record CommitResult(string CommitTimeRaw, IReadOnlyList<WriteResult> WriteResults)
{
    public DateTimeOffset CommitTime => FirestoreTimestamp.Parse(CommitTimeRaw);
}

/// <summary>
/// One write's outcome. <see cref="UpdateTimeRaw"/> is the document's new update time (absent after a delete):
/// the precondition for the next compare-and-set on that document.
/// </summary>
public sealed record WriteResult(string? UpdateTimeRaw, IReadOnlyList<object?> TransformResults)
{
    public DateTimeOffset? UpdateTime => UpdateTimeRaw is null ? null : FirestoreTimestamp.Parse(UpdateTimeRaw);

    /// <summary>A precondition that holds only while the document is unchanged since this write.</summary>
    public FirestorePrecondition Unchanged => UpdateTimeRaw is null
        ? throw new InvalidOperationException("A delete leaves no update time to compare against.")
        : FirestorePrecondition.UpdateTime(UpdateTimeRaw);
}
