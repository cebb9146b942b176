using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// Each topic section of <c>docs/configuration.md</c> names the settings record it is read into ("Read into
/// `XSettings`"), and its rows are exactly the settings that record's file reads.
/// </summary>
public partial class ConfigurationSectionsTests
{
    private const string Page = "docs/configuration.md";

    [Fact]
    public void EachTopicSection_ListsExactlyTheSettingsItsRecordReads()
    {
        var sections = Sections(Repository.Read(Page));
        Assert.True(sections.Count >= 10, $"Expected a section per settings record in {Page}, found {sections.Count}.");

        DocsAssert.NoProblems(sections.SelectMany(section => Differences(section.Record, section.Rows, ReadsOf(section.Record))));
    }

    [Fact]
    public void Differences_NameARowTheRecordDoesNotRead_AndASettingWithoutARow()
    {
        var problems = Differences("SpendSettings", ["DAILY_IMAGE_BUDGET", "USAGE_SHARDS"], ["DAILY_IMAGE_BUDGET", "GRANT_SHARDS"]);

        Assert.Equal(
            [$"{Page}: the section read into SpendSettings lists USAGE_SHARDS, which SpendSettings does not read; move the row to its record's section.",
             $"{Page}: SpendSettings reads GRANT_SHARDS, but its section has no row for it."],
            problems);
    }

    private static IEnumerable<string> Differences(string record, IReadOnlyCollection<string> rows, IReadOnlyCollection<string> reads) =>
        rows.Except(reads).Select(r => $"{Page}: the section read into {record} lists {r}, which {record} does not read; move the row to its record's section.")
            .Concat(reads.Except(rows).Select(r => $"{Page}: {record} reads {r}, but its section has no row for it."));

    private static IReadOnlyCollection<string> ReadsOf(string record)
    {
        var path = $"src/DescribeFunction/Configuration/{record}.cs";
        return [.. SettingReads.Find(new Dictionary<string, string> { [path] = Repository.Read(path) }).Keys];
    }

    private static List<(string Record, IReadOnlyCollection<string> Rows)> Sections(string page)
    {
        var sections = new List<(string, IReadOnlyCollection<string>)>();
        foreach (var section in page.Split("\n## ").Skip(1))
        {
            if (RecordLine().Match(section) is { Success: true } record)
            {
                sections.Add((record.Groups[1].Value, [.. Row().Matches(section).Select(m => m.Groups[1].Value)]));
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^Read into `(\w+Settings)`", RegexOptions.Multiline)]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"^\| `([A-Z0-9_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
