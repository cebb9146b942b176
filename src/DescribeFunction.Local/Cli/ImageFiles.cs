namespace DescribeFunction.Local.Cli;

/// <summary>Image files from the command line or the bundled samples, with the content type an upload would set.</summary>
internal static class ImageFiles
{
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static IReadOnlyList<string> Samples() =>
        [.. Directory.EnumerateFiles(SamplesDirectory).Where(f => ContentType(f) != "application/octet-stream").Order(StringComparer.Ordinal)];

    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".heic" => "image/heic",
        ".heif" => "image/heif",
        ".gif" => "image/gif",
        _ => "application/octet-stream",
    };
}
