using System.Buffers.Binary;

namespace DescribeFunction.ImageHeaders;

/// <summary>
/// Reads an image's pixel size from its first bytes (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X, HEIC/HEIF ispe), for
/// the dry run's token estimate. Null when the bytes do not say within what was read.
/// </summary>
public static class ImageHeader
{
    /// <summary>Enough for the header of nearly every image, EXIF blocks before a JPEG's frame included.</summary>
    public const int BytesToRead = 64 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 24 && data[..8].SequenceEqual(PngSignature))
        {
            return Positive(BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }

        if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            return Jpeg(data);
        }

        if (data.Length >= 30 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP(data);
        }

        return data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8) ? Isobmff(data) : null;
    }

    private static (int, int)? Jpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                return null;
            }

            var marker = data[i + 1];
            if (marker is 0xFF or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Positive(BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
        }

        return null;
    }

    private static (int, int)? WebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return Positive(1 + (data[24] | (data[25] << 8) | (data[26] << 16)), 1 + (data[27] | (data[28] << 8) | (data[29] << 16)));
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Positive((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        return chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A
            ? Positive(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF)
            : null;
    }

    /// <summary>HEIC/HEIF keep the size in an <c>ispe</c> property; the first one found is the primary image's in practice.</summary>
    private static (int, int)? Isobmff(ReadOnlySpan<byte> data)
    {
        var at = data.IndexOf("ispe"u8);
        return at >= 4 && at + 16 <= data.Length
            ? Positive(BinaryPrimitives.ReadInt32BigEndian(data[(at + 8)..]), BinaryPrimitives.ReadInt32BigEndian(data[(at + 12)..]))
            : null;
    }

    private static (int, int)? Positive(int width, int height) => width > 0 && height > 0 ? (width, height) : null;
}

/// <summary>
/// An image's input tokens before the call: 258 for an image with both sides at most 384 px, else 258 per 768×768
/// tile, and never more than <see cref="MaxPerImage"/>. Gemini 3 models bill an image by its media resolution, not by
/// its pixels (LOW 280, MEDIUM 560, HIGH 1,120, the default for images, ULTRA_HIGH 2,240 tokens: Google's "Media
/// resolution" page of the Gemini API documentation), so a header claiming any size, even a forged one, costs at most that.
/// </summary>
public static class ImageTokens
{
    public const int PerTile = 258;
    public const int SmallSide = 384;
    public const int TileSide = 768;

    /// <summary>The most one image is billed: <c>MEDIA_RESOLUTION_ULTRA_HIGH</c>.</summary>
    public const long MaxPerImage = 2240;

    public static long Estimate(int width, int height) => width <= SmallSide && height <= SmallSide
        ? PerTile
        : Math.Min(MaxPerImage, (long)Math.Ceiling(width / (double)TileSide) * (long)Math.Ceiling(height / (double)TileSide) * PerTile);
}

