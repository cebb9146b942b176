namespace DescribeFunction.Local.Cli;

/// <summary>Image files from the command line or the bundled samples, with the content type an upload would set.</summary>
internal static class ImageFiles
{
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static IReadOnlyList<string> Samples() =>
        [.. Directory.EnumerateFiles(SamplesDirectory).Where(f => ContentType(f) != "application/octet-stream").Order(StringComparer.Ordinal)];

    /// <summary>What an upload tool would set: the image type the function itself infers from the extension.</summary>
    public static string ContentType(string path) =>
        DescribeFunction.Describing.ImageMediaType.Effective(null, path) ?? "application/octet-stream";
}
