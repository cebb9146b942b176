using DescribeFunction.Events;

namespace DescribeFunction.Filtering;

/// <summary>Decides whether an uploaded object is something to describe, before any claim or model call.</summary>
public sealed class ImageFilter
{
    /// <summary>The image types Gemini on Vertex AI accepts.</summary>
    public static readonly IReadOnlySet<string> ModelImageTypes =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/webp", "image/heic", "image/heif" };

    /// <summary>Null when the object should be described; otherwise the reason it is skipped.</summary>
    public string? SkipReason(StorageEvent storageEvent)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var data = storageEvent.Data;
        if (string.IsNullOrEmpty(data.Name) || string.IsNullOrEmpty(storageEvent.Bucket))
        {
            return "the event names no object";
        }

        var mediaType = MediaType(data.ContentType);
        return mediaType is not null && ModelImageTypes.Contains(mediaType)
            ? null
            : $"content type '{data.ContentType}' is not an image type the model accepts";
    }

    /// <summary>The media type without parameters: <c>image/jpeg; foo=bar</c> → <c>image/jpeg</c>.</summary>
    public static string? MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}
