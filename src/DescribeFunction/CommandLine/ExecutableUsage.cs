namespace DescribeFunction.CommandLine;

/// <summary>What <c>DescribeFunction --help</c> prints: the host and each command of the executable.</summary>
public static class ExecutableUsage
{
    public const string Text = """
        Usage: DescribeFunction [--NAME=value ...]     serve storage events (the function host; settings from
                                                      function.yaml, the environment, or --NAME=value)
               DescribeFunction backfill [options]    describe what a bucket already holds
               DescribeFunction search QUERY [options]  find described images by meaning
               DescribeFunction doctor [options]      check the settings and everything the function needs
               DescribeFunction COMMAND --help        the options of a command

        Settings: function.yaml beside the executable, or the file FUNCTION_CONFIG names; environment variables
        override it (docs/configuration.md lists every setting).
        Exit codes: 0 done; 1 the run failed, or the host's settings are invalid; 2 a bad option or setting of a
        command. Every failure is one sentence on stderr.
        """;

    /// <summary>Whether the first argument asks for this text.</summary>
    public static bool IsHelp(string argument) => argument is "--help" or "-h" or "help";

    /// <summary>
    /// What is wrong with the host's command line, or null: it takes settings only, as <c>--NAME=value</c>, so a word
    /// is a mistyped command and an option without a value is not a setting (<c>--bogus</c>, <c>--port 9000</c>).
    /// </summary>
    public static string? HostArgumentError(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is [var first, ..] && !first.StartsWith('-')
                ? $"'{first}' is not a DescribeFunction command; see DescribeFunction --help."
            : args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) || a.IndexOf('=', StringComparison.Ordinal) < 3) is { } other
                ? $"'{other}' is not a setting: the host takes settings as --NAME=value; see DescribeFunction --help."
            : null;
    }
}
