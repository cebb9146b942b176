using System.Collections.Frozen;

namespace DescribeFunction.Local.Gallery;

/// <summary>The page, its style sheet and its script: plain files embedded in this assembly, no build step, no CDN.</summary>
internal static class GalleryAssets
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Files = Load();

    public static IResult Serve(string file) => Files.TryGetValue(file, out var asset)
        ? Results.Bytes(asset.Bytes, asset.ContentType)
        : Results.NotFound();

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(GalleryAssets).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("gallery/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource["gallery/".Length..];
            files[name] = (ContentType(name), buffer.ToArray());
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
