using System.Globalization;
using System.Text;
using System.Text.Json;
using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Storage;

/// <summary>
/// <c>GET /storage/v1/b/{bucket}/o</c> (objects.list): names in lexicographic order, <c>prefix</c>,
/// <c>maxResults</c> (at most 1,000) and an opaque <c>pageToken</c>; <c>nextPageToken</c> only when more remain.
/// </summary>
internal static class ObjectListing
{
    private const int MaxResults = 1000;

    public static async Task WriteAsync(HttpContext context, LocalBucketStore store, string bucket, Uri baseAddress)
    {
        var ct = context.RequestAborted;
        var query = context.Request.Query;
        var prefix = query["prefix"].ToString();
        var max = MaxResults;
        if (query["maxResults"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1))
        {
            await GoogleError.WriteAsync(context, 400, $"Invalid value for maxResults: {text}", ct);
            return;
        }

        string? after = null;
        if (query["pageToken"].ToString() is { Length: > 0 } token && !TryDecode(token, out after))
        {
            await GoogleError.WriteAsync(context, 400, "Invalid page token.", ct);
            return;
        }

        var page = store.List(bucket)
            .Where(o => o.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(o => after is null || string.CompareOrdinal(o.Name, after) > 0)
            .Take(Math.Min(max, MaxResults) + 1)
            .ToList();
        var more = page.Count > Math.Min(max, MaxResults);
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "storage#objects");
            if (more)
            {
                writer.WriteString("nextPageToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Name)));
            }

            writer.WriteStartArray("items");
            foreach (var meta in page)
            {
                var bytes = store.ReadBytes(bucket, meta.Name) ?? [];
                writer.WriteRawValue(ObjectResource.ToJson(meta, Crc32C.ToBase64(bytes), baseAddress));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.Body.WriteAsync(buffer.ToArray(), ct);
    }

    private static bool TryDecode(string token, out string? after)
    {
        try
        {
            after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return true;
        }
        catch (FormatException)
        {
            after = null;
            return false;
        }
    }
}
