using System.Net.Http.Headers;
using System.Text;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>Builds storage events in the three forms the host accepts, as Eventarc and old GCF send them.</summary>
public static class StorageEvents
{
    public const string Bucket = "test-bucket";

    public static string Data(string name, long generation = 1700000000000001, string contentType = "image/jpeg", long size = 1234, bool int64AsStrings = true)
    {
        var q = int64AsStrings ? "\"" : "";
        return $$"""
            {"kind":"storage#object","id":"{{Bucket}}/{{Escape(name)}}/{{generation}}","name":"{{Escape(name)}}","bucket":"{{Bucket}}",
             "generation":{{q}}{{generation}}{{q}},"metageneration":{{q}}1{{q}},"contentType":"{{contentType}}",
             "timeCreated":"2026-11-25T12:00:00.123Z","updated":"2026-11-25T12:00:00.123Z","storageClass":"STANDARD",
             "size":{{q}}{{size}}{{q}},"md5Hash":"XrY7u+Ae7tCTyyK7j1rNww==","crc32c":"yZRlqg==","etag":"CICAgICAgICAAQ==",
             "metadata":{"origin":"test"},"unknownFutureField":{"nested":true} }
            """;
    }

    public static HttpRequestMessage Binary(string data, string? subject = null, string id = "evt-1", string type = "google.cloud.storage.object.v1.finalized")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(data, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", id);
        request.Headers.Add("ce-source", $"//storage.googleapis.com/projects/_/buckets/{Bucket}");
        request.Headers.Add("ce-type", type);
        request.Headers.Add("ce-time", "2026-11-25T12:00:00.123Z");
        if (subject is not null)
        {
            request.Headers.Add("ce-subject", subject);
        }

        return request;
    }

    public static HttpRequestMessage Structured(string data, string id = "evt-1", string type = "google.cloud.storage.object.v1.finalized")
    {
        var json = $$"""
            {"specversion":"1.0","id":"{{id}}","source":"//storage.googleapis.com/projects/_/buckets/{{Bucket}}",
             "type":"{{type}}","time":"2026-11-25T12:00:00.123Z","datacontenttype":"application/json","data":{{data}}}
            """;
        return Raw(json, "application/cloudevents+json; charset=utf-8");
    }

    public static HttpRequestMessage Legacy(string data, string name, string id = "evt-1", string type = "google.storage.object.finalize") =>
        Raw($$"""
            {"context":{"eventId":"{{id}}","timestamp":"2026-11-25T12:00:00.123Z","eventType":"{{type}}",
             "resource":{"service":"storage.googleapis.com","name":"projects/_/buckets/{{Bucket}}/objects/{{Escape(name)}}","type":"storage#object"} },
             "data":{{data}}}
            """, "application/json");

    public static HttpRequestMessage Raw(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    }

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
