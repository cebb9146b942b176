using System.Reflection;
using System.Text.RegularExpressions;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// The description document's contract in <c>docs/documents-and-lookups.md</c> is the code's: its field table names
/// every top-level field the function writes (<see cref="DescriptionFields"/>, and the <c>notification</c> map) and
/// no other; its "Failure codes:" paragraph names every <c>error.code</c> the function records, and
/// <c>docs/search.md</c>'s <c>embeddingError</c> row every code of a failed embedding (those made in <c>Embedding/</c>).
/// </summary>
public partial class DocumentFieldsTests
{
    private const string Page = "docs/documents-and-lookups.md";

    /// <summary>Codes found in the sources that are never stored in a document, and why.</summary>
    private static readonly Dictionary<string, string> NotStored = new(StringComparer.Ordinal)
    {
        ["claim-lost"] = "another instance owns the version: the function logs it and writes nothing",
        ["unknown"] = "the code of DescribeException's parameterless constructors, which the function never uses",
    };

    [Fact]
    public void TheFieldTable_NamesEveryTopLevelFieldOfTheDocument_AndNoOther()
    {
        var written = TopLevelFields().ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedFields().ToHashSet(StringComparer.Ordinal);

        DocsAssert.NoProblems([
            .. written.Except(documented).Order(StringComparer.Ordinal).Select(f => $"{Page}'s field table does not list `{f}`, a field the function writes (DescriptionFields); add a row."),
            .. documented.Except(written).Order(StringComparer.Ordinal).Select(f => $"{Page}'s field table lists `{f}`, which the function does not write; remove it or fix its name."),
        ]);
    }

    [Fact]
    public void TheFailureCodes_AreTheCodesTheFunctionRecords()
    {
        var made = CodesInSources(embedding: false);
        // The paragraph also names statuses and settings in backticks (`deferred`, `DESCRIBE_MAX_OUTPUT_TOKENS`).
        var statuses = typeof(DescriptionStatus).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        var documented = Spans(FailureCodesParagraph()).Where(s => !statuses.Contains(s) && !SettingName().IsMatch(s)).ToHashSet(StringComparer.Ordinal);

        DocsAssert.NoProblems(Differences(made, documented, $"{Page}'s \"Failure codes:\" paragraph"));
    }

    [Fact]
    public void TheEmbeddingErrorCodes_AreTheCodesOfAFailedEmbedding()
    {
        var made = CodesInSources(embedding: true);
        var row = Markdown.TableRows(Repository.Read("docs/search.md")).Single(r => r.Cells[0] == "`embeddingError`").Cells[1];
        var listed = Spans(row[row.IndexOf('(', StringComparison.Ordinal)..]).ToHashSet(StringComparer.Ordinal);

        DocsAssert.NoProblems(Differences(made, listed, "docs/search.md's `embeddingError` row"));
    }

    [Theory]
    [InlineData("throw new DescribeException(\n    \"storage-truncated\",\n    $\"Read {n} bytes.\");", "storage-truncated")]
    [InlineData("throw new DescribeException(status is { } code ? $\"endpoint-{code}\" : \"endpoint-error\", message);", "endpoint-NNN endpoint-error")]
    [InlineData("return (\"image-too-large\", $\"The object is {size} bytes.\");", "image-too-large")]
    [InlineData("public const string TooLargeCode = \"image-over-inline-budget\";", "image-over-inline-budget")]
    [InlineData("var delivery = \"gcs-uri\"; Log(\"cloud-logging\");", "")]
    public void Codes_AreFoundInEachFormTheSourcesUse(string source, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Codes(source)));
    }

    private static IEnumerable<string> Differences(IReadOnlySet<string> made, IReadOnlySet<string> documented, string where) =>
    [
        .. made.Except(documented).Order(StringComparer.Ordinal).Select(c => $"{where} does not list `{c}`, which the function records; add it with what it means."),
        .. documented.Except(made).Order(StringComparer.Ordinal).Select(c => $"{where} lists `{c}`, which no source in src/DescribeFunction makes; remove it or fix its name."),
    ];

    /// <summary>
    /// The const fields of DescriptionFields whose value is their own name in camelCase (<c>GsUri</c> = <c>gsUri</c>);
    /// a field inside a map is named after it (<c>DescriberModel</c> = <c>model</c>). And the <c>notification</c> map.
    /// </summary>
    private static IEnumerable<string> TopLevelFields() =>
        typeof(DescriptionFields).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && (string)f.GetRawConstantValue()! == char.ToLowerInvariant(f.Name[0]) + f.Name[1..])
            .Select(f => (string)f.GetRawConstantValue()!)
            .Append(NotificationFields.Notification);

    /// <summary>The backticked names of the first cells of the field table, less what is inside a map's braces.</summary>
    private static IEnumerable<string> DocumentedFields()
    {
        var page = Repository.Read(Page);
        var start = page.IndexOf("\n## The description document", StringComparison.Ordinal);
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return Markdown.TableRows(page[start..end]).Select(r => r.Cells[0]).Where(c => c.StartsWith('`'))
            .SelectMany(c => Spans(Regex.Replace(c, @"\{[^}]*\}", "")));
    }

    private static string FailureCodesParagraph()
    {
        var page = Repository.Read(Page);
        var start = page.IndexOf("\nFailure codes:", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Page} has no paragraph starting \"Failure codes:\".");
        var end = page.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return page[start..end];
    }

    private static IEnumerable<string> Spans(string text) => SpanPattern().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The codes made by the sources of src/DescribeFunction: in Embedding/ (embedding) or elsewhere.</summary>
    private static HashSet<string> CodesInSources(bool embedding) =>
    [
        .. Repository.SourceFiles("src/DescribeFunction")
            .Where(path => path.Contains("/Embedding/", StringComparison.Ordinal) == embedding)
            .SelectMany(path => Codes(Repository.Read(path)))
            .Where(code => !NotStored.ContainsKey(code)),
    ];

    /// <summary>
    /// Error codes in one source: the first argument of a DescribeException or EmbeddingException (or of a
    /// target-typed <c>new(</c> in a file that makes them), the first of a (code, message) pair, a const named
    /// <c>…Code</c> (or any code-shaped const in a file that makes them), and the code given to
    /// <c>RecordFailureAsync</c> or <c>Failed</c>. <c>$"endpoint-{status}"</c> is <c>endpoint-NNN</c>.
    /// </summary>
    private static IEnumerable<string> Codes(string source)
    {
        var code = CommentPattern().Replace(source, "");
        var makesErrors = MakesErrors().IsMatch(code);
        var found = new List<string>();
        foreach (Match m in FirstArgument().Matches(code).Concat(makesErrors ? TargetTypedFirstArgument().Matches(code) : []))
        {
            found.AddRange(CodeLiteral().Matches(m.Groups[1].Value).Select(l => l.Groups[1].Value));
        }

        found.AddRange(Pair().Matches(code).Select(m => m.Groups[1].Value));
        found.AddRange(Constant().Matches(code).Where(m => makesErrors || m.Groups[1].Value.EndsWith("Code", StringComparison.Ordinal)).Select(m => m.Groups[2].Value));
        found.AddRange(Recorded().Matches(code).Select(m => m.Groups[1].Value));
        return found.Select(c => Placeholder().Replace(c, "NNN")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex SpanPattern();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\b(?:DescribeException|EmbeddingException|RecordFailureAsync)\b")]
    private static partial Regex MakesErrors();

    [GeneratedRegex(@"\b(?:DescribeException|EmbeddingException)\(\s*([^;,]*),", RegexOptions.Singleline)]
    private static partial Regex FirstArgument();

    [GeneratedRegex(@"\bnew\(\s*([^;,]*),\s*\$?""", RegexOptions.Singleline)]
    private static partial Regex TargetTypedFirstArgument();

    [GeneratedRegex("^[A-Z][A-Z0-9_]+$")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"\$?""([a-z]+(?:-(?:[a-z]+|\{[^}]+\}))*)""")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"\(\s*""([a-z]+(?:-[a-z]+)+)"",\s*\$?""")]
    private static partial Regex Pair();

    [GeneratedRegex(@"const string (\w+) = ""([a-z]+(?:-[a-z]+)+)""")]
    private static partial Regex Constant();

    [GeneratedRegex(@"\b(?:RecordFailureAsync|Failed)\([^;]*?,\s*""([a-z]+(?:-[a-z]+)+)""")]
    private static partial Regex Recorded();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
