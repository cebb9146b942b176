namespace DescribeFunction.Store;

/// <summary>The description store could not do what was asked. <see cref="IsTransient"/>: trying later may succeed.</summary>
public sealed class DescriptionStoreException : Exception
{
    public DescriptionStoreException()
        : this("The description store failed.")
    {
    }

    public DescriptionStoreException(string message)
        : this(message, isTransient: false)
    {
    }

    public DescriptionStoreException(string message, Exception innerException)
        : this(message, isTransient: false, innerException)
    {
    }

    public DescriptionStoreException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; }
}
