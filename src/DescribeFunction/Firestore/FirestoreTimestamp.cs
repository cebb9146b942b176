using System.Globalization;

namespace DescribeFunction.Firestore;

/// <summary>RFC 3339 text as Firestore uses it: UTC, 'Z', microseconds on the way out; up to nanoseconds on the way in.</summary>
internal static class FirestoreTimestamp
{
    private const string ParseFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK";

    /// <summary>Firestore stores microseconds, so finer ticks are truncated rather than rounded into the future.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TrimFractionToTicks(text);
        return DateTimeOffset.TryParseExact(normalized, ParseFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value.ToUniversalTime()
            : throw new FormatException($"'{text}' is not an RFC 3339 timestamp.");
    }

    // .NET parses at most 7 fractional digits (100 ns ticks); Google sends up to 9.
    private static string TrimFractionToTicks(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
