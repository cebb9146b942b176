using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// <c>function.yaml</c> is the one file an operator edits, so it names every setting an operator may choose that
/// <c>docs/configuration.md</c> lists: set, or commented out (<c># NAME: "default"</c>) under a one-line comment; and
/// it names nothing the page does not list. The operator's settings are every row but those of the sections the
/// platform sets ("Set by the platform: …") and the local emulator hosts (<c>…_HOST</c>, which <c>serve</c> sets).
/// </summary>
public partial class FunctionYamlTests
{
    private const string Page = "docs/configuration.md";

    [Fact]
    public void FunctionYaml_NamesEveryOperatorSettingOfTheConfigurationReference()
    {
        var named = NamedSettings(Repository.Read("function.yaml")).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var missing = OperatorSettings(Repository.Read(Page)).Where(s => !named.Contains(s))
            .Select(s => $"{Page} lists {s}, but function.yaml does not name it; add it, set or commented out with its default (# {s}: \"…\") under a one-line comment.");

        DocsAssert.NoProblems(missing);
    }

    [Fact]
    public void EverySettingOfFunctionYaml_HasARowInTheConfigurationReference()
    {
        var documented = AllRows(Repository.Read(Page)).ToHashSet(StringComparer.Ordinal);

        var unknown = NamedSettings(Repository.Read("function.yaml")).Where(s => !documented.Contains(s.Name))
            .Select(s => $"function.yaml:{s.Line} names {s.Name}, which {Page} does not list; add a row there, or remove it.");

        DocsAssert.NoProblems(unknown);
    }

    [Fact]
    public void EveryCommentedOutSetting_HasALineSayingWhatItIs()
    {
        var lines = Repository.Read("function.yaml").Split('\n');

        var bare = NamedSettings(Repository.Read("function.yaml")).Where(s => s.CommentedOut)
            .Where(s => s.Line < 2 || !lines[s.Line - 2].StartsWith("# ", StringComparison.Ordinal) || SettingLine().IsMatch(lines[s.Line - 2]))
            .Select(s => $"function.yaml:{s.Line}: the commented-out {s.Name} needs a comment line above it saying what it does.");

        DocsAssert.NoProblems(bare);
    }

    [Fact]
    public void OperatorSettings_LeaveOutThePlatformsSectionsAndTheEmulatorHosts()
    {
        const string page = """
            # Configuration reference

            ## The model

            | setting | default | meaning |
            |---|---|---|
            | `DESCRIBE_MODEL` | x | y |
            | `FIRESTORE_EMULATOR_HOST` | none | z |

            ## Set by the platform: the host

            | setting | default | meaning |
            |---|---|---|
            | `PORT` | `8080` | port |

            ## Deployment keys

            | setting | default | meaning |
            |---|---|---|
            | `FUNCTION_NAME` | `describe-image` | deployment: name |
            """;

        Assert.Equal(["DESCRIBE_MODEL", "FUNCTION_NAME"], OperatorSettings(page));
        Assert.Equal(
            [("A", false, 1), ("B", true, 3)],
            NamedSettings("A: \"1\"\n# B is this\n# B: \"\"\n#  not: \"x\"").Select(s => (s.Name, s.CommentedOut, s.Line)));
    }

    private static List<string> OperatorSettings(string page) =>
    [
        .. page.Split("\n## ").Skip(1)
            .Where(section => !section.StartsWith("Set by the platform", StringComparison.Ordinal))
            .SelectMany(AllRows)
            .Where(name => !name.EndsWith("_HOST", StringComparison.Ordinal)),
    ];

    private static IEnumerable<string> AllRows(string markdown) =>
        Markdown.TableRows(markdown).Select(row => SettingCell().Match(row.Cells[0])).Where(m => m.Success).Select(m => m.Groups[1].Value);

    private static IEnumerable<(string Name, bool CommentedOut, int Line)> NamedSettings(string yaml) =>
        yaml.Split('\n').Select((line, i) => (Match: SettingLine().Match(line), Line: i + 1))
            .Where(l => l.Match.Success)
            .Select(l => (l.Match.Groups[2].Value, l.Match.Groups[1].Success, l.Line));

    [GeneratedRegex("^(# )?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*): \"")]
    private static partial Regex SettingLine();

    [GeneratedRegex("^`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)`$")]
    private static partial Regex SettingCell();
}
