using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Net.Http.Headers;

namespace DescribeFunction.Events;

/// <summary>
/// Turns an HTTP request into a CloudEvent the way Google's Functions Framework does: binary mode (<c>ce-*</c>
/// headers), structured mode (<c>application/cloudevents+json</c>), or a legacy GCF event (<c>application/json</c>
/// without <c>ce-specversion</c>). Anything else is an <see cref="InvalidEventException"/> with a one-line reason.
/// </summary>
public static class CloudEventRequestReader
{
    /// <summary>Storage event bodies are a few kilobytes; anything over this is not one.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly JsonEventFormatter Formatter = new();

    public static async Task<CloudEvent> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsPost(request.Method))
        {
            throw new InvalidEventException($"Events must be sent with POST, not {request.Method}.");
        }

        var mediaType = ParseMediaType(request.ContentType);
        var body = await ReadBodyAsync(request, cancellationToken);
        if (mediaType == "application/cloudevents-batch+json")
        {
            throw new InvalidEventException("Batched CloudEvents are not supported; send one event per request.");
        }

        if (mediaType == "application/cloudevents+json")
        {
            return DecodeStructured(body, request.ContentType!);
        }

        if (request.Headers.ContainsKey(BinaryModeDecoder.SpecVersionHeader))
        {
            return BinaryModeDecoder.Decode(request.Headers, mediaType, body);
        }

        if (mediaType == "application/json")
        {
            return LegacyEventConverter.Convert(body);
        }

        throw new InvalidEventException(mediaType is null
            ? "The request has no Content-Type and no ce-specversion header, so it is not a CloudEvent."
            : $"The Content-Type {mediaType} is not a CloudEvent: use binary mode (ce-* headers), application/cloudevents+json or a legacy application/json event.");
    }

    private static CloudEvent DecodeStructured(ReadOnlyMemory<byte> body, string contentType)
    {
        try
        {
            var cloudEvent = Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType), extensionAttributes: null);
            return cloudEvent.IsValid ? cloudEvent : throw MissingAttributes(cloudEvent);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidEventException($"The structured CloudEvent is not valid JSON: {FirstLine(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // The parser checks the text inside a string only when the string is read: invalid UTF-8 or an unpaired
            // surrogate escape ("\ud800") surfaces here, as the formatter reads the attributes.
            throw new InvalidEventException($"The structured CloudEvent is not valid JSON: {FirstLine(e.Message)}", e);
        }
        catch (ArgumentException e) when (e.Message.Contains("does not represent a CloudEvent", StringComparison.Ordinal))
        {
            throw new InvalidEventException("The structured CloudEvent has no specversion attribute.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidEventException($"The structured CloudEvent is invalid: {FirstLine(e.Message)}", e);
        }
        catch (FormatException e)
        {
            throw new InvalidEventException($"The structured CloudEvent is invalid: {FirstLine(e.Message)}", e);
        }
        catch (NotSupportedException e)
        {
            // A charset the runtime refuses to decode (UTF-7 is disabled in .NET 5 and later).
            throw new InvalidEventException($"The structured CloudEvent's charset cannot be read: {FirstLine(e.Message)}", e);
        }
    }

    internal static InvalidEventException MissingAttributes(CloudEvent cloudEvent)
    {
        var missing = cloudEvent.SpecVersion.RequiredAttributes.Where(a => cloudEvent[a] is null).Select(a => a.Name);
        return new InvalidEventException($"The CloudEvent is missing required attributes: {string.Join(", ", missing)}.");
    }

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static string? ParseMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.HasValue
            ? parsed.MediaType.Value!.ToLowerInvariant()
            : throw new InvalidEventException($"The Content-Type '{contentType}' cannot be parsed.");
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new InvalidEventException($"The request body is {request.ContentLength} bytes; events may be at most {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidEventException($"The request body is over {MaxBodyBytes} bytes, the most an event may be.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? throw new InvalidEventException("The request body is empty; a storage event carries the object as its data.")
            : buffer.ToArray();
    }
}
