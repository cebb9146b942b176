namespace DescribeFunction.Describing;

/// <summary>The image to describe: either a gs:// URL the model reads itself, or bytes sent inline.</summary>
public sealed record DescribeRequest
{
    private DescribeRequest()
    {
    }

    /// <summary><c>gs://bucket/name</c> with the object name exactly as stored.</summary>
    public string? GcsUri { get; private init; }

    public BinaryData? ImageBytes { get; private init; }

    /// <summary>The media type of <see cref="ImageBytes"/>, such as <c>image/jpeg</c>.</summary>
    public string? MediaType { get; private init; }

    public static DescribeRequest ForGcsObject(string bucket, string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        return new DescribeRequest { GcsUri = $"gs://{bucket}/{objectName}" };
    }

    public static DescribeRequest ForInlineImage(BinaryData bytes, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        return new DescribeRequest { ImageBytes = bytes, MediaType = mediaType };
    }
}
