using System.Buffers;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI.Chat;

namespace DescribeFunction.Describing;

/// <summary>Builds the image content part of the user message.</summary>
public static class ImagePartFactory
{
    /// <summary>
    /// A part whose <c>image_url.url</c> is exactly <paramref name="gsUri"/>. Vertex reads a gs:// URL literally, so
    /// the object name must not be percent-encoded, but <c>CreateImagePart(Uri)</c> sends <c>Uri.AbsoluteUri</c>,
    /// which escapes spaces, <c>%</c>, <c>#</c>, <c>?</c> and non-ASCII. A part the library deserializes from its
    /// own wire JSON keeps the url string verbatim and writes it back unchanged, so the part is built that way
    /// (through the AOT-safe <see cref="IPersistableModel{T}"/> interface; tests pin the behaviour).
    /// </summary>
    public static ChatMessageContentPart FromGcsUri(string gsUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(gsUri);
        if (!gsUri.StartsWith("gs://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Expected a gs:// URL, got '{gsUri}'.", nameof(gsUri));
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "image_url");
            writer.WriteStartObject("image_url");
            writer.WriteString("url", gsUri);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        IPersistableModel<ChatMessageContentPart> model = ChatMessageContentPart.CreateTextPart(string.Empty);
        return model.Create(new BinaryData(buffer.WrittenMemory), ModelReaderWriterOptions.Json)
            ?? throw new InvalidOperationException("The OpenAI library could not read an image part.");
    }

    public static ChatMessageContentPart FromGcsObject(string bucket, string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        return FromGcsUri($"gs://{bucket}/{objectName}");
    }

    /// <summary>A <c>data:{mediaType};base64,…</c> part for inline delivery.</summary>
    public static ChatMessageContentPart FromBytes(BinaryData bytes, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        return ChatMessageContentPart.CreateImagePart(bytes, mediaType);
    }
}
