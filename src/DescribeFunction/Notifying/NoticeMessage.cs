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
            // The summary's keys are the document's own field names, so a reader of either meets the same names.
            json.WriteString(DescriptionFields.Bucket, notice.Bucket);
            json.WriteString(DescriptionFields.Name, notice.Name);
            json.WriteNumber(DescriptionFields.Generation, notice.Generation);
            json.WriteString(DescriptionFields.Status, notice.Status);
            json.WriteString("document", notice.DocumentPath);
            json.WriteString("documentId", notice.DocumentId);
            WriteIfSet(json, DescriptionFields.ContentType, notice.ContentType);
            WriteIfSet(json, DescriptionFields.Description, notice.Description);
            WriteIfSet(json, DescriptionFields.AltText, notice.AltText);
            if (notice.Labels is { } labels)
            {
                json.WriteStartArray(DescriptionFields.Labels);
                labels.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }

            if (notice.ErrorCode is not null)
            {
                json.WriteStartObject(DescriptionFields.Error);
                json.WriteString(DescriptionFields.ErrorCode, notice.ErrorCode);
                WriteIfSet(json, DescriptionFields.ErrorMessage, notice.ErrorMessage);
                json.WriteEndObject();
            }

            if (notice.DescriberModel is not null)
            {
                json.WriteStartObject(DescriptionFields.Describer);
                json.WriteString(DescriptionFields.DescriberModel, notice.DescriberModel);
                WriteIfSet(json, DescriptionFields.DescriberPromptHash, notice.DescriberPromptHash);
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
