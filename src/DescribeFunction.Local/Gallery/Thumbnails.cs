using System.Collections.Concurrent;
using SkiaSharp;

namespace DescribeFunction.Local.Gallery;

/// <summary>
/// Small WebP copies of the images for the tiles, made once per object version (the version is in the URL, so the
/// browser caches them for good). Upright as the browser would show the original, whatever its EXIF orientation.
/// </summary>
public sealed class Thumbnails
{
    public const int MaxSide = 480;
    private const int MaxCached = 1000;

    private readonly ConcurrentDictionary<(string Name, long Generation), byte[]> _cache = new();

    public bool TryGet(string name, long generation, out byte[] thumbnail) =>
        _cache.TryGetValue((name, generation), out thumbnail!);

    /// <summary>The thumbnail, or null when the bytes are not an image SkiaSharp can decode.</summary>
    public byte[]? Make(string name, long generation, byte[] original)
    {
        var thumbnail = Make(original);
        if (thumbnail is not null)
        {
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear();
            }

            _cache[(name, generation)] = thumbnail;
        }

        return thumbnail;
    }

    public static byte[]? Make(byte[] original)
    {
        using var codec = SKCodec.Create(new MemoryStream(original));
        if (codec is null)
        {
            return null;
        }

        var info = codec.Info;
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(info.Width, info.Height));
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        var size = new SKImageInfo(Math.Max(1, (int)(info.Width * scale)), Math.Max(1, (int)(info.Height * scale)));
        using var resized = decoded.Resize(size, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (resized is null)
        {
            return null;
        }

        using var upright = Upright(resized, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright ?? resized);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 80);
        return data?.ToArray();
    }

    // Mirrored origins are rare in cameras; they are shown with their rotation only.
    private static SKBitmap? Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var degrees = origin switch
        {
            SKEncodedOrigin.BottomRight or SKEncodedOrigin.BottomLeft => 180,
            SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftTop => 90,
            SKEncodedOrigin.LeftBottom or SKEncodedOrigin.RightBottom => 270,
            _ => 0,
        };
        if (degrees == 0)
        {
            return null;
        }

        var swap = degrees != 180;
        var rotated = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return rotated;
    }
}
