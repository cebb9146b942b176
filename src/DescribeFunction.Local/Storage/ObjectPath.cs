namespace DescribeFunction.Local.Storage;

/// <summary>
/// Reads bucket and object name from the raw request target, because the object name travels percent-encoded
/// (<c>a%2Fb.jpg</c>) and must be decoded exactly once: the routed path is already partly decoded by the server.
/// </summary>
internal static class ObjectPath
{
    public static bool TryParse(HttpContext context, string prefix, out string bucket, out string name)
    {
        bucket = "";
        name = "";
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget
            ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        bucket = Uri.UnescapeDataString(rest[..slash]);
        var afterBucket = rest[(slash + 1)..];
        if (!afterBucket.StartsWith("o/", StringComparison.Ordinal) || afterBucket.Length == 2)
        {
            return false;
        }

        name = Uri.UnescapeDataString(afterBucket[2..]);
        return true;
    }

    /// <summary>Encodes a name for use as one path segment, the way client libraries do.</summary>
    public static string Encode(string name) => Uri.EscapeDataString(name);
}
