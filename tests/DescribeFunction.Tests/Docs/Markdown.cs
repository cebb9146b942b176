using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Docs;

/// <summary>A code span written in backticks in running text (not in a fenced block), and where it is.</summary>
public sealed record CodeSpan(string Page, int Line, string Text)
{
    public override string ToString() => $"{Page}:{Line} `{Text}`";
}

/// <summary>The little of Markdown the docs tests need: code spans outside fenced blocks, and table rows.</summary>
public static partial class Markdown
{
    /// <summary>The text with every fenced block's lines blanked, so that line numbers still match the file.</summary>
    public static string WithoutFencedBlocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal);
            if (fence || inFence)
            {
                lines[i] = "";
            }

            inFence ^= fence;
        }

        return string.Join('\n', lines);
    }

    /// <summary>Single-backtick code spans of running text; a span may wrap onto the next line.</summary>
    public static IEnumerable<CodeSpan> CodeSpans(string page, string markdown)
    {
        var text = WithoutFencedBlocks(markdown);
        foreach (Match match in CodeSpanPattern().Matches(text))
        {
            var line = 1 + text.AsSpan(0, match.Index).Count('\n');
            yield return new CodeSpan(page, line, match.Groups[1].Value.Replace('\n', ' ').Trim());
        }
    }

    /// <summary>The cells of every table row outside fenced blocks (header and separator rows included).</summary>
    public static IEnumerable<(int Line, string[] Cells)> TableRows(string markdown)
    {
        var lines = WithoutFencedBlocks(markdown).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('|') && line.EndsWith('|') && line.Length > 1)
            {
                yield return (i + 1, [.. line[1..^1].Split('|').Select(c => c.Trim())]);
            }
        }
    }

    [GeneratedRegex("(?<!`)`([^`]+)`(?!`)")]
    private static partial Regex CodeSpanPattern();
}
