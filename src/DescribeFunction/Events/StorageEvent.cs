namespace DescribeFunction.Events;

/// <summary>A Cloud Storage CloudEvent with its data decoded: what the handlers work with.</summary>
public sealed record StorageEvent(
    string Id,
    string Type,
    string Source,
    string? Subject,
    DateTimeOffset? Time,
    StorageObjectData Data)
{
    public const string Finalized = "google.cloud.storage.object.v1.finalized";
    public const string Deleted = "google.cloud.storage.object.v1.deleted";
    public const string Archived = "google.cloud.storage.object.v1.archived";
    public const string MetadataUpdated = "google.cloud.storage.object.v1.metadataUpdated";

    /// <summary>The bucket from the data, else from the source (<c>//storage.googleapis.com/projects/_/buckets/B</c>).</summary>
    public string? Bucket => Data.Bucket ?? (Source.LastIndexOf("/buckets/", StringComparison.Ordinal) is var i and >= 0 ? Source[(i + 9)..] : null);
}
