using System.Text;
using System.Text.RegularExpressions;

namespace DescribeFunction.Filtering;

/// <summary>
/// An object-name pattern: <c>*</c> matches within one path segment, <c>**</c> across segments, <c>?</c> one
/// character. A pattern without wildcards is a prefix (<c>uploads/</c> matches everything under it).
/// </summary>
public sealed class NameGlob
{
    private readonly Regex? _regex;
    private readonly string _prefix;

    public NameGlob(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        Pattern = pattern;
        _prefix = pattern;
        if (pattern.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
        }
    }

    public string Pattern { get; }

    public bool Matches(string name) =>
        _regex?.IsMatch(name) ?? name.StartsWith(_prefix, StringComparison.Ordinal);

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
