namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// A valid JPEG of an exact size: a small real photo (the bundled sample) followed, right after its start marker, by
/// APP15 segments of random bytes. What the function does with an inline image depends only on its size, while the
/// describer stand-in decodes just the sample's pixels, so a burst of large images stays cheap for the harness.
/// </summary>
internal static class LargeJpeg
{
    private const int MaxSegmentPayload = 65_533;

    public static byte[] Create(byte[] sampleJpeg, int totalBytes, int seed)
    {
        if (sampleJpeg.Length < 4 || sampleJpeg[0] != 0xFF || sampleJpeg[1] != 0xD8)
        {
            throw new ArgumentException("The sample is not a JPEG.", nameof(sampleJpeg));
        }

        if (totalBytes < sampleJpeg.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(totalBytes), "The target is smaller than the sample.");
        }

        if (totalBytes - sampleJpeg.Length is > 0 and < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(totalBytes), "The target must be the sample or at least 4 bytes larger.");
        }

        var image = new byte[totalBytes];
        var random = new Random(seed);
        image[0] = 0xFF;
        image[1] = 0xD8;
        var position = 2;
        var padding = totalBytes - sampleJpeg.Length;
        while (padding > 0)
        {
            // A segment is marker (2) + length (2) + payload; the last one may need to be short but at least 4 bytes.
            var segment = Math.Min(padding, MaxSegmentPayload + 4);
            if (padding - segment is > 0 and < 4)
            {
                segment -= 4;
            }

            var payload = segment - 4;
            image[position] = 0xFF;
            image[position + 1] = 0xEF;
            image[position + 2] = (byte)((payload + 2) >> 8);
            image[position + 3] = (byte)(payload + 2);
            random.NextBytes(image.AsSpan(position + 4, payload));
            position += segment;
            padding -= segment;
        }

        sampleJpeg.AsSpan(2).CopyTo(image.AsSpan(position));
        return image;
    }
}
