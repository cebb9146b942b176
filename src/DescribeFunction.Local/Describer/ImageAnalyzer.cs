using SkiaSharp;

namespace DescribeFunction.Local.Describer;

/// <summary>Decodes an image with SkiaSharp and measures it: format, displayed size, palette, brightness.</summary>
internal static class ImageAnalyzer
{
    // A fixed sampling grid keeps the work small for big photos and makes results independent of timing.
    private const int GridSize = 64;
    private const double MinimumColorShare = 0.08;

    /// <summary>The facts, or null when the bytes are not an image SkiaSharp can decode.</summary>
    public static ImageFacts? Analyze(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null || bitmap.Width == 0 || bitmap.Height == 0)
        {
            return null;
        }

        var (width, height) = IsQuarterTurn(codec.EncodedOrigin) ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var (colors, luma, transparent) = Sample(bitmap);
        return new ImageFacts(
            FormatName(codec.EncodedFormat), width, height, Math.Max(1, codec.FrameCount), colors, luma, transparent,
            ExifReader.Read(bytes));
    }

    private static (IReadOnlyList<string> Colors, double MeanLuma, double TransparentShare) Sample(SKBitmap bitmap)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        double lumaSum = 0;
        int opaque = 0, total = 0;
        var stepsX = Math.Min(GridSize, bitmap.Width);
        var stepsY = Math.Min(GridSize, bitmap.Height);
        for (var j = 0; j < stepsY; j++)
        {
            for (var i = 0; i < stepsX; i++)
            {
                total++;
                var pixel = bitmap.GetPixel((int)((i + 0.5) * bitmap.Width / stepsX), (int)((j + 0.5) * bitmap.Height / stepsY));
                if (pixel.Alpha < 128)
                {
                    continue;
                }

                opaque++;
                lumaSum += (0.2126 * pixel.Red) + (0.7152 * pixel.Green) + (0.0722 * pixel.Blue);
                var name = ColorNamer.Name(pixel);
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }

        var dominant = counts
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Where((c, index) => index == 0 || c.Value >= MinimumColorShare * opaque)
            .Take(3).Select(c => c.Key).ToList();
        return (dominant, opaque == 0 ? 0 : lumaSum / opaque, total == 0 ? 0 : 1.0 - ((double)opaque / total));
    }

    private static bool IsQuarterTurn(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    private static string FormatName(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "JPEG",
        SKEncodedImageFormat.Png => "PNG",
        SKEncodedImageFormat.Gif => "GIF",
        SKEncodedImageFormat.Webp => "WebP",
        SKEncodedImageFormat.Bmp => "BMP",
        SKEncodedImageFormat.Heif => "HEIF",
        SKEncodedImageFormat.Avif => "AVIF",
        SKEncodedImageFormat.Ico => "ICO",
        _ => format.ToString().ToUpperInvariant(),
    };
}
