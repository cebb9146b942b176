namespace DescribeFunction.Firestore;

/// <summary>
/// A write's <c>currentDocument</c> precondition. <c>default</c> is none. A failed precondition comes back as
/// ALREADY_EXISTS (exists=false), NOT_FOUND (exists=true) or FAILED_PRECONDITION (updateTime).
/// </summary>
public readonly record struct FirestorePrecondition
{
    private FirestorePrecondition(bool? exists, string? updateTimeRaw)
    {
        DocumentExists = exists;
        UpdateTimeRaw = updateTimeRaw;
    }

    public static FirestorePrecondition None => default;

    public static FirestorePrecondition MustExist => Exists(true);

    public static FirestorePrecondition MustNotExist => Exists(false);

    /// <summary>True: the document must exist. False: it must not. Null: no existence condition.</summary>
    public bool? DocumentExists { get; }

    /// <summary>The document's last update time, verbatim as Firestore returned it.</summary>
    public string? UpdateTimeRaw { get; }

    public bool IsNone => DocumentExists is null && UpdateTimeRaw is null;

    public static FirestorePrecondition Exists(bool exists) => new(exists, null);

    public static FirestorePrecondition UpdateTime(string updateTimeRaw)
    {
        ArgumentException.ThrowIfNullOrEmpty(updateTimeRaw);
        return new(null, updateTimeRaw);
    }
}
