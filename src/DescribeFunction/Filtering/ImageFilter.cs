using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Events;

namespace DescribeFunction.Filtering;

/// <summary>
/// Decides, before any claim or model call, whether an uploaded object is something to describe. Objects that are
/// not for this function are skipped without a document; an image the model cannot take (too large, compressed) is
/// reported so that it can be recorded as a permanent failure.
/// </summary>
public sealed class ImageFilter(FilterSettings options)
{
    private readonly HashSet<string> _types = new(options.ImageContentTypes, StringComparer.OrdinalIgnoreCase);
    private readonly NameGlob[] _include = [.. options.IncludeNames.Select(p => new NameGlob(p))];
    private readonly NameGlob[] _exclude = [.. options.ExcludeNames.Select(p => new NameGlob(p))];

    /// <summary>Null when the object should be described; otherwise why it is none of this function's business.</summary>
    public string? SkipReason(StorageEvent storageEvent)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var data = storageEvent.Data;
        if (string.IsNullOrEmpty(data.Name) || string.IsNullOrEmpty(storageEvent.Bucket))
        {
            return "the event names no object";
        }

        if (options.TriggerBucket is { } bucket && !string.Equals(bucket, storageEvent.Bucket, StringComparison.Ordinal))
        {
            return $"bucket {storageEvent.Bucket} is not the configured TRIGGER_BUCKET {bucket}";
        }

        if (_include.Length > 0 && !_include.Any(g => g.Matches(data.Name)))
        {
            return "the name matches no INCLUDE_NAMES pattern";
        }

        if (_exclude.FirstOrDefault(g => g.Matches(data.Name)) is { } excluded)
        {
            return $"the name matches the EXCLUDE_NAMES pattern {excluded.Pattern}";
        }

        return ImageMediaType.Effective(data.ContentType, data.Name) is { } type && _types.Contains(type)
            ? null
            : $"content type '{data.ContentType}' is not one of IMAGE_CONTENT_TYPES";
    }

    /// <summary>Why the model cannot take this image (recorded as a failure), or null.</summary>
    public (string Code, string Message)? Unsupported(StorageEvent storageEvent)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var data = storageEvent.Data;
        if (data.Size > options.MaxObjectBytes)
        {
            return ("image-too-large", $"The object is {data.Size} bytes, over the MAX_OBJECT_BYTES limit of {options.MaxObjectBytes}.");
        }

        if (data.ContentEncoding is { Length: > 0 } encoding && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return ("unsupported-encoding", $"The object is stored with Content-Encoding {encoding}, which the model cannot read.");
        }

        return null;
    }
}
