using DescribeFunction.Local.Storage;

namespace DescribeFunction.Local.Describer;

/// <summary>
/// Turns an <c>image_url.url</c> into bytes. <c>gs://bucket/name</c> is read literally — no URL-decoding — because
/// that is what Vertex AI does: <c>gs://b/My%20File.jpg</c> names an object whose name contains "%20".
/// </summary>
internal sealed class ImageResolver(LocalBucketStore bucket)
{
    private const string GsScheme = "gs://";
    private const string DataScheme = "data:";

    public ResolvedImage Resolve(string url)
    {
        if (url.StartsWith(GsScheme, StringComparison.Ordinal))
        {
            return FromBucket(url[GsScheme.Length..]);
        }

        if (url.StartsWith(DataScheme, StringComparison.OrdinalIgnoreCase))
        {
            return FromDataUrl(url);
        }

        return ResolvedImage.Fail("The offline describer reads only gs:// and data: image URLs; got " + Shorten(url));
    }

    private ResolvedImage FromBucket(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            return ResolvedImage.Fail($"Invalid Cloud Storage URI: gs://{path}");
        }

        var bytes = bucket.ReadBytes(path[..slash], path[(slash + 1)..]);
        return bytes is null ? ResolvedImage.Fail($"No such object: {path}") : new ResolvedImage(bytes, null);
    }

    private static ResolvedImage FromDataUrl(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? "" : url[DataScheme.Length..comma];
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return ResolvedImage.Fail("Invalid data URL: expected data:<mime type>;base64,<data>.");
        }

        var payload = url.AsSpan(comma + 1);
        var bytes = new byte[payload.Length * 3 / 4 + 3];
        return Convert.TryFromBase64Chars(payload, bytes, out var written)
            ? new ResolvedImage(bytes[..written], null)
            : ResolvedImage.Fail("Invalid data URL: the base64 payload does not decode.");
    }

    private static string Shorten(string url) => url.Length <= 80 ? url : url[..80] + "…";
}

internal sealed record ResolvedImage(byte[]? Bytes, string? Error)
{
    public static ResolvedImage Fail(string error) => new(null, error);
}
