namespace DescribeFunction.Firestore;

/// <summary>The outcome of a commit: one <see cref="WriteResult"/> per write, in order.</summary>
public sealed record CommitResult(IReadOnlyList<WriteResult> WriteResults);

/// <summary>
/// One write's outcome. <see cref="UpdateTimeRaw"/> is the document's new update time (absent after a delete):
/// the precondition for the next compare-and-set on that document.
/// </summary>
public sealed record WriteResult(string? UpdateTimeRaw);
