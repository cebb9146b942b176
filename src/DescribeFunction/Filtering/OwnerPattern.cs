using System.Text.RegularExpressions;

namespace DescribeFunction.Filtering;

/// <summary>
/// <c>OWNER_PATTERN</c>: reads whose image an object is from its name, for example <c>users/{owner}/**</c>.
/// <c>{owner}</c> matches one non-empty path segment or part of one; around it, <c>*</c>, <c>**</c> and <c>?</c>
/// mean what they mean in <c>INCLUDE_NAMES</c> (<see cref="NameGlob"/>), and a pattern with no wildcard is a prefix.
/// A name the pattern does not match has no owner: the owner is never guessed.
/// </summary>
public sealed class OwnerPattern
{
    public const string Placeholder = "{owner}";

    private readonly Regex _regex;

    private OwnerPattern(string pattern)
    {
        Pattern = pattern;
        var at = pattern.IndexOf(Placeholder, StringComparison.Ordinal);
        var before = pattern[..at];
        var after = pattern[(at + Placeholder.Length)..];
        var end = NameGlob.HasWildcards(before + after) ? "$" : "";
        _regex = new Regex($"^{NameGlob.ToRegex(before)}(?<owner>[^/]+){NameGlob.ToRegex(after)}{end}", NameGlob.Options, NameGlob.MatchTimeout);
    }

    public string Pattern { get; }

    /// <summary>The pattern of the setting, or null when the setting is blank (owners off).</summary>
    public static OwnerPattern? FromSetting(string? pattern) => string.IsNullOrEmpty(pattern) ? null : Parse(pattern);

    /// <summary>Parses a pattern that <see cref="Problem"/> accepts; anything else is a <see cref="FormatException"/>.</summary>
    public static OwnerPattern Parse(string pattern) =>
        Problem(pattern) is { } problem ? throw new FormatException(problem) : new OwnerPattern(pattern);

    /// <summary>Why the pattern cannot be used, in one sentence naming the setting, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var at = pattern.IndexOf(Placeholder, StringComparison.Ordinal);
        var rest = at < 0 ? pattern : pattern.Remove(at, Placeholder.Length);
        if (at < 0 || rest.Contains(Placeholder, StringComparison.Ordinal))
        {
            return $"The setting OWNER_PATTERN must contain {Placeholder} exactly once (for example users/{Placeholder}/**), but it is '{pattern}'.";
        }

        if (rest.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            return $"The setting OWNER_PATTERN may use no placeholder but {Placeholder}, but it is '{pattern}'.";
        }

        var end = at + Placeholder.Length;
        var touchesWildcard = (at > 0 && pattern[at - 1] is '*' or '?') || (end < pattern.Length && pattern[end] is '*' or '?');
        return touchesWildcard
            ? $"The setting OWNER_PATTERN must have a '/' or other fixed text between {Placeholder} and a wildcard, or the owner is ambiguous, but it is '{pattern}'."
            : null;
    }

    /// <summary>The owner named by an object name, or null when the name does not match the pattern.</summary>
    public string? OwnerOf(string objectName)
    {
        ArgumentNullException.ThrowIfNull(objectName);
        var match = _regex.Match(objectName);
        return match.Success ? match.Groups["owner"].Value : null;
    }
}
