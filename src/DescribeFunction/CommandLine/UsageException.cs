namespace DescribeFunction.CommandLine;

/// <summary>The command line (or a setting a command checks itself) is wrong: one sentence naming what, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
