namespace DescribeFunction.Firestore;

/// <summary>The canonical Google status names that Firestore puts in <c>error.status</c>.</summary>
public static class FirestoreStatus
{
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string DeadlineExceeded = "DEADLINE_EXCEEDED";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string ResourceExhausted = "RESOURCE_EXHAUSTED";
    public const string FailedPrecondition = "FAILED_PRECONDITION";
    public const string Aborted = "ABORTED";
    public const string Internal = "INTERNAL";
    public const string Unavailable = "UNAVAILABLE";
    public const string Unknown = "UNKNOWN";

    /// <summary>The status Google maps an HTTP code to, for error bodies that do not say.</summary>
    public static string FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => InvalidArgument,
        401 => Unauthenticated,
        403 => PermissionDenied,
        404 => NotFound,
        409 => Aborted,
        412 => FailedPrecondition,
        429 => ResourceExhausted,
        500 => Internal,
        503 => Unavailable,
        504 => DeadlineExceeded,
        _ => Unknown,
    };
}
