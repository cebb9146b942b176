using CloudNative.CloudEvents;

namespace DescribeFunction.Events;

/// <summary>Binary-mode CloudEvents: attributes in percent-encoded <c>ce-*</c> headers, the data in the body.</summary>
internal static class BinaryModeDecoder
{
    public const string SpecVersionHeader = "ce-specversion";
    private const string Prefix = "ce-";

    public static CloudEvent Decode(IHeaderDictionary headers, string? mediaType, ReadOnlyMemory<byte> body)
    {
        var versionId = headers[SpecVersionHeader].ToString();
        var version = CloudEventsSpecVersion.FromVersionId(versionId)
            ?? throw new InvalidEventException($"The CloudEvents spec version '{versionId}' is not supported; use 1.0.");
        if (mediaType is not ("application/json" or null) && !mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            throw new InvalidEventException($"The Content-Type {mediaType} is not supported for storage event data; use application/json.");
        }

        var cloudEvent = new CloudEvent(version) { DataContentType = mediaType, Data = body.ToArray() };
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Equals(SpecVersionHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attribute = name[Prefix.Length..].ToLowerInvariant();
            try
            {
                cloudEvent.SetAttributeFromString(attribute, Uri.UnescapeDataString(values.ToString()));
            }
            catch (ArgumentException e)
            {
                throw new InvalidEventException($"The header {name} is invalid: {CloudEventRequestReader.FirstLine(e.Message)}", e);
            }
        }

        return cloudEvent.IsValid ? cloudEvent : throw CloudEventRequestReader.MissingAttributes(cloudEvent);
    }
}
