using System.Text;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// A field path from a request's mask or transform, parsed into its segments. Requests spell it as segments joined
/// by '.', each a simple name (<c>[A-Za-z_][A-Za-z0-9_]*</c>) or backquoted (<c>`my-field`</c>, with <c>\`</c> and
/// <c>\\</c> escapes).
/// </summary>
internal sealed class ParsedFieldPath
{
    private ParsedFieldPath(IReadOnlyList<string> segments, string text)
    {
        Segments = segments;
        Text = text;
    }

    public IReadOnlyList<string> Segments { get; }

    public string Text { get; }

    public override string ToString() => Text;

    public static ParsedFieldPath Parse(string text)
    {
        var segments = new List<string>();
        var i = 0;
        while (true)
        {
            segments.Add(text.Length > i && text[i] == '`' ? ReadQuoted(text, ref i) : ReadSimple(text, ref i));
            if (i == text.Length)
            {
                return new ParsedFieldPath(segments, text);
            }

            if (text[i] != '.')
            {
                throw Invalid(text, $"unexpected '{text[i]}' at position {i}; quote names that are not simple identifiers with backquotes");
            }

            i++;
        }
    }

    private static string ReadSimple(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_' || (i > start && char.IsAsciiDigit(text[i]))))
        {
            i++;
        }

        return i > start ? text[start..i] : throw Invalid(text, $"empty or invalid segment at position {start}");
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var builder = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '`')
            {
                i++;
                return builder.Length > 0 ? builder.ToString() : throw Invalid(text, "empty quoted segment");
            }

            if (c == '\\')
            {
                if (++i == text.Length)
                {
                    break;
                }

                c = text[i];
            }

            builder.Append(c);
        }

        throw Invalid(text, "unterminated backquote");
    }

    private static ErrorResponseException Invalid(string text, string reason) =>
        ErrorResponseException.InvalidArgument($"Invalid field path \"{text}\": {reason}.");
}
