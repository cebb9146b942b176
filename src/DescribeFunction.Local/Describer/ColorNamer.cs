using SkiaSharp;

namespace DescribeFunction.Local.Describer;

/// <summary>Maps a colour to one of a few everyday names by hue, saturation and value, so palettes read like speech.</summary>
internal static class ColorNamer
{
    public static string Name(SKColor color)
    {
        color.ToHsv(out var hue, out var saturation, out var value);
        if (value < 18)
        {
            return "black";
        }

        if (saturation < 15)
        {
            return value >= 80 ? "white" : "grey";
        }

        return hue switch
        {
            < 15 or >= 345 => value < 45 ? "maroon" : "red",
            < 40 => value < 55 ? "brown" : "orange",
            < 70 => value < 50 ? "olive" : "yellow",
            < 165 => value < 40 ? "dark green" : "green",
            < 195 => "teal",
            < 255 => value < 45 ? "navy" : "blue",
            < 290 => "purple",
            _ => value < 45 ? "maroon" : "pink",
        };
    }
}
