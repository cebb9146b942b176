using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Local.Hosting;

/// <summary>
/// The <c>google.cloud.storage.object.v1.finalized</c> CloudEvent Eventarc sends for a stored object, in binary mode:
/// attributes in <c>ce-*</c> headers (the subject percent-encoded) and the object resource as JSON data with int64
/// fields as strings, as real deliveries have them.
/// </summary>
public static class FinalizedEvent
{
    public static HttpRequestMessage Create(LocalObject stored, string? eventId = null, long? generation = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var g = (generation ?? stored.Generation).ToString(CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "storage#object");
            json.WriteString("id", $"{stored.Bucket}/{stored.Name}/{g}");
            json.WriteString("name", stored.Name);
            json.WriteString("bucket", stored.Bucket);
            json.WriteString("generation", g);
            json.WriteString("metageneration", stored.Metageneration.ToString(CultureInfo.InvariantCulture));
            json.WriteString("contentType", stored.ContentType);
            json.WriteString("size", stored.Size.ToString(CultureInfo.InvariantCulture));
            json.WriteString("md5Hash", stored.Md5Hash);
            json.WriteString("storageClass", "STANDARD");
            json.WriteString("timeCreated", stored.TimeCreated);
            json.WriteString("updated", stored.Updated);
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", eventId ?? Guid.NewGuid().ToString());
        request.Headers.Add("ce-source", $"//storage.googleapis.com/projects/_/buckets/{stored.Bucket}");
        request.Headers.Add("ce-type", "google.cloud.storage.object.v1.finalized");
        request.Headers.Add("ce-subject", "objects/" + Uri.EscapeDataString(stored.Name));
        request.Headers.Add("ce-time", stored.Updated.ToString("O", CultureInfo.InvariantCulture));
        return request;
    }
}
