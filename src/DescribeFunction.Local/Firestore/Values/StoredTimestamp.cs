using System.Globalization;
using System.Text.RegularExpressions;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Firestore keeps times at microsecond precision; the stand-in holds them as microseconds since the Unix epoch and
/// writes them as RFC 3339 in UTC with six fractional digits, which is one of the forms Google's JSON output uses.
/// </summary>
public static partial class StoredTimestamp
{
    private static readonly long MinMicros = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
    private static readonly long MaxMicros = (new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000) + 999_999;

    /// <summary>Z-normalized with 0, 3 or 6 fractional digits, the shortest that keeps the value (as Google's JSON output does).</summary>
    public static string Format(long micros)
    {
        var pattern = (micros % 1_000_000) switch
        {
            0 => "yyyy-MM-dd'T'HH:mm:ss'Z'",
            var rest when rest % 1000 == 0 => "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            _ => "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
        };
        return ToDateTimeOffset(micros).ToString(pattern, CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset ToDateTimeOffset(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long FromDateTimeOffset(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Parses RFC 3339 (0–9 fractional digits, <c>Z</c> or an offset) into microseconds and the nanoseconds beyond them.</summary>
    public static bool TryParse(string text, out long micros, out int extraNanos)
    {
        micros = 0;
        extraNanos = 0;
        var match = Rfc3339().Match(text);
        if (!match.Success
            || !DateTime.TryParseExact(match.Groups["base"].Value.Replace('t', 'T'), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value.PadRight(9, '0');
        var nanos = long.Parse(fraction, CultureInfo.InvariantCulture);
        var offset = match.Groups["offset"].Value;
        var offsetSpan = offset is "Z" or "z" ? TimeSpan.Zero : TimeSpan.ParseExact(offset[1..], "hh\\:mm", CultureInfo.InvariantCulture);
        if (offset.StartsWith('-'))
        {
            offsetSpan = -offsetSpan;
        }

        var seconds = (long)(local - DateTime.UnixEpoch).TotalSeconds - (long)offsetSpan.TotalSeconds;
        micros = (seconds * 1_000_000) + (nanos / 1000);
        extraNanos = (int)(nanos % 1000);
        return micros >= MinMicros && micros <= MaxMicros;
    }

    [GeneratedRegex(@"^(?<base>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,9}))?(?<offset>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
