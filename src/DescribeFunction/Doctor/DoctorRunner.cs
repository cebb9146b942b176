using DescribeFunction.CommandLine;

namespace DescribeFunction.Doctor;

/// <summary>
/// Runs checks one after another, each within its own deadline, and prints one line for each: ✓ and what was seen,
/// ✗ and one sentence with the fix, or – and why it was not run. No exception leaves a check.
/// </summary>
public sealed class DoctorRunner(TextWriter output, TimeSpan deadline)
{
    public const string Passed = "✓";
    public const string Failed = "✗";
    public const string NotRun = "–";

    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    /// <summary>Whether every check that ran passed.</summary>
    public bool AllPassed => _failed.Count == 0;

    /// <returns>Whether the check passed (or was not run because a setting turns it off).</returns>
    public async Task<bool> RunAsync(DoctorCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.NotRun is { } why)
        {
            await output.WriteLineAsync($"{NotRun} {check.Title}: {why}");
            return true;
        }

        if (check.Needs.FirstOrDefault(_failed.Contains) is { } needed)
        {
            await output.WriteLineAsync($"{NotRun} {check.Title}: not checked, because the check of {needed} failed.");
            _failed.Add(check.Title);
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            var seen = await check.RunAsync(timeout.Token).WaitAsync(deadline + TimeSpan.FromSeconds(1), cancellationToken);
            await output.WriteLineAsync($"{Passed} {check.Title}: {seen}");
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _failed.Add(check.Title);
            var fix = (e as DoctorFailureException)?.Fix ?? check.Fix;
            await output.WriteLineAsync($"{Failed} {check.Title}: {Reason(e)}; {fix}");
            return false;
        }
    }

    /// <summary>The failure as a clause: the first line of its message, without the full stop.</summary>
    private string Reason(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException => $"no answer within {deadline.TotalSeconds:0} s",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Reason(aggregate.InnerExceptions[0]),
        _ => CommandErrors.Sentence(exception.Message).TrimEnd('.'),
    };
}
