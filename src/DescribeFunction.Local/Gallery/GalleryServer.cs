using System.Globalization;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Gallery;

/// <summary>
/// The local gallery on loopback: a page that shows every object of the bucket beside its description document, and a
/// few endpoints behind it that read only through the public APIs the function itself uses — the Cloud Storage JSON
/// API (listing, bytes, uploads) and Firestore REST (batchGet, and findNearest for the search box) — so it works the
/// same against the official emulator.
/// </summary>
public static class GalleryServer
{
    public const int DefaultPort = 8685;

    public static Task<StandInServer> StartAsync(GallerySources sources, int port = DefaultPort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var bucket = new BucketClient(http, sources.StorageApi, sources.Bucket);
        var uploads = new GalleryUploads(sources, http);
        var thumbnails = new Thumbnails();
        return StandInHost.StartAsync("gallery", port, services =>
        {
            services.AddSingleton(new GallerySnapshot(sources, bucket));
            services.AddSingleton<GalleryFeed>();
        }, app =>
        {
            app.MapGet("/", () => GalleryAssets.Serve("index.html"));
            app.MapGet("/assets/{file}", (string file) => GalleryAssets.Serve(file));
            app.MapGet("/api/config", () => Results.Json(
                new GalleryConfig(sources.Bucket, sources.Collection, sources.MaxUploadBytes, GalleryUploads.Size(sources.MaxUploadBytes), sources.Search is not null),
                GalleryJsonContext.Default.GalleryConfig));
            app.MapGet("/api/events", (HttpContext c, GalleryFeed feed) => feed.StreamAsync(c));
            app.MapGet("/api/items", async (HttpContext c, GallerySnapshot snapshot) =>
            {
                var items = await snapshot.ReadAsync(c.RequestAborted);
                return Results.Text($"[{string.Join(',', items.Select(i => i.ToJson()))}]", "application/json; charset=utf-8");
            });
            app.MapGet("/api/image", (Func<HttpContext, Task<IResult>>)(c => ImageAsync(c, bucket, thumbnails: null)));
            app.MapGet("/api/thumbnail", (Func<HttpContext, Task<IResult>>)(c => ImageAsync(c, bucket, thumbnails)));
            app.MapPost("/api/upload", (Func<HttpContext, Task<IResult>>)uploads.UploadAsync);
            app.MapGet("/api/search", (Func<HttpContext, Task<IResult>>)new GallerySearch(sources).SearchAsync);
        }, cancellationToken);
    }

    private static async Task<IResult> ImageAsync(HttpContext context, BucketClient bucket, Thumbnails? thumbnails)
    {
        var name = context.Request.Query["name"].ToString();
        if (name.Length == 0 || !long.TryParse(context.Request.Query["generation"], NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            return Results.BadRequest();
        }

        // The version is in the URL, so the answer never changes; objects are served as data, never as a page.
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        if (thumbnails is not null && thumbnails.TryGet(name, generation, out var cached))
        {
            return Results.Bytes(cached, "image/webp");
        }

        var media = await bucket.ReadAsync(name, generation, context.RequestAborted);
        if (media is null)
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }

        if (thumbnails is null)
        {
            return Results.Bytes(media.Bytes, media.ContentType);
        }

        var thumbnail = thumbnails.Make(name, generation, media.Bytes);
        return thumbnail is null
            ? Results.Text("Not an image this gallery can show.", statusCode: 415)
            : Results.Bytes(thumbnail, "image/webp");
    }
}
