using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Local.Cli;

namespace DescribeFunction.Tests.CommandLine;

public class CommandArgumentsTests
{
    private static readonly CommandSyntax Syntax = new("demo", "demo --help", ["--port", "--firestore", "--label"], ["--json"], TakesWords: true);

    [Theory]
    [InlineData("--port", "9999")]
    [InlineData("--port=9999")]
    public void BothSpellings_GiveTheSameValue(params string[] args)
    {
        Assert.Equal(9999, Syntax.Parse(args).Port("--port"));
    }

    [Fact]
    public void AValueThatIsAWord_IsTheOptionsValue_NotAFile()
    {
        var parsed = Syntax.Parse(["--firestore", "emulator", "photo.jpg"]);

        Assert.Equal("emulator", parsed.Value("--firestore"));
        Assert.Equal(["photo.jpg"], parsed.Words);
    }

    [Fact]
    public void RepeatedOptions_KeepEveryValue_AndAfterTheSeparatorAllAreWords()
    {
        var parsed = Syntax.Parse(["--label", "a", "--label=b", "--json", "--", "--port", "-x"]);

        Assert.Equal(["a", "b"], parsed.Values("--label"));
        Assert.True(parsed.Flag("--json"));
        Assert.Equal(["--port", "-x"], parsed.Words);
        Assert.Null(parsed.Port("--port"));
    }

    [Fact]
    public void Help_WinsOverMistakes()
    {
        Assert.True(Syntax.Parse(["--bogus", "--port", "abc", "-h"]).Help);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1000, "1s")]
    [InlineData(530_000, "530s")]
    [InlineData(1500, "1500ms")]
    [InlineData(300_000, "5m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(100, "100ms")]
    public void Durations_PrintAsPeopleWriteThem_AndReadBack(int milliseconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }

    [Fact]
    public void Describe_FilesWithTheSameName_GetDistinctObjectNames()
    {
        var names = DescribeCommand.ObjectNames(["/p/a/x.png", "/p/b/x.png", "/p/c/y.png", "/p/a/x.png"]).Select(n => n.Name);

        Assert.Equal(["a/x.png", "b/x.png", "y.png"], names);
    }

    [Fact]
    public void TheLocalRunner_FindsTheRepositorysFunctionYaml_FromAnyFolderInside_AndNoneOutside()
    {
        var expected = Path.Combine(Docs.Repository.Root, "function.yaml");

        Assert.Equal(expected, RepositorySettings.Find(Docs.Repository.Root));
        Assert.Equal(expected, RepositorySettings.Find(Path.Combine(Docs.Repository.Root, "src", "DescribeFunction.Local")));
        Assert.Null(RepositorySettings.Find(Path.GetTempPath()));
    }

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "--DESCRIBE_MODEL=google/x" }, null)]
    [InlineData(new[] { "--bogus" }, "'--bogus' is not a setting")]
    [InlineData(new[] { "--port", "9000" }, "'--port' is not a setting")]
    [InlineData(new[] { "serve" }, "'serve' is not a DescribeFunction command")]
    public void TheHost_TakesSettingsOnly(string[] args, string? error)
    {
        var actual = ExecutableUsage.HostArgumentError(args);

        if (error is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.StartsWith(error, actual, StringComparison.Ordinal);
        }
    }
}
