namespace DescribeFunction.Doctor;

/// <summary>
/// One line of the doctor's report: what is checked, how, and the fix to name when it fails.
/// </summary>
/// <param name="Title">What is checked, naming the thing: "Firestore database (default) of my-project".</param>
/// <param name="Fix">What to do when it fails, unless the failure names its own (<see cref="DoctorFailureException.Fix"/>).</param>
/// <param name="RunAsync">Returns what was seen when it passed; throws when it did not.</param>
public sealed record DoctorCheck(string Title, string Fix, Func<CancellationToken, Task<string>> RunAsync)
{
    /// <summary>Why the check is not run (a setting turns it off); null to run it.</summary>
    public string? NotRun { get; init; }

    /// <summary>The titles of checks that must pass first (Firestore answering, for the checks on its documents).</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    public static DoctorCheck Skipped(string title, string why) => new(title, "", _ => Task.FromResult("")) { NotRun = why };
}

/// <summary>A check failed for a reason it explains itself, with its own fix when the check's general one does not fit.</summary>
public sealed class DoctorFailureException : Exception
{
    public DoctorFailureException()
    {
    }

    public DoctorFailureException(string message)
        : base(message)
    {
    }

    public DoctorFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DoctorFailureException(string message, string? fix, Exception? innerException = null)
        : base(message, innerException) => Fix = fix;

    public string? Fix { get; }
}
