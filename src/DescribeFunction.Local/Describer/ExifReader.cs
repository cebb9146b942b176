using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace DescribeFunction.Local.Describer;

/// <summary>Camera make, model and capture time from EXIF, when the image carries them.</summary>
internal static class ExifReader
{
    public static CameraFacts Read(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException)
        {
            // Images without readable metadata are common; they simply have no camera facts.
            return CameraFacts.None;
        }

        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var subIfd = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var make = Clean(ifd0?.GetString(ExifDirectoryBase.TagMake));
        var model = Clean(ifd0?.GetString(ExifDirectoryBase.TagModel));
        DateTime? taken = null;
        if (subIfd is not null && subIfd.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var original))
        {
            taken = original;
        }
        else if (ifd0 is not null && ifd0.TryGetDateTime(ExifDirectoryBase.TagDateTime, out var modified))
        {
            taken = modified;
        }

        return new CameraFacts(make, model, taken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('\0');
}
