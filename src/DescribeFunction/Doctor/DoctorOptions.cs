using DescribeFunction.CommandLine;

namespace DescribeFunction.Doctor;

/// <summary>The command line of <c>DescribeFunction doctor</c>; a bad option is a <see cref="UsageException"/> (exit code 2).</summary>
public sealed record DoctorOptions
{
    public const string Usage = """
        Usage: DescribeFunction doctor [options]

        Reads the function's settings (function.yaml, the environment) and checks, one line each (✓ passed,
        ✗ failed with the fix, – not checked and why): the settings, credentials and project, the Firestore
        database, the collection (a scratch document, written and deleted), the trigger bucket, the describer
        endpoint (one minimal chat call), the embedding endpoint and the vector index when EMBEDDING_MODEL is set,
        the topic when NOTIFY_TOPIC is set, the budget documents when a daily budget is set. Each check has 10 s.
        Exit codes: 0 every check passed, 1 one failed, 2 a bad option.

          --no-model-call   do not call the describer endpoint (no tokens spent)
          --help            show this text
        """;

    public bool NoModelCall { get; init; }

    public bool Help { get; init; }

    public static CommandSyntax Syntax { get; } = new(DoctorCommand.Name, "DescribeFunction doctor --help", [], ["--no-model-call"]);

    /// <exception cref="UsageException">An unknown option or a word.</exception>
    public static DoctorOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = Syntax.Parse(args);
        return parsed.Help ? new DoctorOptions { Help = true } : new DoctorOptions { NoModelCall = parsed.Flag("--no-model-call") };
    }
}
