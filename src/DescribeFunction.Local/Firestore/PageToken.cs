using System.Text;

namespace DescribeFunction.Local.Firestore;

/// <summary>List page tokens: the last id of the page, base64url-encoded; the next page starts after it.</summary>
internal static class PageToken
{
    public static string Create(string lastId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? AfterId(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken))
        {
            return null;
        }

        var base64 = pageToken.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length)
            ? Encoding.UTF8.GetString(buffer, 0, length)
            : throw ErrorResponseException.InvalidArgument("Invalid pageToken.");
    }
}
