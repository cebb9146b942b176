using System.Text.Json.Serialization;

namespace DescribeFunction.Events;

/// <summary>
/// The data of a Cloud Storage CloudEvent: the object resource as the JSON API describes it
/// (google.events.cloud.storage.v1.StorageObjectData). int64 fields arrive as JSON strings in real deliveries and as
/// numbers in some samples; both are accepted. Unknown fields are ignored.
/// </summary>
public sealed record StorageObjectData
{
    public string? Kind { get; init; }

    public string? Id { get; init; }

    public string? SelfLink { get; init; }

    public string? Name { get; init; }

    public string? Bucket { get; init; }

    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Generation { get; init; }

    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Metageneration { get; init; }

    public string? ContentType { get; init; }

    public DateTimeOffset? TimeCreated { get; init; }

    public DateTimeOffset? Updated { get; init; }

    public DateTimeOffset? TimeDeleted { get; init; }

    public bool? TemporaryHold { get; init; }

    public bool? EventBasedHold { get; init; }

    public DateTimeOffset? RetentionExpirationTime { get; init; }

    public string? StorageClass { get; init; }

    public DateTimeOffset? TimeStorageClassUpdated { get; init; }

    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Size { get; init; }

    public string? Md5Hash { get; init; }

    public string? MediaLink { get; init; }

    public string? ContentEncoding { get; init; }

    public string? ContentDisposition { get; init; }

    public string? ContentLanguage { get; init; }

    public string? CacheControl { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public string? Crc32c { get; init; }

    public int? ComponentCount { get; init; }

    public string? Etag { get; init; }

    public CustomerEncryption? CustomerEncryption { get; init; }

    public string? KmsKeyName { get; init; }

    public DateTimeOffset? CustomTime { get; init; }
}

/// <summary>Customer-supplied encryption details of an object.</summary>
public sealed record CustomerEncryption
{
    public string? EncryptionAlgorithm { get; init; }

    public string? KeySha256 { get; init; }
}
