using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace DescribeFunction.Local.Gallery;

/// <summary>
/// <c>POST /api/upload?name=…</c>: the page's files go into the bucket through the Cloud Storage JSON API's media
/// upload, so the function is triggered exactly as by any other upload. Files over the function's size limit are refused.
/// </summary>
internal sealed class GalleryUploads(GallerySources sources, HttpClient http)
{
    // A request body over the limit is still read to the end, so the client gets the answer rather than a reset.
    private const long DrainAtMost = 256L * 1024 * 1024;

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    public static string TooLarge(string name, long size, long limit) =>
        $"{name} is {Size(size)}; the gallery takes files up to {Size(limit)} (MAX_OBJECT_BYTES, the largest object the function describes).";

    public async Task<IResult> UploadAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var name = context.Request.Query["name"].ToString();
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > 1024 || name.Contains('\r', StringComparison.Ordinal) || name.Contains('\n', StringComparison.Ordinal))
        {
            return Problem(400, "An object name must be 1 to 1024 bytes of UTF-8 without line breaks.");
        }

        var limit = sources.MaxUploadBytes;
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        using var body = new MemoryStream();
        var total = 0L;
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0 && total <= DrainAtMost)
        {
            total += read;
            if (total <= limit)
            {
                body.Write(chunk, 0, read);
            }
        }

        if (total > limit)
        {
            return Problem(413, TooLarge(name, total, limit));
        }

        using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) ? type : new("application/octet-stream");
        var path = $"upload/storage/v1/b/{Uri.EscapeDataString(sources.Bucket)}/o?uploadType=media&name={Uri.EscapeDataString(name)}";
        using var response = await http.PostAsync(new Uri(sources.StorageApi, path), content, ct);
        return response.IsSuccessStatusCode
            ? Results.Bytes(await response.Content.ReadAsByteArrayAsync(ct), "application/json")
            : Problem(502, $"Cloud Storage refused the upload of {name} with HTTP {(int)response.StatusCode}.");
    }

    private static IResult Problem(int status, string message) =>
        Results.Json(new GalleryProblem(message), GalleryJsonContext.Default.GalleryProblem, statusCode: status);
}
