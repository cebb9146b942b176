using System.Text;

namespace DescribeFunction.PubSub;

/// <summary>
/// Pub/Sub's limits on one message. Google's emulator does not enforce the attribute limits, so the client does,
/// and a message that breaks one fails here with a sentence instead of INVALID_ARGUMENT in production.
/// </summary>
public static class PubSubLimits
{
    /// <summary>The publish request as a whole, data (base64 on the wire) and attributes included.</summary>
    public const int MaxRequestBytes = 10_000_000;

    public const int MaxAttributes = 100;

    public const int MaxAttributeKeyBytes = 256;

    public const int MaxAttributeValueBytes = 1024;

    /// <summary>Whether a value fits in an attribute.</summary>
    public static bool FitsAttribute(string value) => Encoding.UTF8.GetByteCount(value) <= MaxAttributeValueBytes;

    /// <summary>The reason <paramref name="message"/> would be refused, or null when it fits.</summary>
    public static string? Violation(PubSubMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Attributes.Count > MaxAttributes)
        {
            return $"it has {message.Attributes.Count} attributes, more than {MaxAttributes}";
        }

        foreach (var (key, value) in message.Attributes)
        {
            if (key.Length == 0 || Encoding.UTF8.GetByteCount(key) > MaxAttributeKeyBytes || key.StartsWith("goog", StringComparison.Ordinal))
            {
                return $"the attribute key '{key}' is empty, longer than {MaxAttributeKeyBytes} bytes or starts with goog";
            }

            if (!FitsAttribute(value))
            {
                return $"the attribute {key} is longer than {MaxAttributeValueBytes} bytes";
            }
        }

        var encoded = (message.Data.Length + 2) / 3 * 4;
        var attributes = message.Attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value));
        return encoded + attributes > MaxRequestBytes
            ? $"its data ({message.Data.Length} bytes, {encoded} as base64) and attributes exceed the {MaxRequestBytes}-byte request limit"
            : null;
    }
}
