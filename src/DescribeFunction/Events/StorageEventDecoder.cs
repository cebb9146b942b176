using System.Text.Json;
using CloudNative.CloudEvents;

namespace DescribeFunction.Events;

/// <summary>Decodes a CloudEvent's data into <see cref="StorageObjectData"/>, whichever form the data arrived in.</summary>
public static class StorageEventDecoder
{
    public static StorageEvent Decode(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var data = cloudEvent.Data switch
        {
            null => throw new InvalidEventException("The CloudEvent has no data; a storage event carries the object as its data."),
            JsonElement element => FromElement(element),
            byte[] bytes => FromBytes(bytes),
            string text => FromBytes(System.Text.Encoding.UTF8.GetBytes(text)),
            _ => throw new InvalidEventException("The CloudEvent data is not JSON."),
        };
        return new StorageEvent(cloudEvent.Id!, cloudEvent.Type!, cloudEvent.Source!.OriginalString, cloudEvent.Subject, cloudEvent.Time, data);
    }

    private static StorageObjectData FromElement(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? Deserialize(() => element.Deserialize(EventJsonContext.Default.StorageObjectData))
            : throw NotAnObject(element.ValueKind);

    private static StorageObjectData FromBytes(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotAnObject(reader.TokenType == JsonTokenType.StartArray ? JsonValueKind.Array : JsonValueKind.Undefined);
            }
        }
        catch (JsonException e)
        {
            throw new InvalidEventException($"The CloudEvent data is not valid JSON: {CloudEventRequestReader.FirstLine(e.Message)}", e);
        }

        return Deserialize(() => JsonSerializer.Deserialize(bytes, EventJsonContext.Default.StorageObjectData));
    }

    private static StorageObjectData Deserialize(Func<StorageObjectData?> deserialize)
    {
        try
        {
            return deserialize() ?? throw NotAnObject(JsonValueKind.Null);
        }
        catch (JsonException e)
        {
            throw new InvalidEventException($"The CloudEvent data is not a storage object: {CloudEventRequestReader.FirstLine(e.Message)}", e);
        }
    }

    private static InvalidEventException NotAnObject(JsonValueKind kind) =>
        new($"The CloudEvent data must be a JSON object describing the storage object, not {(kind == JsonValueKind.Undefined ? "that" : kind.ToString().ToLowerInvariant())}.");
}
