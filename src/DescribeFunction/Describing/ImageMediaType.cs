namespace DescribeFunction.Describing;

/// <summary>The media type an image is sent as, and the one the filter compares with <c>IMAGE_CONTENT_TYPES</c>.</summary>
public static class ImageMediaType
{
    /// <summary>
    /// The media type to send: the object's own, without parameters, or for <c>application/octet-stream</c> (what
    /// many upload tools set) the one its file extension implies.
    /// </summary>
    public static string? Effective(string? contentType, string name)
    {
        var type = WithoutParameters(contentType);
        if (type is not (null or "application/octet-stream"))
        {
            return type;
        }

        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".heic" => "image/heic",
            ".heif" => "image/heif",
            _ => type,
        };
    }

    /// <summary>The media type without parameters: <c>image/jpeg; foo=bar</c> → <c>image/jpeg</c>.</summary>
    public static string? WithoutParameters(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}
