namespace DescribeFunction.Tests.Docs;

/// <summary>
/// A code block in the docs that a test runs is the code that test runs: the block after a page's label line
/// equals, line for line, the region between <c>[START name]</c> and <c>[END name]</c> comments in the test's file
/// (less the indentation all its lines share).
/// </summary>
public class RunSnippetTests
{
    [Fact]
    public void SearchDocsNodeLookup_IsTheCodeTheNodeLookupTestRuns()
    {
        var shown = FencedBlockAfter(Repository.Read("docs/search.md"), "**Node.js**");
        var run = Region(Repository.Read("tests/lookups/find-nearest.test.js"), "find-nearest");

        Assert.Equal(run, shown);
    }

    [Fact]
    public void SearchDocsCSharpLookup_IsTheCodeTheCSharpLookupTestRuns()
    {
        var shown = FencedBlockAfter(Repository.Read("docs/search.md"), "**C#**");
        var run = Region(Repository.Read("tests/DescribeFunction.Tests/Search/LookupSnippetTests.cs"), "csharp-find-nearest");

        Assert.Equal(run, shown);
    }

    /// <summary>The lines of the first fenced block after the line that starts with <paramref name="label"/>.</summary>
    private static string[] FencedBlockAfter(string markdown, string label)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(label, StringComparison.Ordinal));
        Assert.True(at >= 0, $"No line starts with {label}.");
        var open = Array.FindIndex(lines, at, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return lines[(open + 1)..close];
    }

    private static string[] Region(string code, string name)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim().EndsWith($"[START {name}]", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, l => l.Trim().EndsWith($"[END {name}]", StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, $"No [START {name}] … [END {name}] region.");
        var region = lines[(start + 1)..end];
        var indent = region.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return [.. region.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())];
    }
}
