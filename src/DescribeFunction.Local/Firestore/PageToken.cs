using System.Globalization;
using System.Text;

namespace DescribeFunction.Local.Firestore;

/// <summary>List page tokens: how many results earlier pages returned, base64url-encoded; the next page starts there.</summary>
internal static class PageToken
{
    private const string Prefix = "offset:";

    public static string Create(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The offset a token stands for (0 without one). A token the stand-in did not issue is INVALID_ARGUMENT, as
    /// production answers it; the emulator answers some with 500.
    /// </summary>
    public static int Offset(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken))
        {
            return 0;
        }

        var base64 = pageToken.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length)
            && Encoding.UTF8.GetString(buffer, 0, length) is var text && text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw ErrorResponseException.InvalidArgument("invalid page token");
    }
}
