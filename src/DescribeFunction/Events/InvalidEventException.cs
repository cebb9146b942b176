namespace DescribeFunction.Events;

/// <summary>A request that is not a usable event; its message is the one-line reason returned with the 400.</summary>
public sealed class InvalidEventException : Exception
{
    public InvalidEventException()
    {
    }

    public InvalidEventException(string message)
        : base(message)
    {
    }

    public InvalidEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
