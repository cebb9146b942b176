using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// <c>docs/configuration.md</c> is the configuration reference: one table row per setting, whose first cell is the
/// setting's name in backticks. Every setting the code reads (<see cref="SettingReads"/>) must have a row, and every
/// row must be a setting the code reads, or a deployment key: a row whose meaning starts with <c>deployment:</c>,
/// present in <c>function.yaml</c> and read by <c>deploy.sh</c> or the deploy commands of <c>docs/deploying.md</c>.
/// </summary>
public partial class ConfigurationReferenceTests
{
    private const string Page = "docs/configuration.md";

    [Fact]
    public void EverySettingTheCodeReads_HasARowInTheConfigurationReference()
    {
        var documented = DocumentedSettings().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var missing = SettingReads.InFunctionSources().Where(read => !documented.Contains(read.Key))
            .Select(read => $"{read.Key} is read in {read.Value} but has no row in {Page}; add one (setting, default, meaning).");

        DocsAssert.NoProblems(missing);
    }

    [Fact]
    public void EveryRowOfTheConfigurationReference_IsASettingTheCodeReads()
    {
        var reads = SettingReads.InFunctionSources();
        var functionYaml = Repository.Read("function.yaml");
        var deploying = Repository.Read("docs/deploying.md") + Repository.Read("deploy.sh");

        var unread = DocumentedSettings()
            .Where(s => !reads.ContainsKey(s.Name) && !IsDeploymentKey(s, functionYaml, deploying))
            .Select(s => $"{Page}:{s.Line} documents {s.Name}, but nothing in src/DescribeFunction reads it; remove the row, "
                + "or, for a key only the deploy commands read, start its meaning with 'deployment:' and keep it in function.yaml and read it in deploy.sh or docs/deploying.md (setting NAME).");

        DocsAssert.NoProblems(unread);
    }

    [Fact]
    public void EverySetting_HasOneRow()
    {
        var repeated = DocumentedSettings().GroupBy(s => s.Name).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} has {g.Count()} rows in {Page} (lines {string.Join(", ", g.Select(s => s.Line))}); keep one.");

        DocsAssert.NoProblems(repeated);
    }

    [Fact]
    public void SettingReads_FindsEveryFormOfRead_AndNoOtherLiteral()
    {
        var reads = SettingReads.Find(new Dictionary<string, string>
        {
            ["A.cs"] = """
                const string Shards = "SHARD_COUNT";
                var a = settings.GetString("PLAIN_STRING");
                var b = reader.GetDuration("SOME_DURATION", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.MaxValue);
                var c = Environment.GetEnvironmentVariable("FROM_ENVIRONMENT");
                var d = configuration["BY_INDEXER"]?.Trim();
                var e = settings.GetInt(Shards, 1, 1, 9);
                var f = configuration.GetValue<int>("TYPED_VALUE");
                """,
            ["B.cs"] = """
                var written = new Dictionary<string, string?> { ["WRITTEN_ENTRY"] = "1" };
                info.Environment["ASSIGNED_VARIABLE"] = "1";
                var reason = raw switch { "MAX_TOKENS" => 1, _ => 0 };
                var status = "UNAVAILABLE";
                var port = settings.GetInt("PORT", 8080, 0, 65535);
                """,
        });

        Assert.Equal(
            ["BY_INDEXER", "FROM_ENVIRONMENT", "PLAIN_STRING", "PORT", "SHARD_COUNT", "SOME_DURATION", "TYPED_VALUE"],
            reads.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SettingReads_InTheFunction_FindsTheReadsOfEachKind()
    {
        var reads = SettingReads.InFunctionSources();

        // A settings getter, the host contract, a Cloud Run job variable, and a direct environment read.
        Assert.Contains("DESCRIBE_MODEL", reads.Keys);
        Assert.Contains("PORT", reads.Keys);
        Assert.Contains("CLOUD_RUN_EXECUTION", reads.Keys);
        Assert.Contains("FUNCTION_CONFIG", reads.Keys);
    }

    private static bool IsDeploymentKey(DocumentedSetting setting, string functionYaml, string deploying) =>
        setting.Meaning.StartsWith("deployment:", StringComparison.Ordinal)
        && Regex.IsMatch(functionYaml, $"^{setting.Name}:", RegexOptions.Multiline)
        && deploying.Contains($"setting {setting.Name}", StringComparison.Ordinal);

    private static List<DocumentedSetting> DocumentedSettings() =>
    [
        .. Markdown.TableRows(Repository.Read(Page))
            .Select(row => (row.Line, Match: SettingCell().Match(row.Cells[0]), Meaning: row.Cells.Length > 2 ? row.Cells[^1] : ""))
            .Where(row => row.Match.Success)
            .Select(row => new DocumentedSetting(row.Match.Groups[1].Value, row.Line, row.Meaning)),
    ];

    private sealed record DocumentedSetting(string Name, int Line, string Meaning);

    [GeneratedRegex("^`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)`$")]
    private static partial Regex SettingCell();
}
