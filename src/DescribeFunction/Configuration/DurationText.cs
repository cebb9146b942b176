using System.Globalization;

namespace DescribeFunction.Configuration;

/// <summary>The duration syntax settings use: a number with a unit (ms, s, m, h), or plain seconds.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : text.EndsWith('h') || text.EndsWith('H') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0 && double.IsFinite(amount))
        {
            value = TimeSpan.FromSeconds(amount * unit);
            return true;
        }

        value = default;
        return false;
    }

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 ? $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms"
        : value.TotalSeconds < 120 ? $"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
        : $"{value.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m";
}
