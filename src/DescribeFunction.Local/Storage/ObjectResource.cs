using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Local.Storage;

/// <summary>Writes an object's metadata in the Cloud Storage JSON API's <c>storage#object</c> shape (int64 fields as strings).</summary>
internal static class ObjectResource
{
    public static byte[] ToJson(LocalObject meta, string? crc32c, Uri baseAddress)
    {
        var encoded = ObjectPath.Encode(meta.Name);
        var generation = meta.Generation.ToString(CultureInfo.InvariantCulture);
        var self = new Uri(baseAddress, $"storage/v1/b/{Uri.EscapeDataString(meta.Bucket)}/o/{encoded}").AbsoluteUri;
        var media = new Uri(baseAddress, $"download/storage/v1/b/{Uri.EscapeDataString(meta.Bucket)}/o/{encoded}?generation={generation}&alt=media").AbsoluteUri;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "storage#object");
            writer.WriteString("id", $"{meta.Bucket}/{meta.Name}/{generation}");
            writer.WriteString("selfLink", self);
            writer.WriteString("mediaLink", media);
            writer.WriteString("name", meta.Name);
            writer.WriteString("bucket", meta.Bucket);
            writer.WriteString("generation", generation);
            writer.WriteString("metageneration", meta.Metageneration.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("contentType", meta.ContentType);
            writer.WriteString("storageClass", "STANDARD");
            writer.WriteString("size", meta.Size.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("md5Hash", meta.Md5Hash);
            if (crc32c is not null)
            {
                writer.WriteString("crc32c", crc32c);
            }

            writer.WriteString("etag", Etag(meta));
            writer.WriteString("timeCreated", Rfc3339(meta.TimeCreated));
            writer.WriteString("updated", Rfc3339(meta.Updated));
            writer.WriteString("timeStorageClassUpdated", Rfc3339(meta.TimeCreated));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Cloud Storage's etag is an opaque base64 string that changes with generation and metageneration.
    public static string Etag(LocalObject meta) =>
        Convert.ToBase64String(BitConverter.GetBytes(meta.Generation ^ (meta.Metageneration << 56)));

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
