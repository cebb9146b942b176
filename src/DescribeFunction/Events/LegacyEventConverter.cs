using System.Text.Json;
using CloudNative.CloudEvents;

namespace DescribeFunction.Events;

/// <summary>
/// Converts a legacy GCF storage event (<c>{"context":{…},"data":{…}}</c>, or the older flat form with
/// <c>eventId</c>/<c>eventType</c>/<c>resource</c> at the top) into the CloudEvent Eventarc would send, as Google's
/// Functions Framework does.
/// </summary>
internal static class LegacyEventConverter
{
    private const string ServiceHost = "//storage.googleapis.com/";

    private static readonly Dictionary<string, string> StorageTypes = new(StringComparer.Ordinal)
    {
        ["google.storage.object.finalize"] = StorageEvent.Finalized,
        ["google.storage.object.delete"] = StorageEvent.Deleted,
        ["google.storage.object.archive"] = StorageEvent.Archived,
        ["google.storage.object.metadataUpdate"] = StorageEvent.MetadataUpdated,
        ["providers/cloud.storage/eventTypes/object.change"] = StorageEvent.Finalized,
    };

    public static CloudEvent Convert(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("The legacy event must be a JSON object.");
        }

        var context = root.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : root;
        var eventType = RequiredString(context, "eventType");
        var eventId = RequiredString(context, "eventId");
        if (!StorageTypes.TryGetValue(eventType, out var type))
        {
            throw new InvalidEventException($"The legacy event type {eventType} is not a Cloud Storage event this function handles.");
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("The legacy event's data must be a JSON object.");
        }

        var (source, subject) = SplitResource(ResourceName(context));
        var cloudEvent = Create(eventId, type, source, subject);
        cloudEvent.Data = JsonSerializer.SerializeToUtf8Bytes(data, EventJsonContext.Default.JsonElement);
        if (context.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String)
        {
            cloudEvent.Time = timestamp.TryGetDateTimeOffset(out var time)
                ? time
                : throw new InvalidEventException($"The legacy event timestamp '{timestamp.GetString()}' is not an RFC 3339 time.");
        }

        return cloudEvent;
    }

    /// <summary>The SDK enforces the spec on every attribute: no control characters, a source that is a URI reference.</summary>
    private static CloudEvent Create(string id, string type, string source, string? subject)
    {
        try
        {
            return new CloudEvent(CloudEventsSpecVersion.V1_0)
            {
                Id = id,
                Type = type,
                Source = new Uri(source, UriKind.RelativeOrAbsolute),
                Subject = subject,
                DataContentType = "application/json",
            };
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            throw new InvalidEventException($"The legacy event does not make a valid CloudEvent: {CloudEventRequestReader.FirstLine(e.Message)}", e);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        JsonText.EnsureValid(body.Span, "The request body");
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidEventException($"The request body is not valid JSON: {CloudEventRequestReader.FirstLine(e.Message)}", e);
        }
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidEventException($"The legacy event has no {name}.");

    private static string ResourceName(JsonElement context)
    {
        if (!context.TryGetProperty("resource", out var resource))
        {
            throw new InvalidEventException("The legacy event has no resource.");
        }

        return resource.ValueKind switch
        {
            JsonValueKind.String => resource.GetString()!,
            JsonValueKind.Object when resource.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString()!,
            _ => throw new InvalidEventException("The legacy event resource must be a name or an object with a name."),
        };
    }

    /// <summary><c>projects/_/buckets/B/objects/NAME</c> → source <c>//storage.googleapis.com/projects/_/buckets/B</c>, subject <c>objects/NAME</c>.</summary>
    private static (string Source, string? Subject) SplitResource(string resource)
    {
        var objects = resource.IndexOf("/objects/", StringComparison.Ordinal);
        return objects < 0
            ? (ServiceHost + resource, null)
            : (ServiceHost + resource[..objects], resource[(objects + 1)..]);
    }
}
