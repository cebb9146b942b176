using System.Text;
using System.Text.RegularExpressions;

namespace DescribeFunction.Local.Storage;

/// <summary>
/// Cloud Storage's <c>matchGlob</c>: <c>*</c> any characters but <c>/</c>, <c>**</c> any characters including
/// <c>/</c> (and <c>a/**/b</c> also matches <c>a/b</c>), <c>?</c> one character but <c>/</c>, <c>[abc]</c>,
/// <c>[a-z]</c>, <c>[!a]</c> one of or none of, <c>{x,y}</c> either literal.
/// </summary>
internal static class MatchGlob
{
    public static Regex? TryParse(string glob, out string? error)
    {
        error = null;
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    i++;
                    if (i + 1 < glob.Length && glob[i + 1] == '/')
                    {
                        regex.Append("(?:.*/)?");
                        i++;
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        error = $"Invalid matchGlob '{glob}': '[' without ']'.";
                        return null;
                    }

                    var set = glob[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Escape(set[1..]) : Escape(set)).Append(']');
                    i = close;
                    break;
                case '{':
                    var end = glob.IndexOf('}', i);
                    if (end < 0)
                    {
                        error = $"Invalid matchGlob '{glob}': '{{' without '}}'.";
                        return null;
                    }

                    regex.Append("(?:").AppendJoin('|', glob[(i + 1)..end].Split(',').Select(Regex.Escape)).Append(')');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    // Inside a character class only '\', '^' and ']' need escaping; '-' keeps its range meaning.
    private static string Escape(string set) => set.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("^", @"\^", StringComparison.Ordinal);
}
