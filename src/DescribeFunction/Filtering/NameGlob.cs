using System.Text;
using System.Text.RegularExpressions;

namespace DescribeFunction.Filtering;

/// <summary>
/// An object-name pattern: <c>*</c> matches within one path segment, <c>**</c> across segments, <c>?</c> one
/// character. A pattern without wildcards is a prefix (<c>uploads/</c> matches everything under it).
/// </summary>
public sealed class NameGlob
{
    internal const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline;
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex? _regex;
    private readonly string _prefix;

    public NameGlob(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        Pattern = pattern;
        _prefix = pattern;
        if (HasWildcards(pattern))
        {
            _regex = new Regex("^" + ToRegex(pattern) + "$", Options, MatchTimeout);
        }
    }

    public string Pattern { get; }

    public bool Matches(string name) =>
        _regex?.IsMatch(name) ?? name.StartsWith(_prefix, StringComparison.Ordinal);

    internal static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>The pattern as an unanchored regular expression, so that other patterns can be built around it.</summary>
    internal static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
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

        return regex.ToString();
    }
}
