namespace DescribeFunction.CommandLine;

/// <summary>What <c>DescribeFunction --help</c> prints: the host and each command of the executable.</summary>
public static class ExecutableUsage
{
    public const string Text = """
        Usage: DescribeFunction [--NAME=value ...]     serve storage events (the function host; settings from
                                                      function.yaml, the environment, or --NAME=value)
               DescribeFunction backfill [options]    describe what a bucket already holds
               DescribeFunction search QUERY [options]  find described images by meaning
               DescribeFunction COMMAND --help        the options of a command

        Settings: function.yaml beside the executable, or the file FUNCTION_CONFIG names; environment variables
        override it (docs/configuration.md lists every setting).
        Exit codes: 0 done; 1 the run failed, or the host's settings are invalid; 2 a bad option or setting of a
        command. Every failure is one sentence on stderr.
        """;

    /// <summary>Whether the first argument asks for this text.</summary>
    public static bool IsHelp(string argument) => argument is "--help" or "-h" or "help";
}
