namespace DescribeFunction.Local.Firestore;

/// <summary>A request the stand-in refuses, carrying the HTTP status and the canonical Google status name it answers with.</summary>
public sealed class FirestoreException : Exception
{
    public FirestoreException()
        : this(500, "INTERNAL", "Internal error.")
    {
    }

    public FirestoreException(string message)
        : this(400, "INVALID_ARGUMENT", message)
    {
    }

    public FirestoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        HttpStatus = 400;
        Status = "INVALID_ARGUMENT";
    }

    public FirestoreException(int httpStatus, string status, string message)
        : base(message)
    {
        HttpStatus = httpStatus;
        Status = status;
    }

    public int HttpStatus { get; }

    public string Status { get; }

    public static FirestoreException InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);

    public static FirestoreException NotFound(string message) => new(404, "NOT_FOUND", message);

    public static FirestoreException AlreadyExists(string message) => new(409, "ALREADY_EXISTS", message);

    public static FirestoreException FailedPrecondition(string message) => new(400, "FAILED_PRECONDITION", message);

    public static FirestoreException Unimplemented(string message) => new(501, "UNIMPLEMENTED", message);
}
