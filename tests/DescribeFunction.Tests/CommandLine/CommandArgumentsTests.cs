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
}
