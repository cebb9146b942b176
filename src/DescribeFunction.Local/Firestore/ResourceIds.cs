using System.Text;
using System.Text.RegularExpressions;

namespace DescribeFunction.Local.Firestore;

/// <summary>Firestore's rules for collection and document ids (limits from "Usage and limits").</summary>
internal static partial class ResourceIds
{
    public const int MaxIdBytes = 1500;

    public static void Validate(string id, string kind)
    {
        if (id.Length == 0)
        {
            throw ErrorResponseException.InvalidArgument($"A {kind} id must not be empty.");
        }

        if (id.Contains('/', StringComparison.Ordinal))
        {
            throw ErrorResponseException.InvalidArgument($"A {kind} id must not contain '/': \"{id}\".");
        }

        if (id is "." or "..")
        {
            throw ErrorResponseException.InvalidArgument($"A {kind} id must not be \".\" or \"..\".");
        }

        if (Reserved().IsMatch(id))
        {
            throw ErrorResponseException.InvalidArgument($"A {kind} id must not match the reserved pattern __.*__: \"{id}\".");
        }

        var bytes = Encoding.UTF8.GetByteCount(id);
        if (bytes > MaxIdBytes)
        {
            throw ErrorResponseException.InvalidArgument($"A {kind} id must be at most {MaxIdBytes} bytes; this one is {bytes} bytes.");
        }
    }

    /// <summary>Field names share the reserved pattern with ids.</summary>
    public static bool IsReserved(string name) => Reserved().IsMatch(name);

    [GeneratedRegex("^__.*__$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();
}
