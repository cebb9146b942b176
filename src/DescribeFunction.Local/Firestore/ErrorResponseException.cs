namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Thrown while handling a request that the stand-in refuses; the handler answers it as Google's error response, with
/// this HTTP status and canonical status name.
/// </summary>
public sealed class ErrorResponseException : Exception
{
    public ErrorResponseException()
        : this(500, "INTERNAL", "Internal error.")
    {
    }

    public ErrorResponseException(string message)
        : this(400, "INVALID_ARGUMENT", message)
    {
    }

    public ErrorResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
        HttpStatus = 400;
        Status = "INVALID_ARGUMENT";
    }

    public ErrorResponseException(int httpStatus, string status, string message)
        : base(message)
    {
        HttpStatus = httpStatus;
        Status = status;
    }

    public int HttpStatus { get; }

    public string Status { get; }

    public static ErrorResponseException InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);

    public static ErrorResponseException NotFound(string message) => new(404, "NOT_FOUND", message);

    public static ErrorResponseException AlreadyExists(string message) => new(409, "ALREADY_EXISTS", message);

    public static ErrorResponseException FailedPrecondition(string message) => new(400, "FAILED_PRECONDITION", message);

    public static ErrorResponseException Unimplemented(string message) => new(501, "UNIMPLEMENTED", message);
}
