namespace DescribeFunction.PubSub;

/// <summary>Pub/Sub did not accept a message; the message says which topic and why, in one sentence.</summary>
public sealed class PubSubException : Exception
{
    public PubSubException()
    {
    }

    public PubSubException(string message)
        : base(message)
    {
    }

    public PubSubException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PubSubException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    /// <summary>Another try may pass: no answer, 408, 429 or 5xx.</summary>
    public bool IsTransient { get; }
}
