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

    /// <summary>
    /// As a person writes it, in the largest unit that says it exactly (<c>2s</c>, <c>530s</c>, <c>5m</c>, <c>1500ms</c>),
    /// so that an error's range can be copied back into the setting: never <c>8.833333333333334m</c>.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        var milliseconds = (long)Math.Round(value.TotalMilliseconds);
        var (amount, unit) = milliseconds % 3_600_000 == 0 && milliseconds != 0 ? (milliseconds / 3_600_000, "h")
            : milliseconds % 60_000 == 0 && milliseconds != 0 ? (milliseconds / 60_000, "m")
            : milliseconds % 1000 == 0 ? (milliseconds / 1000, "s")
            : (milliseconds, "ms");
        return amount.ToString(CultureInfo.InvariantCulture) + unit;
    }
}
