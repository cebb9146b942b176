using System.Globalization;
using System.Text;

namespace DescribeFunction.Local.Describer;

/// <summary>Writes the description: plain sentences built only from measured facts, so the same image always reads the same.</summary>
internal static class DescriptionComposer
{
    public const string Signature = "(Described offline by the DescribeFunction stand-in.)";

    public static string Compose(IReadOnlyList<ImageFacts> images)
    {
        var text = new StringBuilder();
        for (var i = 0; i < images.Count; i++)
        {
            if (images.Count > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"Image {i + 1}: ");
            }

            Describe(text, images[i]);
        }

        return text.Append(Signature).ToString();
    }

    private static void Describe(StringBuilder text, ImageFacts image)
    {
        text.Append(CultureInfo.InvariantCulture, $"A {image.Orientation} {image.Format} image, {image.Width} by {image.Height} pixels");
        if (image.FrameCount > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $", animated over {image.FrameCount} frames");
        }

        var colors = image.DominantColors.Count == 1
            ? $"Its main colour is {image.DominantColors[0]}"
            : $"Its main colours are {JoinWords(image.DominantColors)}";
        text.Append(CultureInfo.InvariantCulture, $". {colors}");
        if (image.TransparentShare >= 0.2)
        {
            text.Append(", around large transparent areas");
        }

        text.Append(CultureInfo.InvariantCulture, $", and it looks {Brightness(image.MeanLuma)} overall. ");
        AppendCamera(text, image.Camera);
    }

    private static void AppendCamera(StringBuilder text, CameraFacts camera)
    {
        var device = camera.Device;
        var taken = camera.Taken?.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
        if (device is not null && taken is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"It was taken with a {device} camera on {taken}. ");
        }
        else if (device is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"It was taken with a {device} camera. ");
        }
        else if (taken is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"It was taken on {taken}. ");
        }
    }

    private static string Brightness(double luma) => luma switch
    {
        < 50 => "very dark",
        < 100 => "dark",
        < 160 => "moderately bright",
        < 210 => "bright",
        _ => "very bright",
    };

    private static string JoinWords(IReadOnlyList<string> words) => words.Count switch
    {
        0 => "none (fully transparent)",
        1 => words[0],
        _ => string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1],
    };
}
