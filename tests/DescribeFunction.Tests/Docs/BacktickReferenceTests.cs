namespace DescribeFunction.Tests.Docs;

/// <summary>
/// Every file path, type name and test name that <c>README.md</c> and <c>docs/*.md</c> write in backticks exists
/// (what counts as each: <see cref="CodeReference"/>). A failure names the page, the line and the span.
/// </summary>
public class BacktickReferenceTests
{
    /// <summary>Names the docs use that are deliberately not in the repository or its references, and why.</summary>
    private static readonly Dictionary<string, string> Elsewhere = new(StringComparer.Ordinal)
    {
        ["TestResults/screenshots/"] = "written by a test run",
        [".local-data/"] = "written by the local runner",
        [".local-data/.firestore/"] = "the stand-in's kept documents, written by serve",
        ["schemas/receipt.schema.json"] = "an example of the reader's own schema",
        ["project.toml"] = "a file the reader writes to deploy the backfill job from source",
        ["Google.Cloud.Firestore"] = "a package the docs name for readers who can install it; this project cannot",
        ["Google.Cloud.Functions.Framework"] = "a package this project cannot install, which the host replaces",
        ["Google.Events.Protobuf"] = "a package this project cannot install, which the event types replace",
        ["Google.Cloud.Functions.Hosting"] = "Google's Functions Framework, which this project cannot install; the host follows its contract",
        ["FunctionsStartup"] = "the Functions Framework's startup class, which the function's startup mirrors",
        ["OAuth2Client"] = "a class of Node.js's google-auth-library, in a Node.js example",
    };

    public static TheoryData<string> Pages() => [.. Repository.DocPages];

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryPathInBackticks_Exists(string page)
    {
        var missing = Spans(page, ReferenceKind.Path).Where(span => !CodeUniverse.PathExists(span.Text))
            .Select(span => $"{span}: no such file or folder relative to the repository root, src/DescribeFunction/, src/DescribeFunction.Local/ or tests/DescribeFunction.Tests/.");

        DocsAssert.NoProblems(missing);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryTypeNameInBackticks_Exists(string page)
    {
        var missing = Spans(page, ReferenceKind.TypeName).Where(span => !CodeUniverse.TypeExists(CodeReference.TypeNameOf(span.Text)))
            .Select(span => $"{span}: no such type, namespace or member in DescribeFunction, DescribeFunction.Local, the tests or a library they reference.");

        DocsAssert.NoProblems(missing);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryTestNameInBackticks_Exists(string page)
    {
        var missing = Spans(page, ReferenceKind.TestName).Where(span => !CodeUniverse.TestExists(span.Text))
            .Select(span => $"{span}: no test method of that name in tests/DescribeFunction.Tests.");

        DocsAssert.NoProblems(missing);
    }

    [Fact]
    public void Pages_IncludeTheReadmeAndEveryDocsPage()
    {
        Assert.Contains("README.md", Repository.DocPages);
        Assert.Contains("docs/configuration.md", Repository.DocPages);
        Assert.Contains("docs/architecture.md", Repository.DocPages);
    }

    [Theory]
    [InlineData("src/DescribeFunction/schemas/description.schema.json", ReferenceKind.Path)]
    [InlineData("Backfill/", ReferenceKind.Path)]
    [InlineData("tests/…/EndToEnd", ReferenceKind.Path)]
    [InlineData(".gcloudignore", ReferenceKind.Path)]
    [InlineData("function.yaml", ReferenceKind.Path)]
    [InlineData("DescribeFunction.Store.DocumentId", ReferenceKind.TypeName)]
    [InlineData("DocumentId.FromObjectName(name)", ReferenceKind.TypeName)]
    [InlineData("FunctionSettings", ReferenceKind.TypeName)]
    [InlineData("SpendGuardrailTests.ImageBudget_200ConcurrentEvents_…", ReferenceKind.TestName)]
    [InlineData("DESCRIBE_MODEL", ReferenceKind.None)]
    [InlineData("MAX_TOKENS", ReferenceKind.None)]
    [InlineData("altText", ReferenceKind.None)]
    [InlineData("dotnet test", ReferenceKind.None)]
    [InlineData("--redescribe deferred", ReferenceKind.None)]
    [InlineData("image/png", ReferenceKind.None)]
    [InlineData("google/gemini-3.8-flash", ReferenceKind.None)]
    [InlineData("trips/2026/", ReferenceKind.None)]
    [InlineData("/robots.txt", ReferenceKind.None)]
    [InlineData("gs://bucket/name", ReferenceKind.None)]
    [InlineData("Dockerfile", ReferenceKind.None)]
    [InlineData("DescribeFunction.dll", ReferenceKind.None)]
    [InlineData("photos%2Fcat.jpg", ReferenceKind.None)]
    public void Classify_ChecksPathsTypesAndTests_NotSettingsFieldsOrCommands(string text, ReferenceKind expected)
    {
        Assert.Equal(expected, CodeReference.Classify(text));
    }

    [Theory]
    [InlineData("DescribeFunction.Firestore.DocumentId", false)]
    [InlineData("DescribeFunction.Store.DocumentId", true)]
    [InlineData("DocumentId.ToObjectName", true)]
    [InlineData("ChatResponseFormat.CreateJsonSchemaFormat", true)]
    [InlineData("DocumentId.NoSuchMethod", false)]
    public void TypeExists_ResolvesTypesNamespacesAndMembers(string name, bool expected)
    {
        Assert.Equal(expected, CodeUniverse.TypeExists(name));
    }

    private static IEnumerable<CodeSpan> Spans(string page, ReferenceKind kind) =>
        Markdown.CodeSpans(page, Repository.Read(page))
            .Where(span => !Elsewhere.ContainsKey(span.Text) && CodeReference.Classify(span.Text) == kind);
}
