using System.Text;

namespace DescribeFunction.Store;

/// <summary>Keeps a description within what one Firestore string value may hold.</summary>
public static class DescriptionText
{
    /// <summary>Firestore's limit is 1,048,487 bytes per string; the rest of the document needs room too.</summary>
    public const int MaxBytes = 1_000_000;

    public static (string Text, bool Truncated) Cap(string text, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var end = maxBytes;
        // Never cut a UTF-8 sequence in half: back up to the start of a character.
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return (Encoding.UTF8.GetString(bytes, 0, end), true);
    }
}
