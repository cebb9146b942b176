namespace DescribeFunction.Store;

/// <summary>The field names of a description document (a public contract, listed in the README), camelCase.</summary>
public static class DescriptionFields
{
    public const string Bucket = "bucket";
    public const string Name = "name";
    public const string GsUri = "gsUri";
    public const string Generation = "generation";
    public const string ContentType = "contentType";
    public const string Size = "size";
    public const string Status = "status";
    public const string Description = "description";
    public const string Truncated = "truncated";
    public const string Model = "model";

    /// <summary>{<c>model</c>, <c>promptHash</c>}: what produced the description (see <c>DescriberIdentity</c>).</summary>
    public const string Describer = "describer";

    /// <summary>The <see cref="Describer"/> of the description a re-description replaced.</summary>
    public const string PreviousDescriber = "previousDescriber";

    public const string DescriberModel = "model";
    public const string DescriberPromptHash = "promptHash";
    public const string FinishReason = "finishReason";
    public const string Usage = "usage";
    public const string Timings = "timings";
    public const string Chunks = "chunks";
    public const string Attempts = "attempts";
    public const string EventId = "eventId";
    public const string Error = "error";

    /// <summary>The keys inside <see cref="Error"/> and <see cref="EmbeddingError"/>; <see cref="ErrorTransient"/> only in <see cref="Error"/>.</summary>
    public const string ErrorCode = "code";

    public const string ErrorMessage = "message";
    public const string ErrorTransient = "transient";
    public const string LeaseExpiresAt = "leaseExpiresAt";
    public const string Deleted = "deleted";
    public const string DeletedAt = "deletedAt";
    public const string Output = "output";
    public const string AltText = "altText";
    public const string Labels = "labels";
    public const string VisibleText = "visibleText";
    public const string ContainsPeople = "containsPeople";
    public const string Data = "data";
    public const string RawOutput = "rawOutput";

    /// <summary>The description's vector, a Firestore vector value of <c>EMBEDDING_DIMENSIONS</c> values.</summary>
    public const string Embedding = "embedding";

    /// <summary>{<c>model</c>, <c>dimensions</c>, <c>hash</c>}: what made <see cref="Embedding"/> (see <c>EmbedderIdentity</c>).</summary>
    public const string Embedder = "embedder";

    /// <summary>The vector length inside <see cref="Embedder"/>; search counts the documents where it is not <c>EMBEDDING_DIMENSIONS</c>.</summary>
    public const string EmbedderDimensions = "dimensions";

    /// <summary>{<c>code</c>, <c>message</c>} when the description was stored without a vector.</summary>
    public const string EmbeddingError = "embeddingError";

    /// <summary>Whose image it is, read from the object name by <c>OWNER_PATTERN</c>; absent when the name does not match.</summary>
    public const string Owner = "owner";

    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
}

/// <summary>The lifecycle of a description document.</summary>
public static class DescriptionStatus
{
    public const string Processing = "processing";
    public const string Streaming = "streaming";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Not described because a daily budget was spent (<c>error.code = budget-exceeded</c>); acknowledged, left for a backfill.</summary>
    public const string Deferred = "deferred";
}
