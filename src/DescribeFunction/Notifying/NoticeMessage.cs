using System.Globalization;
using System.Text.Json;
using DescribeFunction.PubSub;
using DescribeFunction.Store;

namespace DescribeFunction.Notifying;

/// <summary>
/// The Pub/Sub message of a finished version. <c>data</c> is the document's summary as JSON; the attributes are
/// what a subscription filter or a push endpoint routes on. An attribute value over Pub/Sub's 1,024 bytes (a
/// document id of a very long name, an outlandish content type) is left out rather than cut, since <c>data</c>
/// always carries it whole; the object name itself is at most 1,024 bytes in Cloud Storage, so it always fits.
/// </summary>
public static class NoticeMessage
{
    public const string Status = "status";
    public const string Bucket = "bucket";
    public const string ObjectName = "objectName";
    public const string Generation = "generation";
    public const string ContentType = "contentType";
    public const string DocumentId = "documentId";

    public static PubSubMessage From(OwedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (value is not null && PubSubLimits.FitsAttribute(value))
            {
                attributes[key] = value;
            }
        }

        Add(Status, notice.Status);
        Add(Bucket, notice.Bucket);
        Add(ObjectName, notice.Name);
        Add(Generation, notice.Generation.ToString(CultureInfo.InvariantCulture));
        Add(ContentType, notice.ContentType);
        Add(DocumentId, notice.DocumentId);
        return new PubSubMessage(Data(notice), attributes);
    }

    private static byte[] Data(OwedNotice notice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("bucket", notice.Bucket);
            json.WriteString("name", notice.Name);
            json.WriteNumber("generation", notice.Generation);
            json.WriteString("status", notice.Status);
            json.WriteString("document", notice.DocumentPath);
            json.WriteString("documentId", notice.DocumentId);
            WriteIfSet(json, "contentType", notice.ContentType);
            WriteIfSet(json, "description", notice.Description);
            WriteIfSet(json, "altText", notice.AltText);
            if (notice.Labels is { } labels)
            {
                json.WriteStartArray("labels");
                labels.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }

            if (notice.ErrorCode is not null)
            {
                json.WriteStartObject("error");
                json.WriteString("code", notice.ErrorCode);
                WriteIfSet(json, "message", notice.ErrorMessage);
                json.WriteEndObject();
            }

            if (notice.DescriberModel is not null)
            {
                json.WriteStartObject("describer");
                json.WriteString("model", notice.DescriberModel);
                WriteIfSet(json, "promptHash", notice.DescriberPromptHash);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
