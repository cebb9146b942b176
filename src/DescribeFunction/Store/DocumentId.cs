using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DescribeFunction.Store;

/// <summary>
/// Maps a Cloud Storage object name to a Firestore document id and back. The escaping is
/// injective: after the basic step every <c>%</c> is followed by <c>25</c> or <c>2F</c>, so the <c>%2E</c>,
/// <c>%5F</c> and <c>%23</c> forms of the special cases can never be produced by an ordinary name.
/// </summary>
public static class DocumentId
{
    /// <summary>Firestore's limit on a document id, in UTF-8 bytes.</summary>
    public const int MaxIdBytes = 1500;

    private const string HashedPrefix = "%23";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string FromObjectName(string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        var id = objectName.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal);
        if (id is "." or "..")
        {
            id = id.Replace(".", "%2E", StringComparison.Ordinal);
        }
        else if (IsReservedDunder(id))
        {
            id = "%5F" + id[1..];
        }

        return Encoding.UTF8.GetByteCount(id) > MaxIdBytes
            ? HashedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectName)))
            : id;
    }

    /// <summary>
    /// The object name a document id was made from, or null for the hashed form of an over-long name (its
    /// document's <c>name</c> field holds the object name). Throws <see cref="FormatException"/> for an id that
    /// <see cref="FromObjectName"/> never produces.
    /// </summary>
    public static string? ToObjectName(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.StartsWith(HashedPrefix, StringComparison.Ordinal))
        {
            return IsHashedForm(id) ? null : throw NotOurs(id);
        }

        var name = id switch
        {
            "%2E" => ".",
            "%2E%2E" => "..",
            _ when id.StartsWith("%5F", StringComparison.Ordinal) => "_" + Unescape(id[3..], id),
            _ => Unescape(id, id),
        };

        // Only the canonical form is accepted, so every id maps back to exactly one name.
        return string.Equals(FromObjectName(name), id, StringComparison.Ordinal) ? name : throw NotOurs(id);
    }

    private static bool IsReservedDunder(string id) =>
        id.Length >= 4 && id.StartsWith("__", StringComparison.Ordinal) && id.EndsWith("__", StringComparison.Ordinal);

    private static bool IsHashedForm(string id) =>
        id.Length == HashedPrefix.Length + 64 && !id.AsSpan(HashedPrefix.Length).ContainsAnyExcept(LowerHex);

    private static string Unescape(string text, string id)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                builder.Append(text[i]);
                continue;
            }

            var escape = text.AsSpan(i, Math.Min(3, text.Length - i));
            builder.Append(escape switch
            {
                "%25" => '%',
                "%2F" => '/',
                _ => throw NotOurs(id),
            });
            i += 2;
        }

        return builder.ToString();
    }

    private static FormatException NotOurs(string id) =>
        new($"'{id}' is not a document id made by DocumentId.FromObjectName.");
}
