using DescribeFunction.Retries;

namespace DescribeFunction.Firestore;

/// <summary>A failed Firestore request. <see cref="Status"/> is Google's canonical status name (see <see cref="FirestoreStatus"/>).</summary>
public sealed class FirestoreException : Exception
{
    public FirestoreException()
        : this("A Firestore request failed.")
    {
    }

    public FirestoreException(string message)
        : this(message, FirestoreStatus.Unknown, null)
    {
    }

    public FirestoreException(string message, Exception innerException)
        : this(message, FirestoreStatus.Unknown, null, innerException)
    {
    }

    public FirestoreException(string message, string status, int? httpStatus, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        Status = status;
        HttpStatus = httpStatus;
    }

    public string Status { get; }

    /// <summary>The HTTP status code, or null when no response arrived (connection failure, timeout).</summary>
    public int? HttpStatus { get; }

    /// <summary>
    /// Worth trying again later (the caller decides how: ABORTED means re-read and redo the compare-and-set).
    /// </summary>
    public bool IsTransient => Status is FirestoreStatus.Unavailable or FirestoreStatus.Aborted
        or FirestoreStatus.DeadlineExceeded or FirestoreStatus.Internal or FirestoreStatus.ResourceExhausted
        || (HttpStatus is { } http && TransientStatus.IsTransient(http));
}
