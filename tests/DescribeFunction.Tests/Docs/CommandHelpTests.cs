using System.Reflection;
using System.Text.RegularExpressions;
using DescribeFunction.Backfill;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// Every option a command of the function's executable prints in its <c>--help</c> is documented on the command's
/// page, <c>docs/COMMAND.md</c>: a table row or list item opening with it in backticks (<c>| `--prefix P` | …</c>). The commands are found in the function's
/// assembly — each <c>…Command</c> type with a constant <c>Name</c> (<c>backfill</c>, and <c>search</c> once it
/// exists) — and their help is what the built executable prints for <c>DescribeFunction COMMAND --help</c>.
/// </summary>
public partial class CommandHelpTests
{
    public static TheoryData<string> Commands() => [.. CommandNames()];

    [Fact]
    public void Commands_IncludeBackfill()
    {
        Assert.Contains(BackfillCommand.Name, CommandNames());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryOptionInHelp_IsDocumentedOnTheCommandsPage(string command)
    {
        var page = $"docs/{command}.md";
        var help = await HelpTextAsync(command);
        Assert.True(Repository.Entries.Contains(page), $"The command '{command}' has no page {page}; write one, documenting every option of `DescribeFunction {command} --help`.");
        var documented = DocumentedOptions(Repository.Read(page));

        var options = OptionPattern().Matches(help).Select(m => m.Value).Distinct().ToList();
        var missing = options.Where(option => !documented.Any(entry => StartsWithOption(entry, option)))
            .Select(option => $"{page} does not document {option}, which `DescribeFunction {command} --help` prints; add a row for it to the page's options table.");

        Assert.NotEmpty(options);
        DocsAssert.NoProblems(missing);
    }

    [Fact]
    public void EveryRedescribeMode_IsAnItemOfTheBackfillPagesModeList()
    {
        var page = Repository.Read("docs/backfill.md");

        var missing = Enum.GetNames<RedescribeMode>().Select(mode => mode.ToLowerInvariant())
            .Where(mode => !page.Contains($"\n- `{mode}` —", StringComparison.Ordinal))
            .Select(mode => $"docs/backfill.md does not describe the --redescribe mode {mode} in its list of modes (a line starting \"- `{mode}` —\").");

        DocsAssert.NoProblems(missing);
    }

    [Fact]
    public void EveryOptionOfTheLocalRunnersUsage_IsOnTheLocalDevelopmentPage()
    {
        var usage = Assembly.Load(new AssemblyName("DescribeFunction.Local")).GetTypes()
            .Select(t => t.GetField("Usage", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f!.GetRawConstantValue()!)
            .ToList();
        var page = Repository.Read("docs/local-development.md");

        var options = usage.SelectMany(text => OptionPattern().Matches(text).Select(m => m.Value)).Distinct().ToList();
        var missing = options.Where(option => !Regex.IsMatch(page, $@"(?<![\w-]){Regex.Escape(option)}(?![\w-])"))
            .Select(option => $"docs/local-development.md does not mention {option}, which the local runner's usage prints; say what it does.");

        Assert.NotEmpty(options);
        DocsAssert.NoProblems(missing);
    }

    /// <summary>
    /// The options a page documents: the backticked text opening a table row (<c>| `--prefix P` | …</c>) or a list
    /// item (<c>- `--json` — …</c>); a passing mention elsewhere does not say what the option does.
    /// </summary>
    private static List<string> DocumentedOptions(string markdown) =>
    [
        .. Markdown.TableRows(markdown).Select(row => row.Cells[0]),
        .. Markdown.WithoutFencedBlocks(markdown).Split('\n').Select(line => line.TrimStart()).Where(line => line.StartsWith("- ", StringComparison.Ordinal)).Select(line => line[2..]),
    ];

    private static bool StartsWithOption(string entry, string option) =>
        entry.StartsWith("`" + option, StringComparison.Ordinal) && entry.Length > option.Length + 1 && entry[option.Length + 1] is ' ' or '=' or ',' or '`';

    private static IEnumerable<string> CommandNames() =>
        typeof(DescribeImageFunction).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Command", StringComparison.Ordinal))
            .Select(t => t.GetField("Name", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f!.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

    /// <summary>What the built executable prints, as an operator would see it; PORT 0 in case the command is not dispatched.</summary>
    private static async Task<string> HelpTextAsync(string command)
    {
        await using var process = FunctionProcess.Start(FunctionProcess.BuiltFunction, [command, "--help"],
            new Dictionary<string, string> { ["FUNCTION_CONFIG"] = TestSettings.FilePath, ["PORT"] = "0" });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        Assert.True(exitCode == 0, $"DescribeFunction {command} --help exited with {exitCode}:\n{process.OutputTail()}");
        return string.Join('\n', process.StandardOutput.Concat(process.StandardError));
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")]
    private static partial Regex OptionPattern();
}
