namespace DescribeFunction.Configuration;

/// <summary>Startup stops with this when settings are invalid; its message lists one sentence per bad setting.</summary>
public sealed class InvalidSettingsException : Exception
{
    public InvalidSettingsException()
    {
    }

    public InvalidSettingsException(string message)
        : base(message)
    {
    }

    public InvalidSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void ThrowIfAny(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new InvalidSettingsException(string.Join(Environment.NewLine, errors));
        }
    }
}
