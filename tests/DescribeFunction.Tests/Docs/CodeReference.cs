using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Docs;

/// <summary>What a code span in the docs names, by the rules of <see cref="CodeReference"/>.</summary>
public enum ReferenceKind
{
    /// <summary>Anything else: a setting, a JSON field, a command, a value, a URL, a content type, a model id.</summary>
    None,

    /// <summary>A file or folder of the repository.</summary>
    Path,

    /// <summary>A type, namespace or member: ours or a referenced library's.</summary>
    TypeName,

    /// <summary>A test method (<c>Method_Condition</c>), possibly after its class and ending in <c>…</c>.</summary>
    TestName,
}

/// <summary>
/// Decides what a code span names. A span is checked only when it clearly names something in the code or the
/// repository, so that settings (<c>MAX_ATTEMPTS</c>), JSON fields (<c>altText</c>), commands (<c>dotnet test</c>),
/// options (<c>--prefix P</c>), values (<c>image/png</c>, <c>google/gemini-3.8-flash</c>, <c>trips/2026/</c>) and
/// URLs are left alone:
/// <list type="bullet">
/// <item>A <b>path</b> is one word of letters, digits, <c>. _ - /</c> and <c>…</c> (nothing like <c>%</c>, <c>:</c>,
/// <c>{</c>, <c>*</c>, <c>=</c>), not starting with <c>/</c> or <c>-</c>, that ends with a file extension of the
/// repository's kind (<c>.cs</c>, <c>.md</c>, <c>.json</c>, <c>.yaml</c>, …), or starts with a dot
/// (<c>.gcloudignore</c>, <c>.ci/run</c>), or has a <c>/</c> and starts with <c>src</c>, <c>tests</c>, <c>docs</c>,
/// <c>…</c> or an upper-case folder name (<c>Backfill/</c>, <c>EndToEnd/FirestoreBackendTests.cs</c>). It must exist
/// relative to the repository root, <c>src/DescribeFunction/</c> (the convention of <c>docs/architecture.md</c>),
/// <c>src/DescribeFunction.Local/</c> or <c>tests/DescribeFunction.Tests/</c>; a bare file name may be anywhere;
/// <c>…</c> stands for any run of characters (<c>tests/…/EndToEnd</c>).</item>
/// <item>A <b>type name</b> is PascalCase identifiers joined by dots, optionally followed by an argument list
/// (<c>DocumentId.FromObjectName(name)</c>), with a dot or at least two capitals (<c>FunctionSettings</c>, not
/// <c>Dockerfile</c>). It must be a type, a namespace, or a type's member, in our assemblies or a library they
/// reference (<c>HttpClient</c>, <c>ChatResponseFormat.CreateJsonSchemaFormat</c>).</item>
/// <item>A <b>test name</b> is <c>Method_Condition</c>, maybe after <c>Class.</c> and ending in <c>…</c>: a test
/// method of this assembly with that name (or that beginning).</item>
/// </list>
/// </summary>
public static partial class CodeReference
{
    private static readonly string[] FileExtensions =
        [".cs", ".csproj", ".sln", ".props", ".md", ".json", ".yaml", ".yml", ".sh", ".png", ".js", ".css", ".html", ".toml", ".editorconfig"];

    private static readonly string[] PathRoots = ["src", "tests", "docs", "…"];

    public static ReferenceKind Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TestNamePattern().IsMatch(text) && text.Any(char.IsLower))
        {
            return ReferenceKind.TestName;
        }

        if (TypeNamePattern().Match(text) is { Success: true } type && type.Groups["name"].Value is var name
            && name.Any(char.IsLower) && (name.Contains('.', StringComparison.Ordinal) || name.Count(char.IsUpper) >= 2))
        {
            return ReferenceKind.TypeName;
        }

        return IsPath(text) ? ReferenceKind.Path : ReferenceKind.None;
    }

    /// <summary>The identifier part of a type name span: without its argument list.</summary>
    public static string TypeNameOf(string text) => TypeNamePattern().Match(text).Groups["name"].Value;

    private static bool IsPath(string text)
    {
        if (!PathPattern().IsMatch(text) || text[0] is '/' or '-' || !text.Any(char.IsLetter))
        {
            return false;
        }

        if (FileExtensions.Any(ext => text.EndsWith(ext, StringComparison.Ordinal)) || (text[0] == '.' && char.IsLetter(text[1])))
        {
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && (PathRoots.Contains(text[..slash]) || char.IsUpper(text[0]));
    }

    [GeneratedRegex(@"^[A-Za-z0-9._/…-]+$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*)(?:\([^()]*\))?$")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^(?:[A-Z][A-Za-z0-9]*\.)?[A-Z][A-Za-z0-9]*_[A-Za-z0-9_]*…?$")]
    private static partial Regex TestNamePattern();
}
