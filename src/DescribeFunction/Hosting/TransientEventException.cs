namespace DescribeFunction.Hosting;

/// <summary>A failure worth a redelivery: the host answers 500 and Eventarc (with <c>--retry</c>) tries again.</summary>
public sealed class TransientEventException : Exception
{
    public TransientEventException()
    {
    }

    public TransientEventException(string message)
        : base(message)
    {
    }

    public TransientEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
