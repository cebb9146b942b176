using System.Text;

namespace DescribeFunction.Store;

/// <summary>
/// Every object name that starts with a prefix, as a range Firestore can answer. Firestore orders strings by their
/// UTF-8 bytes, which is the order of their code points, so the names starting with P are exactly those from P
/// (inclusive) up to P with its last code point raised by one (exclusive). A bound such as <c>P + "\uf8ff"</c> would
/// leave out names whose next character lies above U+F8FF: emoji, full-width letters, any supplementary character.
/// </summary>
public static class NamePrefix
{
    /// <summary>The exclusive upper bound of the names starting with <paramref name="prefix"/>; null when none is needed.</summary>
    /// <returns>Null for an empty prefix or one made only of U+10FFFF, which every name at or above it starts with.</returns>
    public static string? UpperBound(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var runes = prefix.EnumerateRunes().ToList();
        // The last code point that can be raised; a trailing U+10FFFF cannot, so it is dropped and the one before raised.
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            if (runes[i].Value == 0x10FFFF)
            {
                continue;
            }

            var next = runes[i].Value + 1;
            var raised = new Rune(next == 0xD800 ? 0xE000 : next); // surrogates are not characters
            var bound = new StringBuilder();
            foreach (var rune in runes.Take(i))
            {
                bound.Append(rune.ToString());
            }

            return bound.Append(raised.ToString()).ToString();
        }

        return null;
    }
}
