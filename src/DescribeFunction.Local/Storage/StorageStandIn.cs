using System.Globalization;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Storage;

/// <summary>
/// The slice of the Cloud Storage JSON API the function uses, over a <see cref="LocalBucketStore"/>:
/// <c>GET /storage/v1/b/{bucket}/o/{object}</c> (metadata, or bytes with <c>alt=media</c>, optional <c>generation</c>),
/// the same under <c>/download/</c> (with a single byte <c>Range</c>), listing (<see cref="ObjectListing"/>), and simple media uploads <c>POST /upload/storage/v1/b/{bucket}/o?uploadType=media&amp;name=…</c>.
/// </summary>
public static class StorageStandIn
{
    private const string ApiPrefix = "/storage/v1/b/";
    private const string DownloadPrefix = "/download/storage/v1/b/";

    public static Task<StandInServer> StartAsync(LocalBucketStore store, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return StandInHost.StartAsync("storage", port, services => services.AddSingleton(store), app =>
        {
            app.MapGet(ApiPrefix + "{bucket}/o", (HttpContext c, string bucket) => ObjectListing.ListAsync(c, store, bucket));
            app.MapGet(ApiPrefix + "{bucket}/o/{**name}", (HttpContext c) => GetAsync(c, store, ApiPrefix));
            app.MapGet(DownloadPrefix + "{bucket}/o/{**name}", (HttpContext c) => GetAsync(c, store, DownloadPrefix));
            app.MapPost("/upload/storage/v1/b/{bucket}/o", (HttpContext c, string bucket) => UploadAsync(c, store, bucket));
        }, cancellationToken);
    }

    // Links in answers point back at whichever address the client used.
    private static Uri BaseAddress(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");

    private static async Task GetAsync(HttpContext context, LocalBucketStore store, string prefix)
    {
        var ct = context.RequestAborted;
        if (!ObjectPath.TryParse(context, prefix, out var bucket, out var name))
        {
            await GoogleError.WriteAsync(context, 400, "Invalid object path.", ct);
            return;
        }

        var meta = store.GetMetadata(bucket, name);
        var bytes = meta is null ? null : store.ReadBytes(bucket, name);
        if (meta is null || bytes is null || !GenerationMatches(context, meta))
        {
            await GoogleError.WriteAsync(context, 404, $"No such object: {bucket}/{name}", ct);
            return;
        }

        var generation = meta.Generation.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-goog-generation"] = generation;
        context.Response.Headers["x-goog-metageneration"] = meta.Metageneration.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.ETag = ObjectResource.Etag(meta);
        var crc32c = Crc32C.ToBase64(bytes);
        if (context.Request.Query["alt"] == "media" || prefix == DownloadPrefix)
        {
            context.Response.Headers["x-goog-hash"] = $"crc32c={crc32c},md5={meta.Md5Hash}";
            context.Response.ContentType = meta.ContentType;
            context.Response.Headers.AcceptRanges = "bytes";
            var (from, to) = ByteRange(context, bytes.Length);
            if (from > 0 || to < bytes.Length - 1)
            {
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {from}-{to}/{bytes.Length}";
            }

            context.Response.ContentLength = to - from + 1;
            await context.Response.Body.WriteAsync(bytes.AsMemory(from, to - from + 1), ct);
            return;
        }

        await WriteJsonAsync(context, ObjectResource.ToJson(meta, crc32c, BaseAddress(context)), ct);
    }

    /// <summary>A single <c>Range: bytes=a-b</c> (or <c>a-</c>), clamped to the object; the whole object otherwise.</summary>
    private static (int From, int To) ByteRange(HttpContext context, int length)
    {
        var range = context.Request.GetTypedHeaders().Range;
        if (range is not { Unit.Value: "bytes", Ranges.Count: 1 } || length == 0)
        {
            return (0, length - 1);
        }

        var only = range.Ranges.First();
        if (only.From is not { } from || from >= length)
        {
            return (0, length - 1);
        }

        return ((int)from, (int)Math.Min(only.To ?? (length - 1), length - 1));
    }

    private static bool GenerationMatches(HttpContext context, LocalObject meta)
    {
        var wanted = context.Request.Query["generation"].ToString();
        return wanted.Length == 0
            || (long.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g == meta.Generation);
    }

    private static async Task UploadAsync(HttpContext context, LocalBucketStore store, string bucket)
    {
        var ct = context.RequestAborted;
        var name = context.Request.Query["name"].ToString();
        if (context.Request.Query["uploadType"] != "media" || name.Length == 0)
        {
            await GoogleError.WriteAsync(context, 400, "Only uploadType=media with a name parameter is supported.", ct);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct);
        var contentType = context.Request.ContentType is { Length: > 0 } type ? type : "application/octet-stream";
        var meta = store.Put(bucket, name, body.GetBuffer().AsSpan(0, (int)body.Length), contentType);
        await WriteJsonAsync(context, ObjectResource.ToJson(meta, Crc32C.ToBase64(body.GetBuffer().AsSpan(0, (int)body.Length)), BaseAddress(context)), ct);
    }

    private static async Task WriteJsonAsync(HttpContext context, byte[] json, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.Body.WriteAsync(json, cancellationToken);
    }
}
